package io.tocsin.notify.internal;

import static io.tocsin.notify.AnswerAction.ACKNOWLEDGE;
import static io.tocsin.notify.AnswerAction.RESOLVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.notify.internal.SmsReply.Kind;
import org.junit.jupiter.api.Test;

/** Short SMS replies (R12, integrations.md section 8): digits, words, a quoted number or a key, opt-out words. */
class SmsReplyTest {

    @Test
    void bareAnswersActOnTheLatestMessage() {
        assertThat(SmsReply.parse("1")).isEqualTo(new SmsReply(Kind.ANSWER, ACKNOWLEDGE, null, null));
        assertThat(SmsReply.parse(" ACK ")).isEqualTo(new SmsReply(Kind.ANSWER, ACKNOWLEDGE, null, null));
        assertThat(SmsReply.parse("a")).isEqualTo(new SmsReply(Kind.ANSWER, ACKNOWLEDGE, null, null));
        assertThat(SmsReply.parse("Close")).isEqualTo(new SmsReply(Kind.ANSWER, RESOLVE, null, null));
        assertThat(SmsReply.parse("6")).isEqualTo(new SmsReply(Kind.ANSWER, RESOLVE, null, null));
    }

    @Test
    void answersMayQuoteTheNumberOrTheKey() {
        assertThat(SmsReply.parse("ack 123")).isEqualTo(new SmsReply(Kind.ANSWER, ACKNOWLEDGE, 123, null));
        assertThat(SmsReply.parse("123 ack")).isEqualTo(new SmsReply(Kind.ANSWER, ACKNOWLEDGE, 123, null));
        assertThat(SmsReply.parse("12a")).isEqualTo(new SmsReply(Kind.ANSWER, ACKNOWLEDGE, 12, null));
        assertThat(SmsReply.parse("12 c")).isEqualTo(new SmsReply(Kind.ANSWER, RESOLVE, 12, null));
        assertThat(SmsReply.parse("close 7")).isEqualTo(new SmsReply(Kind.ANSWER, RESOLVE, 7, null));
        assertThat(SmsReply.parse("4 INC-42")).isEqualTo(new SmsReply(Kind.ANSWER, ACKNOWLEDGE, null, "INC-42"));
        assertThat(SmsReply.parse("resolve inc-42")).isEqualTo(new SmsReply(Kind.ANSWER, RESOLVE, null, "INC-42"));
    }

    @Test
    void optOutAndOptInWords() {
        assertThat(SmsReply.parse("STOP").kind()).isEqualTo(Kind.OPT_OUT);
        assertThat(SmsReply.parse("unsubscribe").kind()).isEqualTo(Kind.OPT_OUT);
        assertThat(SmsReply.parse("Start").kind()).isEqualTo(Kind.OPT_IN);
        assertThat(SmsReply.parse("help").kind()).isEqualTo(Kind.HELP);
    }

    @Test
    void anythingElseIsNotUnderstood() {
        assertThat(SmsReply.parse("").kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(SmsReply.parse(null).kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(SmsReply.parse("on my way").kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(SmsReply.parse("ack banana").kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(SmsReply.parse("2").kind()).as("2 means nothing, so a typo acknowledges nothing").isEqualTo(Kind.UNKNOWN);
        assertThat(SmsReply.parse("ack 1234").kind()).isEqualTo(Kind.UNKNOWN);
    }
}
