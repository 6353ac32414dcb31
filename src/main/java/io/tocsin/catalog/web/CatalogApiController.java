package io.tocsin.catalog.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.catalog.Catalog;
import io.tocsin.catalog.Product;
import io.tocsin.catalog.Service;
import io.tocsin.shared.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Catalog", description = "Services (what can be at fault) and products (what customers notice)")
class CatalogApiController {

    private final Catalog catalog;

    CatalogApiController(Catalog catalog) {
        this.catalog = catalog;
    }

    record ServiceBody(@NotBlank @Size(max = 200) String name, @Size(max = 4000) String description,
            UUID owningTeamId, @Min(1) @Max(3) Integer tier, Long version) {
    }

    record ServiceView(UUID id, String name, String description, UUID owningTeamId, int tier, boolean builtIn,
            long version) {
        static ServiceView of(Service s) {
            return new ServiceView(s.id(), s.name(), s.description(), s.owningTeamId(), s.tier(), s.builtIn(),
                    s.version());
        }
    }

    record ProductBody(@NotBlank @Size(max = 200) String name, @Size(max = 4000) String description, Long version) {
    }

    record ProductView(UUID id, String name, String description, long version) {
        static ProductView of(Product p) {
            return new ProductView(p.id(), p.name(), p.description(), p.version());
        }
    }

    @GetMapping("/services")
    List<ServiceView> services() {
        return catalog.services().stream().map(ServiceView::of).toList();
    }

    @GetMapping("/services/{id}")
    ResponseEntity<ServiceView> service(@PathVariable UUID id) {
        var s = catalog.service(id);
        return ResponseEntity.ok().eTag(Versions.etag(s.version())).body(ServiceView.of(s));
    }

    @PostMapping("/services")
    ResponseEntity<ServiceView> createService(@Valid @RequestBody ServiceBody body) {
        var s = catalog.createService(new Catalog.ServiceDraft(body.name(), body.description(), body.owningTeamId(),
                body.tier()));
        return ResponseEntity.status(HttpStatus.CREATED).eTag(Versions.etag(s.version())).body(ServiceView.of(s));
    }

    @PutMapping("/services/{id}")
    ResponseEntity<ServiceView> updateService(@PathVariable UUID id, @Valid @RequestBody ServiceBody body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Versions.check(ifMatch, body.version(), catalog.service(id).version());
        var s = catalog.updateService(id, new Catalog.ServiceDraft(body.name(), body.description(),
                body.owningTeamId(), body.tier()));
        return ResponseEntity.ok().eTag(Versions.etag(s.version())).body(ServiceView.of(s));
    }

    @GetMapping("/products")
    List<ProductView> products() {
        return catalog.products().stream().map(ProductView::of).toList();
    }

    @GetMapping("/products/{id}")
    ResponseEntity<ProductView> product(@PathVariable UUID id) {
        var p = catalog.product(id);
        return ResponseEntity.ok().eTag(Versions.etag(p.version())).body(ProductView.of(p));
    }

    @PostMapping("/products")
    ResponseEntity<ProductView> createProduct(@Valid @RequestBody ProductBody body) {
        var p = catalog.createProduct(body.name(), body.description());
        return ResponseEntity.status(HttpStatus.CREATED).eTag(Versions.etag(p.version())).body(ProductView.of(p));
    }

    @PutMapping("/products/{id}")
    ResponseEntity<ProductView> updateProduct(@PathVariable UUID id, @Valid @RequestBody ProductBody body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Versions.check(ifMatch, body.version(), catalog.product(id).version());
        var p = catalog.updateProduct(id, body.name(), body.description());
        return ResponseEntity.ok().eTag(Versions.etag(p.version())).body(ProductView.of(p));
    }
}
