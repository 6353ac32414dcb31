package io.tocsin.importer;

import io.tocsin.importer.internal.ImporterSettings;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * Both vendor fakes for the application under test, with the importer's settings pointed at them, so every test
 * (the bad-input suite included) talks to loopback and never to a vendor.
 */
@Component
public class ImportFakes {

    final FakeOpsgenie opsgenie = new FakeOpsgenie();
    final FakePagerDuty pagerDuty = new FakePagerDuty();

    ImportFakes(ImporterSettings settings) {
        settings.setOpsgenieUrl(opsgenie.url());
        settings.setPagerdutyUrl(pagerDuty.url());
        settings.setExportRoot(exportRoot());
    }

    /** The checked-in Opsgenie export directories (src/test/resources/importer/exports). */
    static String exportRoot() {
        try {
            return java.nio.file.Path.of(ImportFakes.class.getResource("/importer/exports").toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Back to the realistic data, no failures, no rate limit. */
    void reset() {
        for (FakeVendorApi fake : new FakeVendorApi[] {opsgenie, pagerDuty}) {
            fake.fail(null, 0);
            fake.rateLimitNext(0, 1);
            fake.forget();
        }
        opsgenie.serve(ImportFixtures.opsgenie());
        pagerDuty.serve(ImportFixtures.pagerDuty());
    }

    @PreDestroy
    void stop() {
        opsgenie.close();
        pagerDuty.close();
    }
}
