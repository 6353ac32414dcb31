package io.tocsin.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.tocsin.chat.slack.SlackSignature.Check;
import org.junit.jupiter.api.Test;

/** Issue 14 point 1 (R21): Slack's v0 request signature, its five-minute window, and what fails it. */
class SlackSignatureTest {

    // Slack's documented example: signing secret, timestamp, body and the signature Slack computed for them.
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TS = "1531420618";
    private static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&"
            + "channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&"
            + "text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&"
            + "trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static final Instant AT = Instant.ofEpochSecond(1531420618);

    @Test
    void slacksDocumentedExampleVerifies() {
        assertThat(SlackSignature.sign(SECRET, TS, BODY)).isEqualTo(SIGNATURE);
        assertThat(SlackSignature.check(SECRET, TS, SIGNATURE, BODY, AT)).isEqualTo(Check.VALID);
    }

    @Test
    void eachWayOfFailingIsNamed() {
        record Row(String secret, String ts, String signature, String body, Instant now, Check expected) {
        }
        for (var row : new Row[] {
                new Row(SECRET, TS, SIGNATURE, BODY, AT.plusSeconds(300), Check.VALID),
                new Row(SECRET, TS, SIGNATURE, BODY, AT.minusSeconds(300), Check.VALID),
                new Row(SECRET, TS, SIGNATURE, BODY, AT.plusSeconds(301), Check.STALE),
                new Row(SECRET, TS, SIGNATURE, BODY, AT.minusSeconds(301), Check.STALE),
                new Row(SECRET, TS, SIGNATURE, BODY + "&x=1", AT, Check.BAD_SIGNATURE),
                new Row(SECRET, "1531420619", SIGNATURE, BODY, AT, Check.BAD_SIGNATURE),
                new Row("another-secret", TS, SIGNATURE, BODY, AT, Check.BAD_SIGNATURE),
                new Row(SECRET, TS, SIGNATURE.toUpperCase(), BODY, AT, Check.BAD_SIGNATURE),
                new Row(SECRET, TS, "v1=" + SIGNATURE.substring(3), BODY, AT, Check.BAD_SIGNATURE),
                new Row(SECRET, null, SIGNATURE, BODY, AT, Check.MISSING),
                new Row(SECRET, TS, null, BODY, AT, Check.MISSING),
                new Row(SECRET, "yesterday", SIGNATURE, BODY, AT, Check.MISSING),
                new Row("", TS, SIGNATURE, BODY, AT, Check.NOT_CONFIGURED),
                new Row(null, TS, SIGNATURE, BODY, AT, Check.NOT_CONFIGURED)}) {
            assertThat(SlackSignature.check(row.secret(), row.ts(), row.signature(), row.body(), row.now()))
                    .as(row.toString()).isEqualTo(row.expected());
        }
    }
}
