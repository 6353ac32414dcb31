package io.tocsin.chat.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.tocsin.chat.ChatAction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Issue 14 point 2 (R21): the pure parts of the Mattermost adapter, table-tested. */
class MattermostFormatsTest {

    private static final byte[] KEY = "tocsin-mattermost-actions:secret".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSignedContextVerifiesAndAnyChangeToItDoesNot() {
        var context = ActionContext.sign(KEY, "ACKNOWLEDGE", "INC-42");
        String sig = (String) context.get("sig");
        assertThat(ActionContext.verify(KEY, "ACKNOWLEDGE", "INC-42", sig))
                .hasValue(new ActionContext.Verified(ChatAction.ACKNOWLEDGE, "INC-42"));
        assertThat(ActionContext.verify(KEY, "RESOLVE", "INC-42", sig)).isEmpty();
        assertThat(ActionContext.verify(KEY, "ACKNOWLEDGE", "INC-43", sig)).isEmpty();
        assertThat(ActionContext.verify("other".getBytes(StandardCharsets.UTF_8), "ACKNOWLEDGE", "INC-42", sig)).isEmpty();
        assertThat(ActionContext.verify(KEY, "ACKNOWLEDGE", "INC-42", null)).isEmpty();
        assertThat(ActionContext.verify(KEY, "ACKNOWLEDGE", "INC-42", sig.substring(1))).isEmpty();
        var unknown = ActionContext.sign(KEY, "DELETE", "INC-42");
        assertThat(ActionContext.verify(KEY, "DELETE", "INC-42", (String) unknown.get("sig"))).isEmpty();
    }

    @Test
    void aDialogStateCountsOnlyForItsFormAndTheAccountItWasOpenedFor() {
        String state = DialogState.sign(KEY, "tocsin_update", "u1", "INC-42");
        assertThat(DialogState.verify(KEY, "tocsin_update", "u1", state)).hasValue("INC-42");
        assertThat(DialogState.verify(KEY, "tocsin_update", "u2", state)).isEmpty();
        assertThat(DialogState.verify(KEY, "tocsin_declare", "u1", state)).isEmpty();
        assertThat(DialogState.verify(KEY, "tocsin_update", "u1", state.replace("INC-42", "INC-43"))).isEmpty();
        assertThat(DialogState.verify(KEY, "tocsin_update", "u1", "INC-42")).isEmpty();
        assertThat(DialogState.verify(KEY, "tocsin_update", "", state)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "inc-42|inc-42",
        "INC-42|inc-42",
        "Incident 42: Checkout!|incident-42-checkout",
        "-inc--7-|inc-7",
        "x|inc-x"
    })
    void channelNamesAreWhatMattermostAccepts(String pattern, String name) {
        assertThat(MattermostAdapter.channelName(pattern)).isEqualTo(name).matches("[a-z0-9][a-z0-9_-]{0,62}[a-z0-9]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "*INC-4* declared;**INC-4** declared",
        "<https://t.example/incidents/INC-4|open in Tocsin>;[open in Tocsin](https://t.example/incidents/INC-4)",
        "plain text;plain text",
        "**already bold**;**already bold**"
    })
    void toolNeutralMarkupBecomesMarkdown(String text, String markdown) {
        assertThat(MattermostAdapter.markdown(text)).isEqualTo(markdown);
    }

    @Test
    void aPostReferenceRoundTripsAndAnHttpUrlIsNotOne() {
        String ref = MattermostAdapter.PostRef.of("c1", "p1", "u1");
        assertThat(MattermostAdapter.PostRef.parse(ref)).hasValue(new MattermostAdapter.PostRef("c1", "p1", "u1"));
        assertThat(MattermostAdapter.PostRef.parse("https://chat.example.com/hooks/commands/x")).isEmpty();
        assertThat(MattermostAdapter.PostRef.parse(null)).isEmpty();
    }
}
