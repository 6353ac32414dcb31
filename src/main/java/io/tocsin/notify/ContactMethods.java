package io.tocsin.notify;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.tocsin.identity.AuditLog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Actor;
import io.tocsin.notify.internal.WebPushCrypto;
import io.tocsin.notify.internal.WebhookTargetGuard;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * People's contact methods and notification rules (R12). A new method gets a code through itself; only after the
 * person enters it may pages go there. Escalation asks {@link #activeRules} whom to reach how, and
 * {@link #usersWithoutVerifiedMethod} whom it cannot reach at all.
 */
@Component
@Transactional
public class ContactMethods {

    public static final int MAX_DELAY_MINUTES = 24 * 60;
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern CHAT_ACCOUNT = Pattern.compile("[a-z]{2,20}:[A-Za-z0-9._@:-]{1,200}"); // Teams ids have colons: 29:1a2b...
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ContactMethodRepository methods;
    private final Outbox outbox;
    private final Identity identity;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final NotifySettings settings;
    private final PushSettings push;
    private final PushExpiryNotices expiryNotices;
    private final Clock clock;
    private final WebhookTargetGuard guard = WebhookTargetGuard.system();

    ContactMethods(ContactMethodRepository methods, Outbox outbox, Identity identity, AuditLog audit, JdbcClient jdbc,
            NotifySettings settings, PushSettings push, PushExpiryNotices expiryNotices, Clock clock) {
        this.methods = methods;
        this.outbox = outbox;
        this.identity = identity;
        this.audit = audit;
        this.jdbc = jdbc;
        this.settings = settings;
        this.push = push;
        this.expiryNotices = expiryNotices;
        this.clock = clock;
    }

    /** A new contact method; {@code privateTargetAllowed} may only be set by an administrator. */
    public record NewContactMethod(ContactMethodType type, String name, String destination,
            boolean privateTargetAllowed, PushKeys push) {

        public NewContactMethod(ContactMethodType type, String name, String destination, boolean privateTargetAllowed) {
            this(type, name, destination, privateTargetAllowed, null);
        }
    }

    /** The created method, with the webhook signing secret (shown once). */
    public record Created(ContactMethod method, String webhookSecret) {
    }

    /** Adds an unverified method and sends it a verification code. */
    public Created add(UUID userId, NewContactMethod cmd) {
        identity.user(userId);
        if (cmd.type() == null) {
            throw new InvalidInputException("type", "must be one of EMAIL, SMS, VOICE, WEBHOOK, PUSH, CHAT");
        }
        String destination = normalize(cmd.type(), cmd.destination(), cmd.privateTargetAllowed());
        PushKeys keys = cmd.type() == ContactMethodType.PUSH ? pushKeys(cmd.push()) : null;
        String name = cmd.name() == null || cmd.name().isBlank() ? defaultName(cmd.type()) : cmd.name().strip();
        if (name.length() > 100) {
            throw new InvalidInputException("name", "must be at most 100 characters");
        }
        String secret = cmd.type() == ContactMethodType.WEBHOOK ? randomHex(32) : null;
        var method = ContactMethod.create(userId, cmd.type(), name, destination, secret, cmd.privateTargetAllowed(),
                clock.instant());
        if (!methods.findByTypeAndDestination(cmd.type(), destination).stream()
                .filter(m -> m.userId().equals(userId)).toList().isEmpty()) {
            throw new ConflictException("contact-method-exists", "You already have this " + cmd.type() + " method");
        }
        try {
            if (keys != null) {
                methods.save(method);
                jdbc.sql("insert into notify_push_subscription (contact_method_id, p256dh, auth, created_at) values (?, ?, ?, ?)")
                        .params(method.id(), keys.p256dh(), keys.auth(), Timestamp.from(clock.instant())).update();
            }
            sendCode(method);
        } catch (DuplicateKeyException raced) {
            throw new ConflictException("contact-method-exists", "You already have this " + cmd.type() + " method");
        }
        audit.record(CurrentActor.get(), "contact-method.added", "user", userId,
                cmd.type() + " " + name + (cmd.privateTargetAllowed() ? " (private target allowed)" : ""));
        return new Created(method, secret);
    }

    /**
     * Adds a method that is verified at once, without a code: for the demo organisation (issue 13) and imports,
     * where the caller already knows the destination reaches the person. Audited as vouched, with the reason.
     */
    public ContactMethod addVouched(UUID userId, NewContactMethod cmd, String reason) {
        identity.user(userId);
        if (cmd.type() != ContactMethodType.EMAIL && cmd.type() != ContactMethodType.SMS
                && cmd.type() != ContactMethodType.VOICE && cmd.type() != ContactMethodType.CHAT) {
            throw new InvalidInputException("type", "must be one of EMAIL, SMS, VOICE, CHAT (a webhook needs its"
                    + " secret shown, a push subscription its device)");
        }
        String destination = normalize(cmd.type(), cmd.destination(), cmd.privateTargetAllowed());
        String name = cmd.name() == null || cmd.name().isBlank() ? defaultName(cmd.type()) : cmd.name().strip();
        var method = ContactMethod.create(userId, cmd.type(), name, destination, null, false, clock.instant());
        method.vouch(clock.instant());
        methods.save(method);
        audit.record(CurrentActor.get(), "contact-method.vouched", "user", userId,
                cmd.type() + " " + name + " (" + reason + ")");
        return methods.findById(method.id()).orElseThrow();
    }

    /** Sends a new code; refused while the previous one is younger than the resend interval. */
    public ContactMethod resendCode(UUID userId, UUID methodId) {
        var method = method(userId, methodId);
        var now = clock.instant();
        if (method.codeSentAt() != null
                && now.isBefore(method.codeSentAt().plus(settings.getVerification().getResendInterval()))) {
            throw new ConflictException("code-recently-sent", "A code was sent moments ago; wait a minute and try again");
        }
        sendCode(method);
        return method;
    }

    /** Checks an entered code; a wrong one counts against the limited attempts, so refusing keeps the count. */
    @Transactional(noRollbackFor = InvalidInputException.class)
    public ContactMethod verify(UUID userId, UUID methodId, String code) {
        var method = method(userId, methodId);
        int max = settings.getVerification().getMaxAttempts();
        var result = method.checkCode(code, clock.instant(), max);
        // The attempt counts even when the code was wrong, so save before refusing.
        methods.save(method);
        switch (result) {
            case VERIFIED -> audit.record(CurrentActor.get(), "contact-method.verified", "user", userId,
                    method.type() + " " + method.name());
            case WRONG -> throw new InvalidInputException("code",
                    "does not match; " + method.codeAttemptsLeft(max) + " attempt(s) left");
            case EXPIRED -> throw new InvalidInputException("code", "has expired; request a new code");
            case TOO_MANY_ATTEMPTS -> throw new InvalidInputException("code", "too many wrong codes; request a new code");
            case NO_CODE -> throw new InvalidInputException("code",
                    method.verified() ? "this method is already verified" : "no code was sent; request one");
        }
        return methods.findById(methodId).orElseThrow();
    }

    public void delete(UUID userId, UUID methodId) {
        var method = method(userId, methodId);
        jdbc.sql("update notify_delivery set status = 'CANCELLED', last_error = 'contact method deleted'"
                + " where contact_method_id = ? and status = 'PENDING'").param(methodId).update();
        jdbc.sql("delete from notification_rule where contact_method_id = ?").param(methodId).update();
        methods.delete(method);
        audit.record(CurrentActor.get(), "contact-method.deleted", "user", userId, method.type() + " " + method.name());
    }

    /**
     * A push service said the subscription is gone (404 or 410): the method, its rules and its waiting pages go,
     * and the person is told by e-mail to their account address, so they can enable push again.
     */
    public void removeExpired(UUID methodId, String reason) {
        var found = methods.findById(methodId);
        if (found.isEmpty()) {
            return;
        }
        var method = found.get();
        jdbc.sql("update notify_delivery set status = 'CANCELLED', last_error = ?"
                + " where contact_method_id = ? and status = 'PENDING'").params(reason, methodId).update();
        jdbc.sql("delete from notification_rule where contact_method_id = ?").param(methodId).update();
        methods.delete(method);
        audit.record(Actor.SYSTEM, "contact-method.expired", "user", method.userId(),
                method.type() + " " + method.name() + ": " + reason);
        expiryNotices.tell(method, reason);
    }

    @Transactional(readOnly = true)
    public List<ContactMethod> methodsOf(UUID userId) {
        return methods.findByUserIdOrderByCreatedAt(userId);
    }

    @Transactional(readOnly = true)
    public ContactMethod method(UUID userId, UUID methodId) {
        return methods.findById(methodId).filter(m -> m.userId().equals(userId))
                .orElseThrow(() -> new NotFoundException("contact method", methodId));
    }

    /** Verified methods of this type with this destination, across all people (inbound SMS from a number). */
    @Transactional(readOnly = true)
    public List<ContactMethod> verifiedByDestination(ContactMethodType type, String destination) {
        return methods.findByTypeAndDestination(type, destination).stream().filter(ContactMethod::verified).toList();
    }

    /** SMS "STOP": no more messages to this number until it says "START" or is verified again. */
    public int optOut(ContactMethodType type, String destination) {
        int n = 0;
        for (var m : methods.findByTypeAndDestination(type, destination)) {
            m.optOut(clock.instant());
            methods.save(m);
            jdbc.sql("update notify_delivery set status = 'CANCELLED', last_error = 'recipient opted out'"
                    + " where contact_method_id = ? and status = 'PENDING'").param(m.id()).update();
            audit.record(CurrentActor.get(), "contact-method.opted-out", "user", m.userId(), type + " " + m.name());
            n++;
        }
        return n;
    }

    public int optIn(ContactMethodType type, String destination) {
        int n = 0;
        for (var m : methods.findByTypeAndDestination(type, destination)) {
            if (m.optedOut()) {
                m.optIn();
                methods.save(m);
                audit.record(CurrentActor.get(), "contact-method.opted-in", "user", m.userId(), type + " " + m.name());
                n++;
            }
        }
        return n;
    }

    public NotificationRule addRule(UUID userId, UUID methodId, int delayMinutes) {
        if (delayMinutes < 0 || delayMinutes > MAX_DELAY_MINUTES) {
            throw new InvalidInputException("delayMinutes", "must be between 0 and " + MAX_DELAY_MINUTES);
        }
        var method = methods.findById(methodId).filter(m -> m.userId().equals(userId))
                .orElseThrow(() -> new InvalidInputException("contactMethodId", "not one of this person's contact methods"));
        var id = UUID.randomUUID();
        int exists = jdbc.sql("select count(*) from notification_rule where contact_method_id = ? and delay_minutes = ?")
                .params(methodId, delayMinutes).query(Integer.class).single();
        if (exists > 0) {
            throw new ConflictException("rule-exists", "This rule already exists");
        }
        jdbc.sql("insert into notification_rule (id, user_id, contact_method_id, delay_minutes, created_at) values (?, ?, ?, ?, ?)")
                .params(id, userId, methodId, delayMinutes, Timestamp.from(clock.instant())).update();
        audit.record(CurrentActor.get(), "notification-rule.added", "user", userId,
                method.type() + " " + method.name() + " after " + delayMinutes + " min");
        return rulesOf(userId).stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    public void deleteRule(UUID userId, UUID ruleId) {
        if (jdbc.sql("delete from notification_rule where id = ? and user_id = ?").params(ruleId, userId).update() == 0) {
            throw new NotFoundException("notification rule", ruleId);
        }
        audit.record(CurrentActor.get(), "notification-rule.deleted", "user", userId, ruleId.toString());
    }

    /** Every rule of a person, in order of delay; inactive ones point at unverified or opted-out methods. */
    @Transactional(readOnly = true)
    public List<NotificationRule> rulesOf(UUID userId) {
        return jdbc.sql("""
                select r.id, r.user_id, r.contact_method_id, m.type, m.name, r.delay_minutes,
                       m.verified_at is not null and m.opted_out_at is null as active
                from notification_rule r join contact_method m on m.id = r.contact_method_id
                where r.user_id = ? order by r.delay_minutes, m.type, m.name""")
                .param(userId)
                .query((rs, n) -> new NotificationRule(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), ContactMethodType.valueOf(rs.getString(4)), rs.getString(5),
                        rs.getInt(6), rs.getBoolean(7)))
                .list();
    }

    /** The rules that take effect when this person is paged. */
    @Transactional(readOnly = true)
    public List<NotificationRule> activeRules(UUID userId) {
        return rulesOf(userId).stream().filter(NotificationRule::active).toList();
    }

    /** Of these people, those with no verified, opted-in contact method: nobody can reach them (flag them). */
    @Transactional(readOnly = true)
    public Set<UUID> usersWithoutVerifiedMethod(Collection<UUID> userIds) {
        var result = new HashSet<UUID>(userIds);
        if (userIds.isEmpty()) {
            return result;
        }
        var reachable = jdbc.sql("select distinct user_id from contact_method"
                        + " where verified_at is not null and opted_out_at is null and user_id in (:ids)")
                .param("ids", List.copyOf(userIds)).query(UUID.class).list();
        reachable.forEach(result::remove);
        return result;
    }

    private void sendCode(ContactMethod method) {
        String code = String.format(Locale.ROOT, "%06d", RANDOM.nextInt(1_000_000));
        method.newCode(code, clock.instant(), settings.getVerification().getCodeTtl());
        methods.save(method);
        var request = new DeliveryRequest("verify:" + method.id() + ":" + method.codeSentAt().toEpochMilli(),
                method.id(), DeliveryKind.VERIFICATION, null, null);
        outbox.insert(request, method, code);
    }

    private String normalize(ContactMethodType type, String destination, boolean privateAllowed) {
        String value = destination == null ? "" : destination.strip();
        switch (type) {
            case EMAIL -> {
                if (!EMAIL.matcher(value).matches() || value.length() > 320) {
                    throw new InvalidInputException("destination", "must be an e-mail address");
                }
                return value.toLowerCase(Locale.ROOT);
            }
            case SMS, VOICE -> {
                String phone = value.replaceAll("[\\s()./-]", "");
                if (phone.startsWith("00")) {
                    phone = "+" + phone.substring(2);
                }
                if (!E164.matcher(phone).matches()) {
                    throw new InvalidInputException("destination",
                            "must be a phone number in international format, e.g. +49 30 1234567");
                }
                return phone;
            }
            case PUSH -> {
                return pushEndpoint(value, privateAllowed);
            }
            case CHAT -> {
                if (!CHAT_ACCOUNT.matcher(value).matches()) {
                    throw new InvalidInputException("destination",
                            "must be a chat account as <tool>:<user id>, e.g. slack:U024BE7LH");
                }
                return value;
            }
            case WEBHOOK -> {
                if (value.length() > 2000) {
                    throw new InvalidInputException("destination", "must be at most 2000 characters");
                }
                try {
                    guard.check(value, privateAllowed);
                } catch (WebhookTargetGuard.Refused e) {
                    throw new InvalidInputException("destination", e.getMessage());
                }
                return value;
            }
            default -> throw new IllegalStateException();
        }
    }

    private static String defaultName(ContactMethodType type) {
        return switch (type) {
            case EMAIL -> "E-mail";
            case SMS -> "SMS";
            case VOICE -> "Phone call";
            case WEBHOOK -> "Webhook";
            case PUSH -> "Push";
            case CHAT -> "Chat";
        };
    }

    /** A push service's endpoint: HTTPS (HTTP only where configured), not on a private address unless allowed. */
    private String pushEndpoint(String value, boolean privateAllowed) {
        if (value.length() > 2000) {
            throw new InvalidInputException("destination", "must be at most 2000 characters");
        }
        String scheme = value.contains(":") ? value.substring(0, value.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        if (!"https".equals(scheme) && !("http".equals(scheme) && push.isAllowHttpEndpoints())) {
            throw new InvalidInputException("destination", "must be the https:// endpoint of a push subscription");
        }
        try {
            guard.check(value, privateAllowed || push.isAllowPrivateEndpoints());
        } catch (WebhookTargetGuard.Refused e) {
            throw new InvalidInputException("destination", e.getMessage());
        }
        return value;
    }

    private static PushKeys pushKeys(PushKeys keys) {
        if (keys == null) {
            throw new InvalidInputException("keys", "a push subscription needs keys.p256dh and keys.auth");
        }
        try {
            WebPushCrypto.publicKey(WebPushCrypto.fromBase64Url(keys.p256dh() == null ? "" : keys.p256dh()));
        } catch (WebPushCrypto.BadKey e) {
            throw new InvalidInputException("keys.p256dh", e.getMessage());
        }
        byte[] auth;
        try {
            auth = WebPushCrypto.fromBase64Url(keys.auth() == null ? "" : keys.auth());
        } catch (WebPushCrypto.BadKey e) {
            throw new InvalidInputException("keys.auth", e.getMessage());
        }
        if (auth.length != 16) {
            throw new InvalidInputException("keys.auth", "must be 16 bytes in base64url");
        }
        return new PushKeys(keys.p256dh().strip().replace("=", ""), keys.auth().strip().replace("=", ""));
    }

    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
