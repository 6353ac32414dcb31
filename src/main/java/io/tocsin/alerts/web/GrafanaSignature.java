package io.tocsin.alerts.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.tocsin.alerts.internal.Integration;

/**
 * Grafana's webhook HMAC (its {@code hmacConfig}): the signature header carries the hex HMAC-SHA256 of the body,
 * or of {@code "<unix seconds>:" + body} when Grafana is told a timestamp header. Grafana lets the user name both
 * headers; unless the integration names them, the signature is read from {@code X-Grafana-Alerting-Signature}
 * and the timestamp from {@code X-Grafana-Alerting-Signature-Timestamp} or {@code X-Grafana-Alerting-Timestamp}
 * (the name Grafana's own tests use). A signed timestamp outside the replay window is refused, so a captured
 * request cannot be sent again later. Signatures are compared in constant time.
 */
final class GrafanaSignature {

    static final String SIGNATURE = "X-Grafana-Alerting-Signature";
    static final String[] TIMESTAMPS = {"X-Grafana-Alerting-Signature-Timestamp", "X-Grafana-Alerting-Timestamp"};

    private GrafanaSignature() {
    }

    /** Throws an UNAUTHORIZED rejection unless the request is signed with the integration's secret, recently. */
    static void verify(Integration integration, Function<String, String> headers, byte[] body, Instant now,
            Duration window) {
        String signatureHeader = integration.signatureHeader() != null ? integration.signatureHeader() : SIGNATURE;
        String given = headers.apply(signatureHeader);
        if (given == null || given.isBlank()) {
            throw IngestRejection.unauthorized("Missing " + signatureHeader);
        }
        String timestamp = timestamp(integration, headers);
        if (timestamp != null) {
            long seconds;
            try {
                seconds = Long.parseLong(timestamp.strip());
            } catch (NumberFormatException e) {
                throw IngestRejection.unauthorized("The signature timestamp is not a number of seconds");
            }
            if (Math.abs(now.getEpochSecond() - seconds) > window.toSeconds()) {
                throw IngestRejection.unauthorized("The signature timestamp is more than " + window.toMinutes()
                        + " minutes from now: refused as a possible replay");
            }
        }
        byte[] expected = hmac(integration.signingSecret(), timestamp == null ? null : timestamp.strip(), body);
        byte[] actual;
        try {
            actual = HexFormat.of().parseHex(given.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            actual = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, actual)) {
            throw IngestRejection.unauthorized("Signature does not match");
        }
    }

    /** The configured timestamp header must be present; otherwise either default name, or none (body only). */
    private static String timestamp(Integration integration, Function<String, String> headers) {
        if (integration.timestampHeader() != null) {
            String value = headers.apply(integration.timestampHeader());
            if (value == null || value.isBlank()) {
                throw IngestRejection.unauthorized("Missing " + integration.timestampHeader());
            }
            return value;
        }
        for (String name : TIMESTAMPS) {
            String value = headers.apply(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    static byte[] hmac(String secret, String timestamp, byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            if (timestamp != null) {
                mac.update((timestamp + ":").getBytes(StandardCharsets.UTF_8));
            }
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
