package io.tocsin.identity;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;

import io.tocsin.shared.ChangeStamp;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Embedded;
import org.springframework.data.relational.core.mapping.Table;

/** A person who responds to incidents or follows them. */
@Table("app_user")
public class User {

    @Id
    private UUID id;
    private String name;
    private String email;
    private String timeZone;
    private String locale;
    private Role role;
    private String passwordHash;
    private String phone;
    private boolean active;
    /** Set for a service account: the team that owns it (it has no password and acts only through tokens). */
    private UUID serviceAccountTeamId;
    @Embedded.Empty
    private ChangeStamp stamp;
    @Version
    private Long version;

    User() {
    }

    static User create(String name, String email, ZoneId zone, Locale locale, Role role, String passwordHash,
            Actor actor, Instant now) {
        var user = new User();
        user.id = UUID.randomUUID();
        user.name = name;
        user.email = email.toLowerCase(Locale.ROOT);
        user.timeZone = zone.getId();
        user.locale = locale.toLanguageTag();
        user.role = role;
        user.passwordHash = passwordHash;
        user.active = true;
        user.stamp = ChangeStamp.created(actor.userId(), now);
        return user;
    }

    static User serviceAccount(String name, UUID teamId, Role role, Actor actor, Instant now) {
        var user = new User();
        user.id = UUID.randomUUID();
        user.name = name;
        user.email = "svc-" + user.id + "@service-accounts.invalid";
        user.timeZone = "UTC";
        user.locale = "en";
        user.role = role;
        user.active = true;
        user.serviceAccountTeamId = teamId;
        user.stamp = ChangeStamp.created(actor.userId(), now);
        return user;
    }

    void update(String name, String email, ZoneId zone, Locale locale, String phone, Actor actor, Instant now) {
        this.name = name;
        this.email = email.toLowerCase(Locale.ROOT);
        this.timeZone = zone.getId();
        this.locale = locale.toLanguageTag();
        this.phone = phone;
        touch(actor, now);
    }

    void changeRole(Role role, Actor actor, Instant now) {
        this.role = role;
        touch(actor, now);
    }

    void changePassword(String passwordHash, Actor actor, Instant now) {
        this.passwordHash = passwordHash;
        touch(actor, now);
    }

    void deactivate(Actor actor, Instant now) {
        this.active = false;
        touch(actor, now);
    }

    void activate(Actor actor, Instant now) {
        this.active = true;
        touch(actor, now);
    }

    private void touch(Actor actor, Instant now) {
        this.stamp = stamp.touched(actor.userId(), now);
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public Locale locale() {
        return Locale.forLanguageTag(locale);
    }

    public Role role() {
        return role;
    }

    String passwordHash() {
        return passwordHash;
    }

    public String phone() {
        return phone;
    }

    public boolean active() {
        return active;
    }

    /** The owning team when this is a service account; empty for a person. */
    public java.util.Optional<UUID> serviceAccountTeam() {
        return java.util.Optional.ofNullable(serviceAccountTeamId);
    }

    public Instant createdAt() {
        return stamp.createdAt();
    }

    public Instant updatedAt() {
        return stamp.updatedAt();
    }

    public long version() {
        return version == null ? 0 : version;
    }

    public Actor asActor() {
        return new Actor(id, name);
    }
}
