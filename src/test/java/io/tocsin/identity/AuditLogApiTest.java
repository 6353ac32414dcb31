package io.tocsin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;

import io.tocsin.identity.internal.AuditRetention;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 15 point 4: the audit log can be read by administrators, through the API (filters, paging, CSV) and a
 * page; nobody else reads it; entries older than the retention are deleted.
 */
class AuditLogApiTest extends IntegrationTest {

    @Autowired
    AuditRetention retention;

    @Test
    void administratorsFilterTheLogAndDownloadItAsCsvOthersAreRefused() {
        var marker = "Audra Audit " + System.nanoTime();
        var user = createUser(Role.RESPONDER, marker);
        WebSession.anonymous(baseUrl()).tryLogin(user.email(), "wrong password");
        jdbc.sql("insert into audit_log (occurred_at, actor_name, action, entity_type, entity_id, detail)"
                + " values (?, 'Mallory', 'test.formula', 'user', ?, '=HYPERLINK(\"http://evil\")')")
                .params(Timestamp.from(clock.instant()), user.id().toString()).update();

        var created = admin().get("/api/v1/audit-log?action=user.created&entityType=user&entityId=" + user.id())
                .expect(200).json();
        assertThat(created.size()).isEqualTo(1);
        assertThat(created.get(0).get("actorName").asString()).isEqualTo("Administrator");
        var logins = admin().get("/api/v1/audit-log?action=LOGIN.&entityId=" + user.id()).expect(200).json();
        assertThat(logins.size()).isEqualTo(1);
        assertThat(logins.get(0).get("action").asString()).isEqualTo("login.failed");
        assertThat(logins.get(0).get("detail").asString()).contains("from 127.0.0.1");
        var everything = admin().get("/api/v1/audit-log?entityId=" + user.id()).expect(200).json();
        assertThat(everything.size()).isGreaterThanOrEqualTo(3);
        long newest = everything.get(0).get("id").asLong();
        var older = admin().get("/api/v1/audit-log?entityId=" + user.id() + "&before=" + newest).expect(200).json();
        assertThat(older.size()).isEqualTo(everything.size() - 1);
        String future = clock.instant().plus(Duration.ofDays(1)).toString();
        assertThat(admin().get("/api/v1/audit-log?entityId=" + user.id() + "&from=" + future).json().size()).isZero();

        var csv = admin().withHeader("Accept", "text/csv")
                .send("GET", "/api/v1/audit-log/csv?entityId=" + user.id(), null, "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("id,occurred_at,actor_id,actor_name,action,entity_type,entity_id,detail\r\n")
                .contains("\"user.created\"").contains("\"login.failed\"")
                // A cell a spreadsheet would run as a formula is defused with a leading apostrophe.
                .contains("\"'=HYPERLINK(\"\"http://evil\"\")\"").doesNotContain(",\"=");

        for (Role role : new Role[] {Role.RESPONDER, Role.STAKEHOLDER}) {
            var other = newUser(role, "Nosy " + role);
            assertThat(other.get("/api/v1/audit-log").status()).as(role.name()).isEqualTo(403);
            assertThat(other.withHeader("Accept", "text/csv").send("GET", "/api/v1/audit-log/csv", null, "text/csv")
                    .status()).isEqualTo(403);
        }

        var page = new WebSession(baseUrl(), ADMIN_EMAIL, ADMIN_PASSWORD).get("/admin/audit?action=login.failed");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"audit-entries\"").contains(user.id().toString()).contains("login.failed")
                .contains("/api/v1/audit-log/csv?action=login.failed");
    }

    @Test
    void entriesOlderThanTheRetentionAreDeleted() {
        var old = clock.instant().minus(retention.retention()).minus(Duration.ofDays(1));
        jdbc.sql("insert into audit_log (occurred_at, actor_name, action, entity_type, entity_id, detail)"
                + " values (?, 'Old', 'test.ancient', 'test', 'retention', null)").param(Timestamp.from(old)).update();
        jdbc.sql("insert into audit_log (occurred_at, actor_name, action, entity_type, entity_id, detail)"
                + " values (?, 'New', 'test.recent', 'test', 'retention', null)").param(Timestamp.from(clock.instant()))
                .update();
        assertThat(retention.purge()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select action from audit_log where entity_id = 'retention'").query(String.class).list())
                .containsExactly("test.recent");
    }
}
