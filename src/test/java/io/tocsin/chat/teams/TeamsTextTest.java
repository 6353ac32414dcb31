package io.tocsin.chat.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.tocsin.chat.ChatAction;
import io.tocsin.chat.ChatMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Issue 14 point 3: a Teams message's text as a command, and Tocsin's mark-up as an Adaptive Card (pure). */
class TeamsTextTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String command(String text, Map<String, Object>... entities) {
        return TeamsText.command(JSON.valueToTree(Map.of("text", text, "recipient", Map.of("id", "28:bot"),
                "entities", List.of(entities))));
    }

    private static Map<String, Object> mention(String id, String name) {
        return Map.of("type", "mention", "text", "<at>" + name + "</at>", "mentioned", Map.of("id", id, "name", name));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theBotsMentionGoesPeoplesMentionsBecomeIdsAndTypedIdsAreNotMentions() {
        assertThat(command("<p><at>Tocsin</at>&nbsp;sev 1</p>", mention("28:bot", "Tocsin"))).isEqualTo("sev 1");
        assertThat(command("<at>Tocsin</at> role technical lead <at>Bob Teams</at>", mention("28:bot", "Tocsin"),
                mention("29:1bob", "Bob Teams"))).isEqualTo("role technical lead <@29:1bob|Bob Teams>");
        // Someone typing an id by hand (Teams escapes the angle bracket) names nobody.
        assertThat(command("<at>Tocsin</at> im &lt;@29:1eve&gt;", mention("28:bot", "Tocsin"))).isEqualTo("im @29:1eve>");
        assertThat(command("note a &amp; b &lt; c")).isEqualTo("note a & b < c");
        assertThat(command("")).isEmpty();
    }

    @Test
    void markUpAndButtonsBecomeAnAdaptiveCardWithActionSubmit() {
        assertThat(TeamsCards.markdown("*INC-4* declared · <https://t.example/incidents/INC-4|open in Tocsin>"))
                .isEqualTo("**INC-4** declared · [open in Tocsin](https://t.example/incidents/INC-4)");
        assertThat(TeamsCards.markdown("a\nb")).isEqualTo("a\n\nb");
        var activity = JSON.valueToTree(TeamsCards.activity(new ChatMessage("*INC-4* is open", List.of(
                new ChatMessage.Button(ChatAction.ACKNOWLEDGE, "Acknowledge", "INC-4", true)))));
        var attachment = activity.path("attachments").path(0);
        assertThat(attachment.path("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.path("content").path("type").asString()).isEqualTo("AdaptiveCard");
        var action = attachment.path("content").path("actions").path(0);
        assertThat(action.path("type").asString()).isEqualTo("Action.Submit");
        assertThat(action.path("data").path("action").asString()).isEqualTo("tocsin_acknowledge");
        assertThat(action.path("data").path("value").asString()).isEqualTo("INC-4");
        assertThat(activity.path("summary").asString()).isEqualTo("INC-4 is open");
    }
}
