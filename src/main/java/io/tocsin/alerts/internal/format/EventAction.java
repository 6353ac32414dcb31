package io.tocsin.alerts.internal.format;

/** What an event asks for (PagerDuty's {@code event_action}, the webhook's {@code action}). */
public enum EventAction {
    TRIGGER, ACKNOWLEDGE, RESOLVE;

    static EventAction of(String word) {
        return switch (word) {
            case "trigger" -> TRIGGER;
            case "acknowledge" -> ACKNOWLEDGE;
            case "resolve" -> RESOLVE;
            default -> null;
        };
    }
}
