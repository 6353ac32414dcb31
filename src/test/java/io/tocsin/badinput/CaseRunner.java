package io.tocsin.badinput;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.tocsin.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * Sends bad-input cases one after the other and checks each answer: never a 5xx; a 4xx has written nothing (row
 * counts of every table unchanged); REST problems are problem+json; and the case's own expectation (status, the
 * field the problem names). Collects every failure rather than stopping at the first, and tallies the answers.
 */
final class CaseRunner {

    private final RawHttp http;
    private final String token;
    private final RowCounts counts;
    private final List<String> failures = new ArrayList<>();
    private final Map<Integer, Integer> byStatus = new TreeMap<>();
    private final Map<String, Map<Integer, Integer>> byKind = new TreeMap<>();
    private final Set<String> targets = new LinkedHashSet<>();
    private final Map<String, Long> nanosByTarget = new TreeMap<>();
    private long[] lastCounts;
    /** Listener work pending when the last case was sent: what its own listeners add is waited for. */
    private long pendingAtLastSend = -1;
    private int cases;
    private final long started = System.nanoTime();
    private final java.time.Duration cpuAtStart = cpu();

    record Answer(int status, String contentType, String body) {
    }

    CaseRunner(int port, String token, RowCounts counts) {
        this.http = new RawHttp("localhost", port);
        this.token = token;
        this.counts = counts;
    }

    void runAll(List<Case> all) {
        all.forEach(this::run);
    }

    void close() {
        http.close();
    }

    Answer run(Case c) {
        long[] before = lastCounts != null ? lastCounts
                : pendingAtLastSend < 0 ? counts.snapshot() : counts.settledSnapshot(pendingAtLastSend);
        pendingAtLastSend = counts.pendingListeners();
        long sent = System.nanoTime();
        Answer answer = send(c);
        nanosByTarget.merge(c.target(), System.nanoTime() - sent, Long::sum);
        cases++;
        targets.add(c.target());
        byStatus.merge(answer.status(), 1, Integer::sum);
        byKind.computeIfAbsent(c.kind(), k -> new TreeMap<>()).merge(answer.status(), 1, Integer::sum);
        lastCounts = null;
        if (answer.status() >= 500) {
            fail(c, answer, "server error");
        } else if (answer.status() >= 400) {
            long[] after = counts.snapshot();
            var changes = counts.changes(before, after);
            if (!changes.isEmpty()) {
                fail(c, answer, "refused but wrote " + changes);
            }
            lastCounts = after;
            if (c.rest()) {
                checkProblem(c, answer);
            }
        }
        if (c.expect() != null) {
            check(c, answer, c.expect());
        }
        return answer;
    }

    /** A REST error is RFC 9457 problem+json with a type and the status of the answer. */
    private void checkProblem(Case c, Answer answer) {
        if (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json")) {
            fail(c, answer, "REST error is not problem+json (" + answer.contentType() + ")");
            return;
        }
        try {
            var problem = Api.JSON.readTree(answer.body());
            if (problem.path("type").asString("").isEmpty() || problem.path("status").asInt() != answer.status()) {
                fail(c, answer, "problem without a type or with another status");
            }
        } catch (RuntimeException e) {
            fail(c, answer, "problem+json that is not JSON");
        }
    }

    private void check(Case c, Answer answer, Case.Expect expect) {
        if (answer.status() != expect.status()) {
            fail(c, answer, "expected " + expect.status());
            return;
        }
        if (expect.contentType() != null
                && (answer.contentType() == null || !answer.contentType().startsWith(expect.contentType()))) {
            fail(c, answer, "expected an answer of type " + expect.contentType() + ", not " + answer.contentType());
        }
        if (expect.field() == null) {
            return;
        }
        JsonNode problem;
        try {
            problem = Api.JSON.readTree(answer.body());
        } catch (RuntimeException e) {
            fail(c, answer, "expected a problem naming " + expect.field());
            return;
        }
        boolean named = false;
        for (var error : problem.path("errors")) {
            named |= expect.field().equals(error.path("field").asString());
        }
        if (!named) {
            fail(c, answer, "expected the problem to name the field " + expect.field());
        }
    }

    private Answer send(Case c) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Accept", c.rest() ? "application/json, application/problem+json" : "*/*");
        if (token != null && c.rest()) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (c.contentType() != null) {
            headers.put("Content-Type", c.contentType());
        }
        headers.putAll(c.headers());
        try {
            var response = http.send(c.method(), c.uri(), headers, c.body());
            return new Answer(response.status(), response.header("Content-Type"), response.body());
        } catch (IOException e) {
            http.close();
            return new Answer(599, null, "I/O failure: " + e);
        }
    }

    private void fail(Case c, Answer answer, String why) {
        String body = answer.body() == null ? "" : answer.body().replace('\n', ' ');
        failures.add(c.describe() + " -> " + answer.status() + ": " + why + " | "
                + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
    }

    private static java.time.Duration cpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    }

    List<String> failures() {
        return failures;
    }

    int cases() {
        return cases;
    }

    /** Targets × cases, answers by status and by kind of bad input, and the time it took. */
    String summary(String title) {
        var sb = new StringBuilder();
        sb.append(title).append(": ").append(targets.size()).append(" targets x ").append(cases).append(" cases in ")
                .append((System.nanoTime() - started) / 1_000_000).append(" ms, ")
                .append(cpu().minus(cpuAtStart).toMillis()).append(" ms CPU of this JVM (server and client) (")
                .append(counts.tables())
                .append(" tables counted after each 4xx); answers by status ").append(byStatus)
                .append("; failures ").append(failures.size()).append('\n');
        byKind.forEach((kind, statuses) -> sb.append("  ").append(kind).append(": ").append(statuses).append('\n'));
        sb.append("  slowest targets:");
        nanosByTarget.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                .forEach(e -> sb.append(' ').append(e.getKey()).append(' ').append(e.getValue() / 1_000_000).append(" ms;"));
        return sb.append('\n').toString();
    }
}
