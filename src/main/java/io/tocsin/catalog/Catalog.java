package io.tocsin.catalog;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tocsin.identity.AuditLog;
import io.tocsin.identity.Changes;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.TeamAccess;
import io.tocsin.identity.TeamOwned;
import io.tocsin.identity.TeamPermission;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads and changes the catalog of services and products. */
@Component
@Transactional
public class Catalog {

    private final ServiceRepository services;
    private final ProductRepository products;
    private final Identity identity;
    private final AuditLog audit;
    private final Clock clock;
    private final JdbcClient jdbc;
    private final TeamAccess teamAccess;

    Catalog(ServiceRepository services, ProductRepository products, Identity identity, AuditLog audit, Clock clock,
            JdbcClient jdbc, TeamAccess teamAccess) {
        this.teamAccess = teamAccess;
        this.services = services;
        this.products = products;
        this.identity = identity;
        this.audit = audit;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    public record ServiceDraft(String name, String description, UUID owningTeamId, Integer tier) {
    }

    public Service createService(ServiceDraft draft) {
        validate(draft, null);
        var actor = CurrentActor.get();
        var service = Service.create(draft.name().strip(), blankToNull(draft.description()), draft.owningTeamId(),
                draft.tier() == null ? 2 : draft.tier(), actor, clock.instant());
        services.save(service);
        audit.record(actor, "service.created", "service", service.id(), service.name());
        return service;
    }

    public Service updateService(UUID id, ServiceDraft draft) {
        var service = service(id);
        if (service.builtIn()) {
            throw new ConflictException("built-in", "The built-in service '" + service.name() + "' cannot be changed");
        }
        validate(draft, id);
        var actor = CurrentActor.get();
        var changes = Changes.of().field("name", service.name(), draft.name().strip())
                .field("description", service.description(), blankToNull(draft.description()))
                .field("owningTeamId", service.owningTeamId(), draft.owningTeamId())
                .field("tier", service.tier(), draft.tier() == null ? service.tier() : draft.tier());
        service.change(draft.name().strip(), blankToNull(draft.description()), draft.owningTeamId(),
                draft.tier() == null ? service.tier() : draft.tier(), actor, clock.instant());
        services.save(service);
        audit.record(actor, "service.updated", "service", id, service.name() + ": " + changes);
        return service;
    }

    private void validate(ServiceDraft draft, UUID self) {
        if (draft.tier() != null && (draft.tier() < 1 || draft.tier() > 3)) {
            throw new InvalidInputException("tier", "must be 1 (most critical), 2 or 3");
        }
        if (draft.owningTeamId() != null && identity.findTeam(draft.owningTeamId()).isEmpty()) {
            throw new InvalidInputException("owningTeamId", "no team with id " + draft.owningTeamId());
        }
        services.findByNameIgnoreCase(draft.name().strip()).filter(s -> !s.id().equals(self)).ifPresent(s -> {
            throw new ConflictException("name-taken", "A service named '" + s.name() + "' already exists");
        });
    }

    @Transactional(readOnly = true)
    public Service service(UUID id) {
        return services.findById(id).orElseThrow(() -> new NotFoundException("service", id));
    }

    @Transactional(readOnly = true)
    public Optional<Service> findService(UUID id) {
        return id == null ? Optional.empty() : services.findById(id);
    }

    /**
     * The service, for a change of its configuration (integrations, heartbeats, alert rules, escalation policy,
     * business hours, maintenance): 404 when unknown, 403 naming {@code team:configure} unless the caller manages
     * the owning team or is an administrator (issue 15 point 2). A service no team owns: administrators.
     */
    @Transactional(readOnly = true)
    public Service configurable(UUID serviceId) {
        var service = service(serviceId);
        teamAccess.require(TeamPermission.CONFIGURE, service.owningTeamId(), "the configuration of service '"
                + service.name() + "'");
        return service;
    }

    /** Which team owns a service, for the API's security chain (issue 15 point 2). */
    @org.springframework.context.annotation.Bean
    static TeamOwned serviceOwner(JdbcClient jdbc) {
        return TeamOwned.of("service", id -> jdbc.sql("select owning_team_id from service where id = ?").param(id)
                .query((rs, n) -> new TeamOwned.Owner(rs.getObject(1, UUID.class))).optional());
    }

    /** The team owning a service, if any: one column, for escalation, which asks for every paging alert. */
    @Transactional(readOnly = true)
    public Optional<UUID> owningTeamOf(UUID serviceId) {
        // Plain JDBC: the repository's query method machinery cost more than the query.
        return jdbc.sql("select owning_team_id from service where id = ?").param(serviceId)
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, UUID.class))).optional()
                .flatMap(team -> team);
    }

    @Transactional(readOnly = true)
    public Optional<Service> findServiceByName(String name) {
        return services.findByNameIgnoreCase(name.strip());
    }

    @Transactional(readOnly = true)
    public List<Service> services() {
        return services.findAllByOrderByNameAsc();
    }

    @Transactional(readOnly = true)
    public List<Service> servicesOfTeam(UUID teamId) {
        return services.findByOwningTeamIdOrderByNameAsc(teamId);
    }

    @Transactional(readOnly = true)
    public Map<UUID, Service> servicesById(Collection<UUID> ids) {
        return services.findAllById(ids.stream().distinct().toList()).stream()
                .collect(Collectors.toMap(Service::id, Function.identity()));
    }

    public Product createProduct(String name, String description) {
        products.findByNameIgnoreCase(name.strip()).ifPresent(p -> {
            throw new ConflictException("name-taken", "A product named '" + p.name() + "' already exists");
        });
        var actor = CurrentActor.get();
        var product = Product.create(name.strip(), blankToNull(description), actor, clock.instant());
        products.save(product);
        audit.record(actor, "product.created", "product", product.id(), product.name());
        return product;
    }

    public Product updateProduct(UUID id, String name, String description) {
        var product = product(id);
        products.findByNameIgnoreCase(name.strip()).filter(p -> !p.id().equals(id)).ifPresent(p -> {
            throw new ConflictException("name-taken", "A product named '" + p.name() + "' already exists");
        });
        var actor = CurrentActor.get();
        product.change(name.strip(), blankToNull(description), actor, clock.instant());
        products.save(product);
        audit.record(actor, "product.updated", "product", id, product.name());
        return product;
    }

    @Transactional(readOnly = true)
    public Product product(UUID id) {
        return products.findById(id).orElseThrow(() -> new NotFoundException("product", id));
    }

    @Transactional(readOnly = true)
    public List<Product> products() {
        return products.findAllByOrderByNameAsc();
    }

    @Transactional(readOnly = true)
    public Map<UUID, Product> productsById(Collection<UUID> ids) {
        return products.findAllById(ids.stream().distinct().toList()).stream()
                .collect(Collectors.toMap(Product::id, Function.identity()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
