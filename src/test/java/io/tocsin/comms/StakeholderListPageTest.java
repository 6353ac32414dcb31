package io.tocsin.comms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.WebSession;
import org.junit.jupiter.api.Test;

/** Responders keep stakeholder distribution lists on a page; a broken address is named and nothing is stored (R24). */
class StakeholderListPageTest extends IntegrationTest {

    @Test
    void createListAndRefuseABrokenAddress() {
        var user = createUser(Role.RESPONDER, "List Keeper");
        var session = new WebSession(baseUrl(), user.email(), "password-of-11-chars");
        session.get("/stakeholders");
        String name = "Execs " + System.nanoTime();
        long before = count("stakeholder_list");

        var broken = session.post("/stakeholders", Map.of("name", name, "emails", "cfo@example.org\nnot an address"));
        assertThat(broken.statusCode()).isEqualTo(422);
        assertThat(broken.body()).contains("not an address").contains("invalid-feedback");
        assertThat(count("stakeholder_list")).isEqualTo(before);

        var created = session.post("/stakeholders", Map.of("name", name, "emails", "cfo@example.org\ncto@example.org"));
        assertThat(created.statusCode()).isEqualTo(302);
        var page = session.get("/stakeholders").body();
        assertThat(page).contains(name).contains("cfo@example.org").contains("cto@example.org");
        assertThat(count("stakeholder_list")).isEqualTo(before + 1);
    }
}
