package io.tocsin.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.importer.internal.ContactMapping;
import io.tocsin.importer.internal.SourceData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How each vendor's contact methods map onto Tocsin's (issue 20, R9, R10, R12): a table of the vendors' types. */
class ContactMappingTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            email                           | Aiko@Import.Example  | EMAIL | aiko@import.example | -
            sms                             | +61412345678         | SMS   | +61412345678        | -
            voice                           | +49 151 2345 6789    | VOICE | +4915123456789      | -
            email_contact_method            | gus@import.example   | EMAIL | gus@import.example  | -
            sms_contact_method              | +12125550147         | SMS   | +12125550147        | -
            phone_contact_method            | 0049 30 1234567      | VOICE | +49301234567        | -
            mobile                          | c0ffee-ivan-iphone   | -     | -                   | Web Push
            push_notification_contact_method| c0ffee-ivan-iphone   | -     | -                   | Web Push
            email                           | not-an-address       | -     | -                   | not an e-mail address
            sms                             | 2125550147           | -     | -                   | international format
            fax                             | +12125550147         | -     | -                   | is not known to Tocsin
            """)
    void mapsEachVendorType(String kind, String address, String type, String destination, String reason) {
        var mapped = ContactMapping.map(new SourceData.Contact("c1", kind, address));
        assertThat(mapped.type() == null ? null : mapped.type().name()).isEqualTo(type);
        assertThat(mapped.destination()).isEqualTo(destination);
        if (reason == null) {
            assertThat(mapped.reason()).isNull();
        } else {
            assertThat(mapped.reason()).contains(reason);
        }
    }
}
