package io.tocsin.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Twilio's request signature (integrations.md section 8), checked against the example in Twilio's documentation. */
class TwilioSignatureTest {

    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, String> PARAMS = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+12349013030",
            "Digits", "1234", "From", "+12349013030", "To", "+18005551212");

    @Test
    void matchesTwilioDocumentedExample() {
        assertThat(TwilioSignature.sign("12345", URL, PARAMS)).isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
        assertThat(TwilioSignature.valid("12345", URL, PARAMS, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isTrue();
    }

    @Test
    void parametersAreSortedByNameWhateverTheirOrder() {
        var reversed = new LinkedHashMap<String, String>();
        PARAMS.keySet().stream().sorted(java.util.Comparator.reverseOrder()).forEach(k -> reversed.put(k, PARAMS.get(k)));
        assertThat(TwilioSignature.sign("12345", URL, reversed)).isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    }

    @Test
    void anyChangeBreaksTheSignature() {
        var tampered = new LinkedHashMap<>(PARAMS);
        tampered.put("Digits", "1");
        assertThat(TwilioSignature.valid("12345", URL, tampered, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isFalse();
        assertThat(TwilioSignature.valid("12345", URL.replace("foo=1", "foo=2"), PARAMS, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="))
                .isFalse();
        assertThat(TwilioSignature.valid("54321", URL, PARAMS, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isFalse();
        assertThat(TwilioSignature.valid("12345", URL, PARAMS, null)).isFalse();
        assertThat(TwilioSignature.valid("", URL, PARAMS, "x")).as("no token configured").isFalse();
    }
}
