package io.tocsin.chat.teams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tocsin.chat.ChatMessage;

/**
 * Messages as Teams shows them (pure): an Adaptive Card (schema 1.4, which Teams renders) in a message activity's
 * attachment, with the text as TextBlocks and the buttons as {@code Action.Submit}. Pressing one sends the bot a
 * message activity whose {@code value} is the action's {@code data} ({@code {"action":"tocsin_acknowledge",
 * "value":"INC-42"}}) and whose {@code replyToId} is the card's activity, which the answer then updates in place.
 * The tool-neutral {@code *bold*} and {@code <url|label>} become the card's Markdown {@code **bold**} and
 * {@code [label](url)}.
 */
final class TeamsCards {

    static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    /** The longest text a card carries here; Teams refuses activities over about 28 KB. */
    static final int MAX_TEXT = 8000;

    private TeamsCards() {
    }

    /** Tocsin's neutral mark-up as Adaptive Card Markdown. */
    static String markdown(String text) {
        String s = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text;
        s = s.replaceAll("<(https?://[^|>\\s]+)\\|([^>]*)>", "[$2]($1)");
        s = s.replaceAll("(?<![*\\w])\\*([^*\\n]+)\\*(?![*\\w])", "**$1**");
        // A card's TextBlock breaks lines only at a blank line in Markdown; a list item per line reads as intended.
        return s.replace("\n", "\n\n");
    }

    /** A message activity carrying the message as a card (with a plain-text summary for notifications). */
    static Map<String, Object> activity(ChatMessage message) {
        var actions = new ArrayList<Map<String, Object>>();
        for (var b : message.buttons()) {
            var action = new LinkedHashMap<String, Object>();
            action.put("type", "Action.Submit");
            action.put("title", b.label());
            action.put("data", Map.of("action", b.action().id(), "value", b.value()));
            if (b.primary()) {
                action.put("style", "positive");
            }
            actions.add(action);
        }
        return activity(summary(message.text()), List.of(textBlock(markdown(message.text()), false)), actions);
    }

    static Map<String, Object> activity(String summary, List<Map<String, Object>> body, List<Map<String, Object>> actions) {
        var card = new LinkedHashMap<String, Object>();
        card.put("type", "AdaptiveCard");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("version", "1.4");
        card.put("body", body);
        if (!actions.isEmpty()) {
            card.put("actions", actions);
        }
        var activity = new LinkedHashMap<String, Object>();
        activity.put("type", "message");
        activity.put("summary", summary);
        activity.put("attachments", List.of(Map.of("contentType", CONTENT_TYPE, "content", card)));
        return activity;
    }

    static Map<String, Object> textBlock(String text, boolean heading) {
        var block = new LinkedHashMap<String, Object>();
        block.put("type", "TextBlock");
        block.put("text", text);
        block.put("wrap", true);
        if (heading) {
            block.put("size", "Medium");
            block.put("weight", "Bolder");
        }
        return block;
    }

    /** The first card of an incident's thread: its name and the generated topic, updated as the topic changes. */
    static Map<String, Object> topic(String name, String topic) {
        var body = new ArrayList<Map<String, Object>>();
        body.add(textBlock(name, true));
        if (topic != null && !topic.isBlank()) {
            body.add(textBlock(markdown(topic), false));
        }
        return activity(name, body, List.of());
    }

    /** The declare form: summary, severity, details; submitted as {@code {"action":"tocsin_declare", ...}}. */
    static Map<String, Object> declareForm(String title, String summaryLabel, String severityLabel,
            List<String> severityNames, String descriptionLabel, String submit) {
        var choices = new ArrayList<Map<String, Object>>();
        for (int s = 1; s <= severityNames.size(); s++) {
            choices.add(Map.of("title", severityNames.get(s - 1), "value", Integer.toString(s)));
        }
        var body = List.<Map<String, Object>>of(textBlock(title, true),
                Map.of("type", "Input.Text", "id", "summary", "label", summaryLabel, "isRequired", true, "maxLength", 300),
                Map.of("type", "Input.ChoiceSet", "id", "severity", "label", severityLabel, "value", "3",
                        "style", "compact", "choices", choices),
                Map.of("type", "Input.Text", "id", "description", "label", descriptionLabel, "isMultiline", true));
        return activity(title, body, List.of(Map.of("type", "Action.Submit", "title", submit,
                "data", Map.of("action", TeamsController.DECLARE))));
    }

    /** The first line of a message, without mark-up: what a notification shows. */
    static String summary(String text) {
        String first = text.lines().findFirst().orElse("");
        first = first.replaceAll("<(https?://[^|>\\s]+)\\|([^>]*)>", "$2").replace("*", "");
        return first.length() > 200 ? first.substring(0, 199) + "…" : first;
    }
}
