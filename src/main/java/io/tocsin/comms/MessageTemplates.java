package io.tocsin.comms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.tocsin.comms.internal.MessageVariables;
import io.tocsin.comms.internal.TextTemplateRenderer;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Role;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The message templates (R23, R25): initial, follow-up and final messages, internal and external, in English and
 * German. The built-in texts follow the handbook (seed 003); an organisation overrides any of them, and resets
 * to the built-in text by deleting its own.
 */
@Component
@Transactional
public class MessageTemplates {

    public static final List<String> LANGUAGES = List.of("en", "de");
    public static final int MAX_TITLE = 1000;
    public static final int MAX_BODY = 20_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TextTemplateRenderer renderer = new TextTemplateRenderer();

    MessageTemplates(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A template; {@code custom} when the organisation wrote it. */
    public record Template(UpdateAudience audience, UpdateKind kind, String language, String title, String body,
            boolean custom) {
    }

    public record Rendered(String title, String body) {
    }

    @Transactional(readOnly = true)
    public List<Template> all() {
        var result = new ArrayList<Template>();
        for (var audience : UpdateAudience.values()) {
            for (var kind : UpdateKind.values()) {
                for (var language : LANGUAGES) {
                    result.add(get(audience, kind, language));
                }
            }
        }
        return result;
    }

    @Transactional(readOnly = true)
    public Template get(UpdateAudience audience, UpdateKind kind, String language) {
        String lang = language(language);
        return custom(audience, kind, lang).orElseGet(() -> builtIn(audience, kind, lang));
    }

    public Template save(UpdateAudience audience, UpdateKind kind, String language, String title, String body) {
        requireAdmin();
        String lang = language(language);
        var violations = new ArrayList<FieldViolation>();
        check("title", title, MAX_TITLE, lang, violations);
        check("body", body, MAX_BODY, lang, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var now = Timestamp.from(clock.instant());
        String who = CurrentActor.get().name();
        int updated = jdbc.sql("""
                update message_template set title_template = ?, body_template = ?, updated_at = ?, updated_by_name = ?
                where audience = ? and kind = ? and language = ?""")
                .params(title, body, now, who, audience.name(), kind.name(), lang).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into message_template (audience, kind, language, title_template, body_template, updated_at,
                                                  updated_by_name) values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(audience.name(), kind.name(), lang, title, body, now, who).update();
        }
        return new Template(audience, kind, lang, title, body, true);
    }

    /** Goes back to the built-in text. */
    public Template reset(UpdateAudience audience, UpdateKind kind, String language) {
        requireAdmin();
        String lang = language(language);
        jdbc.sql("delete from message_template where audience = ? and kind = ? and language = ?")
                .params(audience.name(), kind.name(), lang).update();
        return builtIn(audience, kind, lang);
    }

    /** Renders title and body with the variables of one update. */
    @Transactional(readOnly = true)
    public Rendered render(UpdateAudience audience, UpdateKind kind, Locale locale, Map<String, Object> variables) {
        var template = get(audience, kind, locale.getLanguage());
        return new Rendered(renderer.render(template.title(), variables, locale).strip(),
                renderer.render(template.body(), variables, locale).strip());
    }

    /** Example values for checking a template before it is saved. */
    public static Map<String, Object> sampleVariables() {
        return MessageVariables.of(new MessageVariables.Facts("INC-1", "Checkout fails", 1, "Critical", "payments",
                List.of("Web Shop"), "inc-1", "https://tocsin.example/incidents/INC-1/status-document",
                "Card payments fail for all customers.", "customers cannot pay by card", "all customers", null,
                "within the hour", List.of("Errors since 14:02", "Rollback started"),
                List.of("Finish the rollback", "Watch error rates"), "15:30 UTC", "1 h 5 min", 12,
                "9% failed checkouts"), Locale.ENGLISH);
    }

    private void check(String field, String text, int max, String lang, List<FieldViolation> violations) {
        if (text == null || text.isBlank()) {
            violations.add(new FieldViolation(field, "must not be blank"));
            return;
        }
        if (text.length() > max) {
            violations.add(new FieldViolation(field, "must be at most " + max + " characters"));
            return;
        }
        try {
            renderer.render(text, sampleVariables(), Locale.forLanguageTag(lang));
        } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation(field, "template does not render: " + e.getMessage()));
        }
    }

    private Optional<Template> custom(UpdateAudience audience, UpdateKind kind, String lang) {
        return jdbc.sql("select title_template, body_template from message_template where audience = ? and kind = ? and language = ?")
                .params(audience.name(), kind.name(), lang)
                .query((rs, n) -> new Template(audience, kind, lang, rs.getString(1), rs.getString(2), true)).optional();
    }

    static Template builtIn(UpdateAudience audience, UpdateKind kind, String lang) {
        String path = "comms/templates/" + audience.name().toLowerCase(Locale.ROOT) + "-"
                + kind.name().toLowerCase(Locale.ROOT) + "." + lang + ".txt";
        try (var in = new ClassPathResource(path).getInputStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = text.indexOf("\n---\n");
            return new Template(audience, kind, lang, text.substring(0, split).strip(), text.substring(split + 5), false);
        } catch (IOException e) {
            throw new UncheckedIOException("built-in template " + path + " is missing", e);
        }
    }

    private static String language(String language) {
        String lang = language == null ? "en" : language.strip().toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(lang)) {
            throw new InvalidInputException("language", "must be one of " + LANGUAGES);
        }
        return lang;
    }

    private static void requireAdmin() {
        if (CurrentActor.principal().map(TocsinPrincipal::role).orElse(Role.ADMIN) != Role.ADMIN) {
            throw new AccessDeniedException("only administrators edit the organisation's message templates");
        }
    }
}
