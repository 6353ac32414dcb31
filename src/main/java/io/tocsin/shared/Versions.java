package io.tocsin.shared;

import org.springframework.http.ETag;

/** Optimistic concurrency for REST resources: the aggregate version travels as a strong ETag. */
public final class Versions {

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Refuses the write when the client's {@code If-Match} (or the version it sent in the body) differs from
     * the stored version. A missing precondition is allowed: the database's own version check still applies.
     */
    public static void check(String ifMatch, Long bodyVersion, long current) {
        if (ifMatch != null && !ifMatch.isBlank() && !"*".equals(ifMatch.trim())) {
            var tags = ETag.parse(ifMatch);
            boolean matches = tags.stream().anyMatch(t -> !t.weak() && t.tag().equals(Long.toString(current)));
            if (!matches) {
                long sent = tags.stream().map(ETag::tag).filter(s -> s.matches("\\d{1,18}")).mapToLong(Long::parseLong)
                        .findFirst().orElse(-1);
                throw new PreconditionFailedException(sent, current);
            }
        }
        if (bodyVersion != null && bodyVersion != current) {
            throw new ConflictException("stale-version",
                    "The resource was changed by someone else (you sent version " + bodyVersion
                            + ", it is now at " + current + "); reload and apply your change again",
                    java.util.Map.of("currentVersion", current));
        }
    }
}
