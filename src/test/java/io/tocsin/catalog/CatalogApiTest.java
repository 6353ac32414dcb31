package io.tocsin.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** Services with owning team and tier, the built-in Unknown service, and products (R1). */
class CatalogApiTest extends IntegrationTest {

    @Test
    void unknownIsBuiltInAndTheDefaultFaultyService() {
        var unknown = admin().get("/api/v1/services/" + Service.UNKNOWN_ID).expect(200).json();
        assertThat(unknown.get("name").asString()).isEqualTo("Unknown");
        assertThat(unknown.get("builtIn").asBoolean()).isTrue();
        assertThat(admin().put("/api/v1/services/" + Service.UNKNOWN_ID, Map.of("name", "Renamed")).status())
                .isEqualTo(409);
        var incident = admin().post("/api/v1/incidents", Map.of("summary", "No idea where", "severity", 3))
                .expect(201).json();
        assertThat(incident.get("service").get("name").asString()).isEqualTo("Unknown");
    }

    @Test
    void servicesHaveAnOwningTeamAndATier() {
        String teamId = admin().post("/api/v1/teams", Map.of("name", "Search " + System.nanoTime())).expect(201)
                .json().get("id").asString();
        String name = "search-api-" + System.nanoTime();
        var created = admin().post("/api/v1/services", Map.of("name", name, "description", "Full-text search",
                "owningTeamId", teamId, "tier", 1)).expect(201);
        var service = created.json();
        assertThat(service.get("tier").asInt()).isEqualTo(1);
        assertThat(service.get("owningTeamId").asString()).isEqualTo(teamId);
        assertThat(admin().post("/api/v1/services", Map.of("name", name.toUpperCase())).status()).isEqualTo(409);
        assertThat(admin().post("/api/v1/services", Map.of("name", "x" + name, "tier", 4)).status()).isEqualTo(400);
        assertThat(admin().post("/api/v1/services", Map.of("name", "y" + name, "owningTeamId",
                UUID.randomUUID().toString())).status()).isEqualTo(422);

        var renamed = admin().withHeader("If-Match", created.header("ETag")).put("/api/v1/services/"
                + service.get("id").asString(), Map.of("name", name + "-v2", "tier", 2)).expect(200).json();
        assertThat(renamed.get("version").asLong()).isEqualTo(1);
        assertThat(admin().withHeader("If-Match", created.header("ETag")).put("/api/v1/services/"
                + service.get("id").asString(), Map.of("name", name + "-v3")).status()).isEqualTo(412);
    }

    @Test
    void incidentsNameAffectedProducts() {
        String shop = admin().post("/api/v1/products", Map.of("name", "Shop " + System.nanoTime())).expect(201)
                .json().get("id").asString();
        String app = admin().post("/api/v1/products", Map.of("name", "App " + System.nanoTime())).expect(201)
                .json().get("id").asString();
        var incident = admin().post("/api/v1/incidents", Map.of("summary", "Both down", "severity", 1,
                "productIds", java.util.List.of(shop, app))).expect(201).json();
        assertThat(incident.get("products").size()).isEqualTo(2);
        var edited = admin().patch("/api/v1/incidents/" + incident.get("key").asString(),
                Map.of("productIds", java.util.List.of(app))).expect(200).json();
        assertThat(edited.get("products").size()).isEqualTo(1);
        assertThat(edited.get("products").get(0).get("id").asString()).isEqualTo(app);
    }
}
