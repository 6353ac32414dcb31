package io.tocsin.importer.internal;

import io.tocsin.importer.ImportSource;
import io.tocsin.importer.internal.opsgenie.OpsgenieClient;
import io.tocsin.importer.internal.pagerduty.PagerDutyClient;
import org.springframework.stereotype.Component;

/** A client for the source with the key the person pasted; the key is used for the requests and never stored. */
@Component
public class SourceClients {

    private final ImporterSettings settings;

    SourceClients(ImporterSettings settings) {
        this.settings = settings;
    }

    public SourceClient client(ImportSource source, String apiKey) {
        return switch (source) {
            case OPSGENIE -> new OpsgenieClient(apiKey, settings, SourceHttp.Pause.REAL);
            case PAGERDUTY -> new PagerDutyClient(apiKey, settings, SourceHttp.Pause.REAL);
        };
    }
}
