package io.tocsin.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the index keeps out of searchable text so that stakeholders never find or see it (issue 18 point 1). */
class ContactRedactionTest {

    @Test
    void addressesAndPhoneNumbersAreTakenOutDatesAndAddressesOfMachinesStay() {
        var r = PersonalData.redact("Call +49 30 1234 5678 or mail Rita.Helper@Example.org; host 10.0.0.12 since 2026-03-02 08:00, port 8080");
        assertThat(r.text()).isEqualTo("Call … or mail …; host 10.0.0.12 since 2026-03-02 08:00, port 8080");
        assertThat(r.contacts()).containsExactly("493012345678", "rita.helper@example.org");
        assertThat(PersonalData.redact(null).text()).isEmpty();
        assertThat(PersonalData.looksLikeContact("rita@example.org")).isTrue();
        assertThat(PersonalData.looksLikeContact("certificate")).isFalse();
    }
}
