package io.tocsin.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.support.Api;
import io.tocsin.support.WebSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15 point 3 (R16): "people paging them through Tocsin" see a person's phone and e-mail. While an incident is
 * open, whoever holds a role on it (its incident manager, its responders) sees the contact data of the people it
 * paged (by escalation, or by giving them a role), and whoever gave someone a role sees theirs; stakeholders never,
 * even holding a role; people outside the incident never; and nobody any more once it is resolved. Shown through
 * {@code GET /api/v1/users}, {@code GET /api/v1/users/{id}} and the incident page's paging box.
 */
class PagingPersonalDataTest extends EscalationTestSupport {

    private static final String PHONE = "+49 30 7654321";

    @Test
    void theRespondersOfAnOpenIncidentSeeWhomItPagedUntilItIsResolved() {
        var paul = withPhone(emailResponder("Paul Paged"));
        var ivy = responder("Ivy Incidentmanager");
        var tom = responder("Tom Techlead");
        var mo = responder("Mo Helper");
        var nia = withPhone(responder("Nia Scribe"));
        var rita = responder("Rita Bystander");
        var stan = createUser(Role.STAKEHOLDER, "Stan Stakeholder");
        Api stanApi = new Api(baseUrl(), tokenFor(stan.id()));
        String serviceId = service(null);
        assign(serviceId, policy(0, level(5, user(paul))));

        String key = ivy.api().post("/api/v1/incidents", Map.of("summary", "Checkout down", "severity", 1,
                "serviceId", serviceId)).expect(201).json().get("key").asString();
        worker.deliverDue();
        assertThat(mailTo(paul.destination())).as("Paul was paged").isNotEmpty();
        // Declaring is no role: Ivy does not see the number of the person her incident paged yet.
        assertHidden(ivy.api(), paul);

        // Mo, on the unmanaged incident, gives Nia a role: he added her, so he sees her, though he holds no role.
        mo.api().post("/api/v1/incidents/" + key + "/roles/scribe/assignments", Map.of("userId", nia.id()))
                .expect(201);
        assertSees(mo.api(), nia);
        assertHidden(mo.api(), paul);
        assertHidden(nia.api(), mo);

        // Ivy takes command and names Tom technical lead and Stan (a stakeholder) the customer support lead.
        ivy.api().post("/api/v1/incidents/" + key + "/assign", Map.of()).expect(200);
        ivy.api().post("/api/v1/incidents/" + key + "/roles/technical-lead/assignments", Map.of("userId", tom.id()))
                .expect(201);
        ivy.api().post("/api/v1/incidents/" + key + "/roles/customer-support-lead/assignments",
                Map.of("userId", stan.id())).expect(201);
        for (Api responderOfIt : new Api[] {ivy.api(), tom.api(), nia.api()}) {
            assertSees(responderOfIt, paul);
        }
        assertSees(ivy.api(), nia);
        assertSees(tom.api(), nia);
        assertHidden(rita.api(), paul);
        assertHidden(rita.api(), nia);
        assertHidden(stanApi, paul);
        assertHidden(stanApi, nia);
        // Paul was paged; he holds no role, so he is not paging anyone.
        assertHidden(paul.api(), tom);

        // The incident page's paging box: Ivy gets a link to call Paul; Rita sees his name only.
        String paulsEmail = identity.user(paul.id()).email();
        var ivyPage = session(ivy).get("/incidents/" + key);
        assertThat(ivyPage.body()).contains("escalation-panel").contains("href=\"tel:+49307654321\"")
                .contains("mailto:" + paulsEmail);
        var ritaPage = session(rita).get("/incidents/" + key);
        assertThat(ritaPage.statusCode()).isEqualTo(200);
        assertThat(ritaPage.body()).contains("Paul Paged").doesNotContain("tel:+49307654321")
                .doesNotContain(paulsEmail);

        // Resolved: the incident no longer pages anyone, and its people are strangers again.
        ivy.api().post("/api/v1/incidents/" + key + "/resolve", Map.of("reason", "Fixed")).expect(200);
        assertHidden(ivy.api(), paul);
        assertHidden(tom.api(), paul);
        assertHidden(mo.api(), nia);
        assertThat(session(ivy).get("/incidents/" + key).body()).doesNotContain("tel:+49307654321");
        // Administrators and the person themself, always.
        assertSees(admin(), paul);
        assertSees(paul.api(), paul);
    }

    private WebSession session(Person p) {
        return new WebSession(baseUrl(), identity.user(p.id()).email(), "password-of-" + p.name().length() + "-chars");
    }

    private Person withPhone(Person p) {
        var user = identity.user(p.id());
        admin().put("/api/v1/users/" + p.id(), Map.of("name", user.name(), "email", user.email(), "phone", PHONE))
                .expect(200);
        return p;
    }

    private void assertSees(Api viewer, Person person) {
        String email = identity.user(person.id()).email();
        for (JsonNode seen : views(viewer, person)) {
            assertThat(seen.get("email").asString()).as(person.name()).isEqualTo(email);
            assertThat(seen.path("contact").isMissingNode() || seen.path("contact").isNull()).isTrue();
        }
    }

    private void assertHidden(Api viewer, Person person) {
        String email = identity.user(person.id()).email();
        for (JsonNode seen : views(viewer, person)) {
            assertThat(seen.get("name").asString()).isEqualTo(person.name());
            assertThat(seen.path("email").isMissingNode() || seen.path("email").isNull()).as(person.name()).isTrue();
            assertThat(seen.path("phone").isMissingNode() || seen.path("phone").isNull()).isTrue();
            assertThat(seen.get("contact").asString()).isEqualTo("page through Tocsin");
        }
        assertThat(viewer.get("/api/v1/users").body()).doesNotContain(email);
    }

    private JsonNode[] views(Api viewer, Person person) {
        JsonNode listed = null;
        for (var u : viewer.get("/api/v1/users").expect(200).json()) {
            if (u.get("id").asString().equals(person.id().toString())) {
                listed = u;
            }
        }
        assertThat(listed).as("listed: " + person.name()).isNotNull();
        return new JsonNode[] {listed, viewer.get("/api/v1/users/" + person.id()).expect(200).json()};
    }
}
