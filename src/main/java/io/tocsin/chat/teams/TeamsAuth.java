package io.tocsin.chat.teams;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Verifies the bearer token the Bot Connector sends with every activity (issue 14 point 3), as the Bot Framework's
 * "Authentication with the Bot Connector API" requires: a JWS signed with RS256 by a key from the JWKS named in the
 * Connector's OpenID metadata, the key endorsed for the activity's channel ({@code msteams}), issuer
 * {@code https://api.botframework.com}, audience the bot's app id, within its validity with five minutes of clock
 * skew, and its {@code serviceurl} claim equal to the activity's {@code serviceUrl} (checked by the caller, which
 * has the activity). Parsing and signatures are Nimbus JOSE+JWT's; the metadata and keys are cached for a day and
 * fetched again when a token names a key not yet known (at most once a minute, so forged key ids cannot make
 * Tocsin hammer the metadata endpoint).
 */
@Component
class TeamsAuth {

    static final String ISSUER = "https://api.botframework.com";
    private static final Duration KEYS_FOR = Duration.ofHours(24);
    private static final Duration REFRESH_AT_MOST_EVERY = Duration.ofMinutes(1);
    private static final int SKEW_SECONDS = 300;

    enum Check { VALID, MISSING, MALFORMED, NOT_CONFIGURED, UNKNOWN_KEY, NOT_ENDORSED, BAD_SIGNATURE, WRONG_ISSUER,
        WRONG_AUDIENCE, EXPIRED, KEYS_UNREACHABLE }

    /** The outcome; {@code serviceUrl} is the token's claim (for the caller to compare with the activity's). */
    record Result(Check check, String serviceUrl) {
        boolean valid() {
            return check == Check.VALID;
        }
    }

    private record Key(JWK jwk, Set<String> endorsements) {
    }

    private record Keys(String source, List<Key> keys, Instant fetchedAt) {
    }

    private final TeamsSettings settings;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<Keys> cache = new AtomicReference<>();

    TeamsAuth(TeamsSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    Result verify(String authorization, String channelId) {
        String appId = settings.appId();
        if (appId.isBlank()) {
            return new Result(Check.NOT_CONFIGURED, null);
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Result(Check.MISSING, null);
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(authorization.substring(7).strip());
        } catch (ParseException e) {
            return new Result(Check.MALFORMED, null);
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            return new Result(Check.BAD_SIGNATURE, null);
        }
        Key key;
        try {
            key = key(jwt.getHeader().getKeyID());
        } catch (IOException | RuntimeException e) {
            return new Result(Check.KEYS_UNREACHABLE, null);
        }
        if (key == null) {
            return new Result(Check.UNKNOWN_KEY, null);
        }
        // Without a channel id the activity is refused as malformed after this; with one, the key must be endorsed.
        if (channelId != null && !key.endorsements().contains(channelId)) {
            return new Result(Check.NOT_ENDORSED, null);
        }
        try {
            if (!(key.jwk() instanceof RSAKey rsa) || !jwt.verify(new RSASSAVerifier(rsa))) {
                return new Result(Check.BAD_SIGNATURE, null);
            }
        } catch (JOSEException e) {
            return new Result(Check.BAD_SIGNATURE, null);
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Result(Check.MALFORMED, null);
        }
        if (!ISSUER.equals(claims.getIssuer())) {
            return new Result(Check.WRONG_ISSUER, null);
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(appId)) {
            return new Result(Check.WRONG_AUDIENCE, null);
        }
        var verifier = new DefaultJWTClaimsVerifier<>(appId, null, Set.of("exp")) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        verifier.setMaxClockSkew(SKEW_SECONDS);
        try {
            verifier.verify(claims, null);
        } catch (BadJWTException e) {
            return new Result(Check.EXPIRED, null);
        }
        Object serviceUrl = claims.getClaim("serviceurl");
        if (serviceUrl == null) {
            serviceUrl = claims.getClaim("serviceUrl");
        }
        return new Result(Check.VALID, serviceUrl == null ? null : serviceUrl.toString());
    }

    private Key key(String kid) throws IOException {
        if (kid == null) {
            return null;
        }
        var now = clock.instant();
        String source = settings.openIdUrl();
        var keys = cache.get();
        boolean stale = keys == null || !keys.source().equals(source) || keys.fetchedAt().plus(KEYS_FOR).isBefore(now);
        Key found = stale ? null : find(keys, kid);
        if (found == null && (stale || keys.fetchedAt().plus(REFRESH_AT_MOST_EVERY).isBefore(now))) {
            keys = fetch(source, now);
            cache.set(keys);
            found = find(keys, kid);
        }
        return found;
    }

    private static Key find(Keys keys, String kid) {
        return keys.keys().stream().filter(k -> kid.equals(k.jwk().getKeyID())).findFirst().orElse(null);
    }

    private Keys fetch(String openIdUrl, Instant now) throws IOException {
        var metadata = get(openIdUrl);
        String jwksUri = metadata.path("jwks_uri").asString("");
        if (jwksUri.isBlank()) {
            throw new IOException("no jwks_uri in " + openIdUrl);
        }
        var keys = new ArrayList<Key>();
        for (var k : get(jwksUri).path("keys")) {
            var endorsements = new HashSet<String>();
            k.path("endorsements").forEach(e -> endorsements.add(e.asString()));
            try {
                keys.add(new Key(JWK.parse(k.toString()), Set.copyOf(endorsements)));
            } catch (ParseException e) {
                // A key type Tocsin does not know is skipped; the others still verify.
            }
        }
        return new Keys(openIdUrl, List.copyOf(keys), now);
    }

    private JsonNode get(String url) throws IOException {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + url);
            }
            return TeamsConnector.JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
