package io.tocsin.chat.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a {@code /tocsin} command, parsed (pure; table-tested in {@code CommandLineTest}). The first word is
 * the verb; an incident key ({@code INC-42}) may follow it or end the line (needed outside the incident's room);
 * mentions come as Slack escapes them ({@code <@U123|ann>}, Teams ids with colons as {@code <@29:1ab|ann>}, {@code <!subteam^S1|@sre>}) or as plain
 * {@code @name} / e-mail addresses.
 */
record CommandLine(String verb, String key, String rest, List<Mention> mentions) {

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,19}-[0-9]{1,12}");
    private static final Pattern MENTION = Pattern.compile("<@([A-Za-z0-9._:-]+)(?:\\|[^>]*)?>"
            + "|<!subteam\\^([A-Za-z0-9]+)(?:\\|@?([^>]*))?>|@([\\p{L}0-9._-]+(?:@[A-Za-z0-9.-]+)?)");

    /** Someone (or a team) named in a command. */
    record Mention(String accountId, String name, boolean team) {
    }

    static CommandLine parse(String text) {
        String line = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (line.isEmpty()) {
            return new CommandLine("help", null, "", List.of());
        }
        var words = new ArrayList<>(List.of(line.split(" ")));
        String verb = words.removeFirst().toLowerCase(Locale.ROOT);
        String key = null;
        if (!words.isEmpty() && KEY.matcher(words.getFirst()).matches() && !verb.equals("note")) {
            key = words.removeFirst().toUpperCase(Locale.ROOT);
        } else if (!words.isEmpty() && KEY.matcher(words.getLast()).matches() && !verb.equals("note")) {
            key = words.removeLast().toUpperCase(Locale.ROOT);
        } else if (verb.equals("note") && !words.isEmpty() && KEY.matcher(words.getFirst()).matches()) {
            key = words.removeFirst().toUpperCase(Locale.ROOT);
        }
        String rest = String.join(" ", words);
        var mentions = new ArrayList<Mention>();
        Matcher m = MENTION.matcher(rest);
        while (m.find()) {
            if (m.group(1) != null) {
                mentions.add(new Mention(m.group(1), null, false));
            } else if (m.group(2) != null) {
                mentions.add(new Mention(null, m.group(3) == null ? m.group(2) : m.group(3), true));
            } else {
                mentions.add(new Mention(null, m.group(4), false));
            }
        }
        return new CommandLine(verb, key, rest, List.copyOf(mentions));
    }

    /** The rest without mentions: a role's name in {@code role technical lead @ann}. */
    String restWithoutMentions() {
        return MENTION.matcher(rest).replaceAll("").strip().replaceAll("\\s+", " ");
    }
}
