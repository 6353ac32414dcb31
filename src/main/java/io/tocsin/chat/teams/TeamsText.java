package io.tocsin.chat.teams;

import tools.jackson.databind.JsonNode;

/**
 * The command in a Teams message (pure): the bot's own mention ({@code <at>Tocsin</at>}) removed, other people's
 * mentions turned into the neutral {@code <@id|name>} the command parser reads (their Teams ids come from the
 * activity's {@code mention} entities, never from the typed text), and the HTML Teams wraps text in removed.
 */
final class TeamsText {

    private TeamsText() {
    }

    static String command(JsonNode activity) {
        String text = activity.path("text").asString("");
        String bot = activity.path("recipient").path("id").asString("");
        for (var entity : activity.path("entities")) {
            if (!"mention".equals(entity.path("type").asString())) {
                continue;
            }
            String typed = entity.path("text").asString("");
            if (typed.isEmpty()) {
                continue;
            }
            String id = entity.path("mentioned").path("id").asString("");
            String name = entity.path("mentioned").path("name").asString("").replaceAll("[|>]", "");
            text = text.replace(typed, id.equals(bot) || id.isBlank() ? " " : " <@" + id + "|" + name + "> ");
        }
        text = text.replaceAll("<(?!@)[^>]*>", " ")
                // A typed "<@id>" is not a mention: only the entities above make one.
                .replaceAll("&lt;(?=@)", "").replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        return text.strip().replaceAll("\\s+", " ");
    }
}
