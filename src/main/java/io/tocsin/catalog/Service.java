package io.tocsin.catalog;

import java.time.Instant;
import java.util.UUID;

import io.tocsin.identity.Actor;
import io.tocsin.shared.ChangeStamp;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Embedded;

/**
 * A technical service that can be at fault in an incident, owned by a team. Tier 1 is the most critical.
 * The built-in "Unknown" service stands for "we do not know yet" and cannot be changed or removed.
 */
public class Service {

    public static final UUID UNKNOWN_ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @Id
    private UUID id;
    private String name;
    private String description;
    private UUID owningTeamId;
    private int tier;
    private boolean builtIn;
    @Embedded.Empty
    private ChangeStamp stamp;
    @Version
    private Long version;

    Service() {
    }

    static Service create(String name, String description, UUID owningTeamId, int tier, Actor actor, Instant now) {
        var s = new Service();
        s.id = UUID.randomUUID();
        s.name = name;
        s.description = description;
        s.owningTeamId = owningTeamId;
        s.tier = tier;
        s.stamp = ChangeStamp.created(actor.userId(), now);
        return s;
    }

    void change(String name, String description, UUID owningTeamId, int tier, Actor actor, Instant now) {
        if (builtIn) {
            throw new IllegalStateException("The built-in service cannot be changed");
        }
        this.name = name;
        this.description = description;
        this.owningTeamId = owningTeamId;
        this.tier = tier;
        this.stamp = stamp.touched(actor.userId(), now);
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public UUID owningTeamId() {
        return owningTeamId;
    }

    public int tier() {
        return tier;
    }

    public boolean builtIn() {
        return builtIn;
    }

    public boolean isUnknown() {
        return UNKNOWN_ID.equals(id);
    }

    public long version() {
        return version == null ? 0 : version;
    }
}
