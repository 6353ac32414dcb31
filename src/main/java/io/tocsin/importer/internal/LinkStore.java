package io.tocsin.importer.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.importer.ImportSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The importer's own table: each imported object by source, kind and source id, with the Tocsin id it became and
 * a fingerprint of what was written, so an unchanged source object is left alone.
 */
@Component
public class LinkStore {

    public enum Kind {
        USER, CONTACT, TEAM, SCHEDULE, OVERRIDE, POLICY, SERVICE, INTEGRATION, HEARTBEAT, ASSIGNMENT
    }

    public record Link(ImportSource source, Kind kind, String sourceId, UUID tocsinId, String name,
            String fingerprint, Fidelity fidelity, List<String> reasons) {
    }

    private static final String SEPARATOR = "\n";
    private final JdbcClient jdbc;

    LinkStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Link> find(ImportSource source, Kind kind, String sourceId) {
        return jdbc.sql("select tocsin_id, name, fingerprint, fidelity, reasons from importer_link"
                        + " where source = ? and kind = ? and source_id = ?")
                .params(source.name(), kind.name(), sourceId)
                .query((rs, n) -> new Link(source, kind, sourceId, rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getString(3), Fidelity.valueOf(rs.getString(4)), reasons(rs.getString(5))))
                .optional();
    }

    public List<Link> all(ImportSource source, Kind kind) {
        return jdbc.sql("select source_id, tocsin_id, name, fingerprint, fidelity, reasons from importer_link"
                        + " where source = ? and kind = ? order by name, source_id")
                .params(source.name(), kind.name())
                .query((rs, n) -> new Link(source, kind, rs.getString(1), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), Fidelity.valueOf(rs.getString(5)), reasons(rs.getString(6))))
                .list();
    }

    public void put(Link link, Instant now) {
        String reasons = String.join(SEPARATOR, link.reasons());
        if (reasons.length() > 8000) {
            reasons = reasons.substring(0, 8000);
        }
        int updated = jdbc.sql("update importer_link set tocsin_id = ?, name = ?, fingerprint = ?, fidelity = ?,"
                        + " reasons = ?, imported_at = ? where source = ? and kind = ? and source_id = ?")
                .params(link.tocsinId(), cut(link.name()), link.fingerprint(), link.fidelity().name(), reasons,
                        Timestamp.from(now), link.source().name(), link.kind().name(), link.sourceId())
                .update();
        if (updated == 0) {
            jdbc.sql("insert into importer_link (source, kind, source_id, tocsin_id, name, fingerprint, fidelity,"
                            + " reasons, imported_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(link.source().name(), link.kind().name(), link.sourceId(), link.tocsinId(),
                            cut(link.name()), link.fingerprint(), link.fidelity().name(), reasons, Timestamp.from(now))
                    .update();
        }
    }

    /** A stable digest of what was written (records print their components in order). */
    public static String fingerprint(Object written) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(written)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cut(String name) {
        return name == null || name.length() <= 300 ? name : name.substring(0, 300);
    }

    private static List<String> reasons(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(SEPARATOR));
    }
}
