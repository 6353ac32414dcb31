package io.tocsin.assist.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.tocsin.assist.AssistException;
import io.tocsin.assist.AssistException.Reason;
import io.tocsin.assist.DraftKind;
import io.tocsin.assist.Redactor;
import io.tocsin.assist.internal.AssistCalls.Outcome;
import io.tocsin.assist.internal.ChatCompletions.Message;
import io.tocsin.identity.CurrentActor;
import org.springframework.stereotype.Component;

/**
 * The one way out to the model (issue 18 point 4): refuses while the assistant is off or over this hour's budget,
 * redacts every message, calls the endpoint with the configured timeout, and logs the call whatever its end
 * (content only while content logging is on).
 */
@Component
public class Assistant {

    private final AssistSettingsStore settings;
    private final AssistBudget budget;
    private final AssistCalls calls;
    private final ChatCompletions client;
    private final Clock clock;

    Assistant(AssistSettingsStore settings, AssistBudget budget, AssistCalls calls, ChatCompletions client, Clock clock) {
        this.settings = settings;
        this.budget = budget;
        this.calls = calls;
        this.client = client;
        this.clock = clock;
    }

    /**
     * Refuses when the organisation has not turned the assistant on. Nothing is logged: nothing was asked of any
     * endpoint, and a refused request writes nothing.
     */
    AssistSettingsStore.Settings requireOn(DraftKind kind, String incidentKey) {
        var s = settings.current();
        if (!s.enabled()) {
            throw new AssistException(Reason.OFF, "The assistant is off for this organisation; an administrator turns"
                    + " it on in the assistant settings");
        }
        return s;
    }

    /** Logs a catch-up assembled without a model. */
    void logExtractive(String incidentKey, String text) {
        var s = settings.current();
        log(DraftKind.CATCH_UP, incidentKey, s, 0, Outcome.EXTRACTIVE, null, null, null, 0, null,
                s.logContent() ? text : null);
    }

    /** The model's answer to the redacted {@code system} and {@code user} messages. */
    String ask(DraftKind kind, String incidentKey, String system, String user) {
        var s = requireOn(kind, incidentKey);
        if (!s.hasEndpoint()) {
            log(kind, incidentKey, s, 0, Outcome.NO_ENDPOINT, null, null, null, 0, null, null);
            throw new AssistException(Reason.NO_ENDPOINT, "No assistant endpoint is configured; an administrator sets"
                    + " its URL and model in the assistant settings");
        }
        var now = clock.instant();
        if (!budget.take(now, s.callsPerHour())) {
            log(kind, incidentKey, s, 0, Outcome.OVER_BUDGET, null, null, null, 0, null, null);
            throw new AssistException(Reason.OVER_BUDGET, "This hour's budget of " + s.callsPerHour()
                    + " assistant calls is used up", AssistBudget.secondsToNextHour(now));
        }
        var redactedSystem = Redactor.redact(system);
        var redactedUser = Redactor.redact(user);
        int redactions = redactedSystem.total() + redactedUser.total();
        var messages = List.of(new Message("system", redactedSystem.text()), new Message("user", redactedUser.text()));
        String request = s.logContent() ? "system:\n" + redactedSystem.text() + "\n\nuser:\n" + redactedUser.text() : null;
        long started = System.nanoTime();
        try {
            var answer = client.complete(s.endpointUrl(), s.model(), settings.apiKey(), messages,
                    Duration.ofSeconds(s.timeoutSeconds()));
            log(kind, incidentKey, s, elapsed(started), Outcome.OK, answer.httpStatus(), answer.promptTokens(),
                    answer.completionTokens(), redactions, request, s.logContent() ? answer.content() : null);
            return answer.content();
        } catch (ChatCompletions.Failure f) {
            var outcome = switch (f.reason()) {
                case TIMEOUT -> Outcome.TIMEOUT;
                case RATE_LIMITED -> Outcome.RATE_LIMITED;
                default -> Outcome.ENDPOINT_FAILED;
            };
            log(kind, incidentKey, s, elapsed(started), outcome, f.httpStatus, null, null, redactions, request,
                    s.logContent() ? f.getMessage() : null);
            throw f;
        }
    }

    private static long elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    private void log(DraftKind kind, String incidentKey, AssistSettingsStore.Settings s, long ms, Outcome outcome,
            Integer status, Integer promptTokens, Integer completionTokens, int redactions, String request,
            String response) {
        var actor = CurrentActor.get();
        calls.record(new AssistCalls.Call(UUID.randomUUID(), clock.instant(), actor.userId(), actor.name(), kind,
                incidentKey, s.endpointUrl(), s.model(), ms, outcome, status, promptTokens, completionTokens, redactions,
                request, response));
    }
}
