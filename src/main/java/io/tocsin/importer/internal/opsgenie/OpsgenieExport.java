package io.tocsin.importer.internal.opsgenie;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;

import io.tocsin.importer.ImportSource;
import io.tocsin.importer.internal.Equivalence;
import io.tocsin.importer.internal.Json;
import io.tocsin.importer.internal.SourceClient;
import io.tocsin.importer.internal.SourceData;
import io.tocsin.importer.internal.SourceException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An Opsgenie JSON export directory as the source (issue 20 point 3): one directory per kind, each file the
 * {@code data} of the Opsgenie API answer for that object (or the whole answer with its {@code data}), read in
 * file-name order:
 *
 * <pre>
 * users/*.json          one user each (GET /v2/users/{id})
 * contacts/{userId}.json the user's contacts, an array (GET /v2/users/{id}/contacts)
 * teams/*.json          one team with its members (GET /v2/teams/{id})
 * schedules/*.json      one schedule with its rotations (GET /v2/schedules/{id}?expand=rotation)
 * overrides/{scheduleId}.json the schedule's overrides, an array (GET /v2/schedules/{id}/overrides)
 * escalations/*.json    one escalation (GET /v2/escalations/{id})
 * services/*.json       one service (GET /v1/services/{id})
 * integrations/*.json   one integration (GET /v2/integrations/{id})
 * heartbeats/*.json     one heartbeat (GET /v2/heartbeats/{name})
 * </pre>
 *
 * A missing directory is an empty list. An export has no final timeline, so the equivalence check needs the API.
 */
public final class OpsgenieExport implements SourceClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_FILES = 20_000;
    private static final long MAX_FILE_BYTES = 5L * 1024 * 1024;

    private final Path directory;
    private int files;

    /** {@code directory} is already checked to lie inside the operator's export root. */
    public OpsgenieExport(Path directory) {
        this.directory = directory;
    }

    @Override
    public SourceData fetch(Instant asOf) {
        if (!Files.isDirectory(directory)) {
            throw new SourceException("the export directory " + directory.getFileName() + " does not exist", 0,
                    "exportDirectory");
        }
        var users = objects("users").stream().map(u -> new SourceData.User(Json.text(u, "id"),
                Json.text(u, "fullName"), Json.text(u, "username"), Json.text(u, "timeZone"), Json.text(u, "locale")))
                .toList();
        var teams = objects("teams").stream().map(t -> new SourceData.Team(Json.text(t, "id"), Json.text(t, "name"),
                Json.text(t, "description"), Json.array(t, "members").stream().map(m -> Json.text(m, "user", "id"))
                        .toList())).toList();
        var schedules = objects("schedules");
        var overrides = new LinkedHashMap<String, List<JsonNode>>();
        for (JsonNode s : schedules) {
            overrides.put(Json.text(s, "id"), array("overrides", Json.text(s, "id")));
        }
        var contacts = new LinkedHashMap<String, List<SourceData.Contact>>();
        for (var u : users) {
            contacts.put(u.id(), array("contacts", u.id()).stream().map(OpsgenieClient::contact).toList());
        }
        var services = objects("services").stream().map(OpsgenieClient::service).toList();
        var integrations = objects("integrations").stream().map(OpsgenieClient::integration).toList();
        var heartbeats = objects("heartbeats").stream().map(OpsgenieClient::heartbeat).toList();
        return new SourceData(ImportSource.OPSGENIE, users, teams, schedules, overrides, objects("escalations"),
                contacts, services, integrations, heartbeats);
    }

    @Override
    public List<Equivalence.Entry> onCall(String scheduleId, Instant from, Instant to) {
        throw new SourceException("an export has no final timeline to compare with; compare with an API key", 0,
                "apiKey");
    }

    /** Files read so far. */
    @Override
    public int requests() {
        return files;
    }

    private List<JsonNode> objects(String kind) {
        Path dir = directory.resolve(kind);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            var out = new ArrayList<JsonNode>();
            for (Path file : list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                out.add(data(read(file)));
            }
            return out;
        } catch (IOException e) {
            throw new SourceException("the export's " + kind + " could not be read (" + e.getClass().getSimpleName()
                    + ")", 0, "exportDirectory");
        }
    }

    private List<JsonNode> array(String kind, String id) {
        Path file = directory.resolve(kind).resolve(id + ".json").normalize();
        if (id == null || !file.startsWith(directory.resolve(kind)) || !Files.isRegularFile(file)) {
            return List.of();
        }
        JsonNode data = data(read(file));
        var out = new ArrayList<JsonNode>();
        if (data.isArray()) {
            data.forEach(out::add);
        }
        return out;
    }

    private JsonNode read(Path file) {
        if (++files > MAX_FILES) {
            throw new SourceException("the export has more than " + MAX_FILES + " files", 0, "exportDirectory");
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new SourceException("the export's " + directory.relativize(file) + " is larger than 5 MB", 0,
                        "exportDirectory");
            }
            return JSON.readTree(Files.readString(file));
        } catch (IOException | JacksonException e) {
            throw new SourceException("the export's " + directory.relativize(file) + " is not JSON", 0,
                    "exportDirectory");
        }
    }

    /** An API answer's {@code data}, or the file itself when it holds only the object. */
    private static JsonNode data(JsonNode node) {
        return node.has("data") && (node.has("requestId") || node.has("took")) ? node.get("data") : node;
    }
}
