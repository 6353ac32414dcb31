package io.tocsin.importer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import io.tocsin.importer.ImportSource;
import io.tocsin.importer.internal.opsgenie.OpsgenieClient;
import io.tocsin.importer.internal.opsgenie.OpsgenieExport;
import io.tocsin.importer.internal.pagerduty.PagerDutyClient;
import io.tocsin.shared.InvalidInputException;
import org.springframework.stereotype.Component;

/** A client for the source with the key the person pasted; the key is used for the requests and never stored. */
@Component
public class SourceClients {

    private final ImporterSettings settings;

    SourceClients(ImporterSettings settings) {
        this.settings = settings;
    }

    /**
     * An Opsgenie export directory, named relative to the operator's export root; a name that leads outside it
     * (an absolute path, {@code ..}, a link out) is refused, so a request can only read what the operator put
     * there.
     */
    public SourceClient export(ImportSource source, String directory) {
        if (source != ImportSource.OPSGENIE) {
            throw new InvalidInputException("exportDirectory", "only Opsgenie exports are read; PagerDuty needs a key");
        }
        if (settings.getExportRoot() == null || settings.getExportRoot().isBlank()) {
            throw new InvalidInputException("exportDirectory", "the operator has not set tocsin.importer.export-root,"
                    + " the directory exports are read from");
        }
        if (directory.length() > 300 || directory.indexOf(0) >= 0) {
            throw new InvalidInputException("exportDirectory", "a directory name of at most 300 characters");
        }
        try {
            Path root = Path.of(settings.getExportRoot()).toRealPath();
            Path wanted = root.resolve(directory.strip()).normalize();
            if (!wanted.startsWith(root) || !Files.isDirectory(wanted) || !wanted.toRealPath().startsWith(root)) {
                throw new InvalidInputException("exportDirectory", "no export directory '" + directory.strip()
                        + "' below the export root");
            }
            return new OpsgenieExport(wanted.toRealPath());
        } catch (IOException | InvalidPathException e) {
            throw new InvalidInputException("exportDirectory", "no export directory '" + directory.strip()
                    + "' below the export root");
        }
    }

    public SourceClient client(ImportSource source, String apiKey) {
        return switch (source) {
            case OPSGENIE -> new OpsgenieClient(apiKey, settings, SourceHttp.Pause.REAL);
            case PAGERDUTY -> new PagerDutyClient(apiKey, settings, SourceHttp.Pause.REAL);
        };
    }
}
