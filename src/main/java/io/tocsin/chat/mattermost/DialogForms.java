package io.tocsin.chat.mattermost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;

/**
 * The interactive dialogs Mattermost opens for Tocsin (pure): the declare form and the update composer, as
 * {@code POST /api/v4/actions/dialogs/open} takes them (elements {@code text}, {@code textarea}, {@code select},
 * {@code bool}), worded like Slack's modals in the person's language.
 */
final class DialogForms {

    private DialogForms() {
    }

    private static Map<String, Object> element(String name, String label, String type, boolean optional,
            Map<String, Object> more) {
        var e = new LinkedHashMap<String, Object>(more);
        e.put("name", name);
        e.put("display_name", label);
        e.put("type", type);
        e.put("optional", optional);
        return e;
    }

    /** The declare form: summary, severity (default 3), details. */
    static Map<String, Object> declare(MessageSource messages, Locale locale) {
        var severities = new ArrayList<Map<String, Object>>();
        for (int s = 1; s <= 3; s++) {
            severities.add(Map.of("text", messages.getMessage("chat.slack.form.severity." + s, null, locale),
                    "value", Integer.toString(s)));
        }
        return Map.of(
                "title", messages.getMessage("chat.slack.form.declare.title", null, locale),
                "submit_label", messages.getMessage("chat.slack.form.declare.submit", null, locale),
                "elements", List.of(
                        element("summary", messages.getMessage("chat.slack.form.summary", null, locale), "text", false,
                                Map.of("max_length", 300)),
                        element("severity", messages.getMessage("chat.slack.form.severity", null, locale), "select",
                                false, Map.of("options", severities, "default", "3")),
                        element("description", messages.getMessage("chat.slack.form.description", null, locale),
                                "textarea", true, Map.of("max_length", 3000))));
    }

    /** The update composer: the checklist's gaps as introduction, the update's parts, "send despite the gaps". */
    static Map<String, Object> update(MessageSource messages, Locale locale, String incidentKey, String summary,
            List<String> gaps) {
        String intro = MattermostAdapter.markdown(messages.getMessage("chat.slack.form.update.intro",
                new Object[] {incidentKey, summary}, locale));
        if (!gaps.isEmpty()) {
            intro += "\n\n" + MattermostAdapter.markdown(messages.getMessage("chat.slack.form.update.checklist", null,
                    locale)) + "\n" + String.join("\n", gaps.stream().map(g -> "- " + g).toList());
        }
        return Map.of(
                "title", messages.getMessage("chat.slack.form.update.title", null, locale),
                "submit_label", messages.getMessage("chat.slack.form.update.submit", null, locale),
                "introduction_text", intro,
                "elements", List.of(
                        element("summary", messages.getMessage("chat.slack.form.update.summary", null, locale),
                                "textarea", false, Map.of()),
                        element("status", messages.getMessage("chat.slack.form.update.status", null, locale),
                                "textarea", true, Map.of()),
                        element("next", messages.getMessage("chat.slack.form.update.next", null, locale),
                                "textarea", true, Map.of()),
                        element("impact", messages.getMessage("chat.slack.form.update.impact", null, locale),
                                "text", true, Map.of()),
                        element("gaps", messages.getMessage("chat.slack.form.update.gaps", null, locale), "bool",
                                true, Map.of("placeholder", messages.getMessage("chat.slack.form.update.gaps.ok", null,
                                        locale)))));
    }
}
