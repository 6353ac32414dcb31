package io.tocsin.catalog;

import java.time.Instant;
import java.util.UUID;

import io.tocsin.identity.Actor;
import io.tocsin.shared.ChangeStamp;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Embedded;

/** Something customers use and notice when it breaks; incidents list the products they affect. */
public class Product {

    @Id
    private UUID id;
    private String name;
    private String description;
    @Embedded.Empty
    private ChangeStamp stamp;
    @Version
    private Long version;

    Product() {
    }

    static Product create(String name, String description, Actor actor, Instant now) {
        var p = new Product();
        p.id = UUID.randomUUID();
        p.name = name;
        p.description = description;
        p.stamp = ChangeStamp.created(actor.userId(), now);
        return p;
    }

    void change(String name, String description, Actor actor, Instant now) {
        this.name = name;
        this.description = description;
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

    public long version() {
        return version == null ? 0 : version;
    }
}
