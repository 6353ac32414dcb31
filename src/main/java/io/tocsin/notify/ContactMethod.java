package io.tocsin.notify;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One way to reach one person. Usable for pages only once verified: a code sent through it came back. The code is
 * stored as a hash, expires, and allows a limited number of tries. An SMS "STOP" opts the method out.
 */
@Table("contact_method")
public class ContactMethod {

    @Id
    private UUID id;
    private UUID userId;
    private ContactMethodType type;
    private String name;
    private String destination;
    private String webhookSecret;
    private boolean privateTargetAllowed;
    private Instant verifiedAt;
    private String codeHash;
    private Instant codeSentAt;
    private Instant codeExpiresAt;
    private int codeAttempts;
    private Instant optedOutAt;
    private int lastReplyRef;
    private Instant createdAt;
    @Version
    private Long version;

    ContactMethod() {
    }

    static ContactMethod create(UUID userId, ContactMethodType type, String name, String destination,
            String webhookSecret, boolean privateTargetAllowed, Instant now) {
        var m = new ContactMethod();
        m.id = UUID.randomUUID();
        m.userId = userId;
        m.type = type;
        m.name = name;
        m.destination = destination;
        m.webhookSecret = webhookSecret;
        m.privateTargetAllowed = privateTargetAllowed;
        m.createdAt = now;
        return m;
    }

    /** Outcome of entering a verification code. */
    public enum CodeCheck {
        VERIFIED, WRONG, EXPIRED, TOO_MANY_ATTEMPTS, NO_CODE
    }

    void newCode(String code, Instant now, Duration ttl) {
        codeHash = hash(code);
        codeSentAt = now;
        codeExpiresAt = now.plus(ttl);
        codeAttempts = 0;
    }

    CodeCheck checkCode(String code, Instant now, int maxAttempts) {
        if (codeHash == null) {
            return CodeCheck.NO_CODE;
        }
        if (codeAttempts >= maxAttempts) {
            return CodeCheck.TOO_MANY_ATTEMPTS;
        }
        if (!now.isBefore(codeExpiresAt)) {
            return CodeCheck.EXPIRED;
        }
        codeAttempts++;
        boolean match = code != null && MessageDigest.isEqual(hash(code.strip()).getBytes(), codeHash.getBytes());
        if (!match) {
            return codeAttempts >= maxAttempts ? CodeCheck.TOO_MANY_ATTEMPTS : CodeCheck.WRONG;
        }
        verifiedAt = now;
        optedOutAt = null;
        codeHash = null;
        codeExpiresAt = null;
        return CodeCheck.VERIFIED;
    }

    /** Verified without a code: someone trusted vouched for the destination (see ContactMethods.addVouched). */
    void vouch(Instant now) {
        verifiedAt = now;
        optedOutAt = null;
        codeHash = null;
        codeExpiresAt = null;
    }

    void optOut(Instant now) {
        optedOutAt = now;
    }

    void optIn() {
        optedOutAt = null;
    }

    private String hash(String code) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest((id + ":" + code).getBytes());
            return HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public UUID id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }

    public ContactMethodType type() {
        return type;
    }

    public String name() {
        return name;
    }

    public String destination() {
        return destination;
    }

    public String webhookSecret() {
        return webhookSecret;
    }

    public boolean privateTargetAllowed() {
        return privateTargetAllowed;
    }

    public boolean verified() {
        return verifiedAt != null;
    }

    public Instant verifiedAt() {
        return verifiedAt;
    }

    public boolean optedOut() {
        return optedOutAt != null;
    }

    /** Verified and not opted out: pages may go here. */
    public boolean usable() {
        return verified() && !optedOut();
    }

    public Instant codeSentAt() {
        return codeSentAt;
    }

    public int codeAttemptsLeft(int maxAttempts) {
        return Math.max(0, maxAttempts - codeAttempts);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version == null ? 0 : version;
    }
}
