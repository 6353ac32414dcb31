package io.tocsin.statuspage;

import static io.tocsin.statuspage.StatusPageTestSupport.component;
import static io.tocsin.statuspage.StatusPageTestSupport.link;
import static io.tocsin.statuspage.StatusPageTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.shared.DurableTimers;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 11 point 1 (default language, the visitor may switch) for the subscription forms of points 6 and 9, R22/R23:
 * on a German page every answer a visitor gets from the e-mail and webhook forms is German - each refused field
 * (missing, invalid, not https, a private target, unknown components), the throttle's 429, the confirmation mail,
 * the confirmation and unsubscribe pages - and a visitor who switched to English gets English.
 */
class StatusPageGermanFormsTest extends IntegrationTest {

    @Autowired
    DurableTimers timers;

    @Autowired
    DeliveryWorker worker;

    private StatusPageTestSupport.Visitor visitor() {
        return new StatusPageTestSupport.Visitor(baseUrl());
    }

    @Test
    void theEmailFormAnswersInGerman() throws Exception {
        // The forms are throttled per client address, shared by the tests: a minute on gives this one its own.
        clock.advance(Duration.ofMinutes(1));
        String slug = unique("deform");
        StatusPageTestSupport.page(admin(), slug, Map.of("language", "de"));
        String path = "/status/" + slug + "/subscriptions";

        var bad = visitor().form(path, Map.of("email", "kein-adresse"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("An diese E-Mail-Adresse können wir nicht schreiben.", "lang=\"de\"")
                .doesNotContain("That is not");
        assertThat(visitor().form(path, Map.of("email", "")).body())
                .contains("Bitte geben Sie eine E-Mail-Adresse ein.");
        var unknown = visitor().form(path, Map.of("email", "a@example.com", "component", UUID.randomUUID().toString()));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("Bitte wählen Sie unter den Komponenten dieser Seite.");
        assertThat(visitor().form(path, Map.of("email", "a@example.com", "component", "kaputt")).body())
                .contains("Bitte wählen Sie unter den Komponenten dieser Seite.");
        // The visitor switched the page to English: the form's answer follows.
        assertThat(visitor().form(path, Map.of("email", "kein-adresse", "lang", "en")).body())
                .contains("That is not an e-mail address we can write to.");

        String address = unique("de") + "@example.com";
        var ok = visitor().form(path, Map.of("email", address));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("Danke. Wenn die Adresse Updates empfangen kann", "Zurück zur Statusseite");
        timers.runDue();
        worker.deliverDue();
        var mail = TestMailServer.mailTo(address).getFirst();
        assertThat(TestMailServer.subject(mail)).startsWith("Bestätigen Sie Ihr Abonnement von");
        String confirm = link(mail, "/subscriptions/confirm?token=");
        assertThat(visitor().get(confirm).body()).contains("Ihr Abonnement ist bestätigt.");
        var again = visitor().get(confirm);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("Dieser Link ist nicht (mehr) gültig.");
        var unsubscribe = visitor().get("/status/" + slug + "/subscriptions/" + UUID.randomUUID()
                + "/unsubscribe?token=x");
        assertThat(unsubscribe.body()).contains("Keine Updates mehr von dieser Seite erhalten?", ">Abbestellen<");

        clock.advance(Duration.ofMinutes(1));
        int throttled = 0;
        for (int i = 0; i < 12; i++) {
            var r = visitor().form(path, Map.of("email", unique("burst") + "@example.com"));
            if (r.statusCode() == 429) {
                throttled++;
                assertThat(r.body()).contains("Zu viele Anfragen von Ihrer Adresse");
            }
        }
        assertThat(throttled).isGreaterThanOrEqualTo(2);
        clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void theWebhookFormsRefusalsAreInTheVisitorsLanguage() {
        clock.advance(Duration.ofMinutes(1));
        var admin = admin();
        String slug = unique("dehook");
        String pageId = StatusPageTestSupport.page(admin, slug, Map.of("language", "de")).get("id").asString();
        component(admin, pageId, "API", null, List.of());
        String path = "/status/" + slug + "/subscriptions/webhooks";
        var visitor = anonymous();

        // No language named: the page's (German).
        var http = visitor.post(path, Map.of("url", "http://example.org/hook", "email", "kein-adresse"));
        assertThat(http.status()).isEqualTo(422);
        assertThat(http.header("Content-Type")).startsWith("application/problem+json");
        var errors = http.json().get("errors");
        assertThat(errors.get(0).get("field").asString()).isEqualTo("url");
        assertThat(errors.get(0).get("code").asString()).isEqualTo("url_not_https");
        assertThat(errors.get(0).get("message").asString())
                .isEqualTo("Die URL muss mit https:// beginnen, damit jede Zustellung verschlüsselt ist.");
        assertThat(errors.get(1).get("field").asString()).isEqualTo("email");
        assertThat(errors.get(1).get("message").asString()).isEqualTo("An diese E-Mail-Adresse können wir nicht schreiben.");
        assertThat(http.json().get("title").asString()).isEqualTo("Ungültige Anfrage");
        assertThat(http.json().get("detail").asString()).isEqualTo("2 Felder sind ungültig.");

        for (String unsafe : List.of("https://127.0.0.1/hook", "https://10.1.2.3/x", "https://169.254.169.254/x")) {
            var refused = visitor.post(path, Map.of("url", unsafe, "email", "a@example.org", "language", "de"));
            assertThat(refused.status()).as(unsafe).isEqualTo(422);
            assertThat(refused.json().get("errors").get(0).get("message").asString()).as(unsafe)
                    .startsWith("Diese Adresse zeigt in ein privates, lokales oder reserviertes Netz");
        }
        assertThat(message(visitor.post(path, Map.of("url", "https://user:pw@example.org/x", "email", "a@example.org"))))
                .startsWith("An diese URL können wir nicht senden");
        assertThat(message(visitor.post(path, Map.of("email", "a@example.org"))))
                .isEqualTo("Bitte geben Sie die URL Ihres Endpunkts ein.");
        assertThat(message(visitor.post(path, Map.of("url", "https://127.0.0.1/x", "email", "a@example.org",
                "components", List.of(UUID.randomUUID().toString()))), "components"))
                .isEqualTo("Bitte wählen Sie unter den Komponenten dieser Seite.");
        // The visitor switched to English.
        assertThat(message(visitor.post(path, Map.of("url", "https://127.0.0.1/hook", "email", "a@example.org",
                "language", "en")))).startsWith("This address points into a private, local or reserved network");

        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            visitor.post(path, Map.of("url", "http://example.org/" + i, "email", "a@example.org")).expect(422);
        }
        var throttled = visitor.post(path, Map.of("url", "http://example.org/x", "email", "a@example.org"));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().get("detail").asString())
                .isEqualTo("Zu viele Versuche von Ihrer Adresse. Bitte versuchen Sie es in einer Minute erneut.");
        assertThat(throttled.header("Retry-After")).isEqualTo("60");
        clock.advance(Duration.ofMinutes(1));
    }

    private static String message(io.tocsin.support.Api.Response response) {
        return message(response, null);
    }

    /** The message for the field (null: the first one) of a 422. */
    private static String message(io.tocsin.support.Api.Response response, String field) {
        assertThat(response.status()).isEqualTo(422);
        for (var error : response.json().get("errors")) {
            if (field == null || field.equals(error.get("field").asString())) {
                return error.get("message").asString();
            }
        }
        throw new AssertionError("no error for " + field + " in " + response.body());
    }
}
