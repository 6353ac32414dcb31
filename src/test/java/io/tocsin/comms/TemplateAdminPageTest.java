package io.tocsin.comms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Administrators edit the organisation's update templates on a page, in English and German (R23). */
class TemplateAdminPageTest extends IntegrationTest {

    @Autowired
    MessageTemplates templates;

    @Test
    void anAdministratorRewordsATemplateAndABrokenOneIsRefusedWithTheInputKept() {
        var session = new WebSession(baseUrl(), ADMIN_EMAIL, ADMIN_PASSWORD);
        var page = session.get("/admin/templates");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"INTERNAL-FOLLOW_UP-de\"").contains("id=\"EXTERNAL-INITIAL-en\"");

        var saved = session.post("/admin/templates/EXTERNAL/INITIAL/en", Map.of(
                "title", "Trouble with [(${service})]", "body", "We are on it: [(${service})]. More soon."));
        assertThat(saved.statusCode()).isEqualTo(302);
        var template = templates.get(UpdateAudience.EXTERNAL, UpdateKind.INITIAL, "en");
        assertThat(template.custom()).isTrue();
        assertThat(template.title()).isEqualTo("Trouble with [(${service})]");

        var broken = session.post("/admin/templates/EXTERNAL/INITIAL/en", Map.of(
                "title", "Broken [(${service.noSuchProperty})]", "body", "still mine"));
        assertThat(broken.statusCode()).isEqualTo(422);
        assertThat(broken.body()).contains("still mine").contains("invalid-feedback");
        assertThat(templates.get(UpdateAudience.EXTERNAL, UpdateKind.INITIAL, "en").title())
                .isEqualTo("Trouble with [(${service})]");

        assertThat(session.post("/admin/templates/EXTERNAL/INITIAL/en/reset", Map.of()).statusCode()).isEqualTo(302);
        assertThat(templates.get(UpdateAudience.EXTERNAL, UpdateKind.INITIAL, "en").custom()).isFalse();
    }

    @Test
    void respondersCannotOpenIt() {
        var user = createUser(Role.RESPONDER, "Not Admin");
        var session = new WebSession(baseUrl(), user.email(), "password-of-9-chars");
        assertThat(session.get("/admin/templates").statusCode()).isEqualTo(403);
    }
}
