package io.tocsin.assist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.tocsin.assist.Redactor.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * R32, issue 18 point 4: what leaves Tocsin for a language model has secrets, e-mail addresses and phone numbers
 * removed, while the times, dates, counts and keys a summary needs stay. One row per case: input, expected output.
 */
class RedactorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # secrets: tokens with known prefixes
            Tocsin token tcs_Ab3dEf6hIj9kLm2nOp5q in the script          | Tocsin token [secret] in the script
            OpenAI key sk-proj-abcdefghij0123456789XYZ leaked              | OpenAI key [secret] leaked
            GitHub ghp_abcdefghijklmnopqrstuvwxyz0123456789 used           | GitHub [secret] used
            Slack xoxb-123456789012-abcdefghijkl set                       | Slack [secret] set
            AWS AKIAIOSFODNN7EXAMPLE in env                                | AWS [secret] in env
            GitLab glpat-abcdefghijklmnopqrstu rotated                     | GitLab [secret] rotated
            jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.SflKxwRJSMeKKF2QT4 | jwt [secret]
            # secrets: bearer and basic strings
            curl -H 'Authorization: Bearer abc.def-ghi_jkl' failed         | curl -H 'Authorization: [secret]' failed
            sent Bearer 9f8e7d6c5b4a3210 again                             | sent Bearer [secret] again
            header Basic dXNlcjpwYXNzd29yZA== refused                      | header Basic [secret] refused
            # secrets: key=value and key: value, quoted or not
            password=hunter22 in the config                                | password=[secret] in the config
            DB_PASSWORD: s3cr3t! was wrong                                 | DB_PASSWORD: [secret] was wrong
            `{"api_key": "abc123xyz"}`                                     | `{"api_key": [secret]}`
            client_secret='q w e' set                                      | client_secret=[secret] set
            routing_key=R0UT1NG then                                       | routing_key=[secret] then
            Passwort: Sommer2026 geändert                                  | Passwort: [secret] geändert
            the password is hunter22 now                                   | the password is [secret] now
            das Kennwort lautet Geheim99                                   | das Kennwort lautet [secret]
            token: abc; next                                               | token: [secret]; next
            # secrets: integration keys (32 hex) and long mixed strings
            routing 3f2a9c4b1d8e7f6a5b4c3d2e1f0a9b8c sent                  | routing [secret] sent
            commit 3f2a9c4b1d8e7f6a5b4c3d2e1f0a9b8c7d6e5f40 deployed       | commit [secret] deployed
            key Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg== pasted            | key [secret] pasted
            # secrets: in URLs and private keys
            https://deploy:Pa55word@git.example.net/repo failed            | https://[secret]@git.example.net/repo failed
            postgres://app:pw@db:5432/tocsin down                          | postgres://[secret]@db:5432/tocsin down
            -----BEGIN PRIVATE KEY----- MIIEvQIBADANBg -----END PRIVATE KEY----- | [secret]
            # e-mail addresses
            mail jane.doe@example.com now                                  | mail [email] now
            Kontakt: ops-team+pager@mail.example.co.uk.                    | Kontakt: [email].
            two a@b.io and c.d@e-f.org                                     | two [email] and [email]
            # phone numbers, international and national
            call +49 30 1234567 now                                        | call [phone] now
            call +49-171-2345678                                           | call [phone]
            call 0049 30 12345678                                          | call [phone]
            call (030) 123 45 67 now                                       | call [phone] now
            Handy 0171 2345678                                             | Handy [phone]
            Tel. 030/1234567                                               | Tel. [phone]
            call +1 (555) 010-9999                                         | call [phone]
            call 555-010-9999 or 555.010.9999                              | call [phone] or [phone]
            +44 20 7946 0958 is London                                     | [phone] is London
            # kept: what a summary needs
            errors since 14:02 on 2026-03-02                               | errors since 14:02 on 2026-03-02
            at 2026-03-02T14:02:00Z the deploy                             | at 2026-03-02T14:02:00Z the deploy
            about 1,200 customers and 9% of checkouts                      | about 1,200 customers and 9% of checkouts
            version 1.24.3 on 10.0.12.7:8443                               | version 1.24.3 on 10.0.12.7:8443
            incident INC-1042 and INC-7                                    | incident INC-1042 and INC-7
            id 7c9e6679-7425-40de-944b-e07fc1f63c4f                        | id 7c9e6679-7425-40de-944b-e07fc1f63c4f
            the token expired, no password needed                          | the token expired, no password needed
            payment-service-eu-west-1-production-cluster-42 slow           | payment-service-eu-west-1-production-cluster-42 slow
            see /api/v1/incidents/INC-42/timeline                          | see /api/v1/incidents/INC-42/timeline
            latency 250 ms p99 3000 ms                                     | latency 250 ms p99 3000 ms
            order 1234567 failed                                           | order 1234567 failed
            @channel please look                                           | @channel please look
            """)
    void redactsSecretsAddressesAndNumbersButKeepsTheFacts(String input, String expected) {
        assertThat(Redactor.redact(input).text()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            tcs_Ab3dEf6hIj9kLm2nOp5q and jane@example.com and +49 30 1234567 | 1 | 1 | 1
            nothing here at 09:10                                            | 0 | 0 | 0
            a@b.io c@d.io password=x                                         | 1 | 2 | 0
            """)
    void countsWhatItRemovedByKind(String input, int secrets, int emails, int phones) {
        var counts = Redactor.redact(input).counts();
        assertThat(Map.of(Kind.SECRET, counts.getOrDefault(Kind.SECRET, 0), Kind.EMAIL, counts.getOrDefault(Kind.EMAIL, 0),
                Kind.PHONE, counts.getOrDefault(Kind.PHONE, 0)))
                .isEqualTo(Map.of(Kind.SECRET, secrets, Kind.EMAIL, emails, Kind.PHONE, phones));
    }
}
