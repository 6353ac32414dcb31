package io.tocsin.notify.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.tocsin.notify.AnswerAction;

/**
 * What an SMS reply asks for. Accepted forms (case-insensitive): {@code 1}, {@code 4}, {@code a}, {@code ack},
 * {@code acknowledge} (acknowledge); {@code 6}, {@code c}, {@code close}, {@code resolve} (resolve); either followed
 * or preceded by a reference: the number quoted in the message ({@code ack 12}, {@code 12 ack}, {@code 12a}) or the
 * subject's key ({@code 4 INC-42}). Without a reference it answers the latest message. Opt-out and opt-in words
 * follow the carriers' list.
 */
public record SmsReply(Kind kind, AnswerAction action, Integer replyRef, String subjectKey) {

    public enum Kind {
        ANSWER, OPT_OUT, OPT_IN, HELP, UNKNOWN
    }

    private static final Set<String> OPT_OUT = Set.of("stop", "stopall", "unsubscribe", "cancel", "end", "quit",
            "optout", "revoke");
    private static final Set<String> OPT_IN = Set.of("start", "unstop", "yes", "subscribe");
    private static final Set<String> HELP = Set.of("help", "info", "hilfe");
    private static final Pattern COMPACT = Pattern.compile("(\\d{1,3})\\s*([ac])");
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*-\\d+");

    public static SmsReply parse(String body) {
        String text = body == null ? "" : body.strip().toLowerCase(Locale.ROOT).replaceAll("[.!']", "");
        if (OPT_OUT.contains(text)) {
            return new SmsReply(Kind.OPT_OUT, null, null, null);
        }
        if (OPT_IN.contains(text)) {
            return new SmsReply(Kind.OPT_IN, null, null, null);
        }
        if (HELP.contains(text)) {
            return new SmsReply(Kind.HELP, null, null, null);
        }
        var compact = COMPACT.matcher(text);
        if (compact.matches()) {
            return answer(compact.group(2).equals("a") ? AnswerAction.ACKNOWLEDGE : AnswerAction.RESOLVE,
                    Integer.parseInt(compact.group(1)), null);
        }
        String[] words = text.split("\\s+");
        if (words.length == 0 || words.length > 2) {
            return unknown();
        }
        AnswerAction action = action(words[0]);
        String ref = words.length == 2 ? words[1] : null;
        if (action == null && words.length == 2) {
            // "12 ack": the reference first
            action = action(words[1]);
            ref = words[0];
        }
        if (action == null) {
            return unknown();
        }
        if (ref == null) {
            return answer(action, null, null);
        }
        if (ref.matches("\\d{1,3}")) {
            return answer(action, Integer.parseInt(ref), null);
        }
        if (KEY.matcher(ref).matches()) {
            return answer(action, null, ref.toUpperCase(Locale.ROOT));
        }
        return unknown();
    }

    private static AnswerAction action(String word) {
        return switch (word) {
            case "1", "4", "a", "ack", "acknowledge", "ok", "quittieren" -> AnswerAction.ACKNOWLEDGE;
            case "6", "c", "close", "resolve", "resolved", "erledigt" -> AnswerAction.RESOLVE;
            default -> null;
        };
    }

    private static SmsReply answer(AnswerAction action, Integer ref, String key) {
        return new SmsReply(Kind.ANSWER, action, ref, key);
    }

    private static SmsReply unknown() {
        return new SmsReply(Kind.UNKNOWN, null, null, null);
    }
}
