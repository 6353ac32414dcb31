package io.tocsin.incidents;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The severity scale 1..3 with the handbook's meanings and examples (R5, seed 003). Labels can be configured per
 * organisation; help texts come from the message bundles in the reader's language.
 */
@Component
public class SeverityScale {

    private final IncidentSettings settings;
    private final MessageSource messages;

    SeverityScale(IncidentSettings settings, MessageSource messages) {
        this.settings = settings;
        this.messages = messages;
    }

    public record Level(int severity, String label, String meaning, List<String> examples, boolean major) {
    }

    public String label(int severity, Locale locale) {
        var configured = settings.getSeverityLabels().get(severity);
        return configured != null ? configured : messages.getMessage("severity." + severity + ".label", null,
                "Severity " + severity, locale);
    }

    public List<Level> levels(Locale locale) {
        return List.of(level(1, locale), level(2, locale), level(3, locale));
    }

    private Level level(int severity, Locale locale) {
        String examples = messages.getMessage("severity." + severity + ".examples", null, "", locale);
        return new Level(severity, label(severity, locale),
                messages.getMessage("severity." + severity + ".meaning", null, "", locale),
                examples.isBlank() ? List.of() : List.of(examples.split("\\|")), severity <= 2);
    }
}
