package io.tocsin.identity.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.identity.ApiToken;
import io.tocsin.identity.ApiTokens;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.identity.User;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service accounts for automation (issue 15 point 3): owned by a team, managed by its managers and by
 * administrators, acting only through scoped, expiring tokens.
 */
@RestController
@RequestMapping("/api/v1/service-accounts")
@Tag(name = "Service accounts", description = "Accounts for automation, owned by a team, with scoped tokens")
class ServiceAccountApiController {

    private final Identity identity;
    private final ApiTokens tokens;

    ServiceAccountApiController(Identity identity, ApiTokens tokens) {
        this.identity = identity;
        this.tokens = tokens;
    }

    /** {@code role}: RESPONDER (the default) or STAKEHOLDER. */
    record NewServiceAccount(@NotBlank @Size(max = 200) String name, @NotNull UUID teamId, Role role) {
    }

    @Schema(name = "ServiceAccountView")
    record View(UUID id, String name, UUID teamId, Role role, boolean active, Instant createdAt) {
    }

    @GetMapping
    List<View> list() {
        return identity.serviceAccounts().stream().map(ServiceAccountApiController::view).toList();
    }

    @PostMapping
    ResponseEntity<View> create(@Valid @RequestBody NewServiceAccount body) {
        var account = identity.createServiceAccount(body.name(), body.teamId(), body.role());
        return ResponseEntity.status(HttpStatus.CREATED).body(view(account));
    }

    @DeleteMapping("/{id}")
    View retire(@PathVariable UUID id) {
        return view(identity.retireServiceAccount(id));
    }

    @GetMapping("/{id}/tokens")
    List<ApiToken> tokens(@PathVariable UUID id) {
        return tokens.of(identity.serviceAccount(id).id());
    }

    /** As for personal tokens: without scopes all the account's role allows; without expiresAt no expiry. */
    @PostMapping("/{id}/tokens")
    ResponseEntity<MeApiController.CreatedToken> createToken(@PathVariable UUID id,
            @Valid @RequestBody MeApiController.NewToken body) {
        return MeApiController.CreatedToken.create(tokens, owned(id).id(), body);
    }

    @DeleteMapping("/{id}/tokens/{tokenId}")
    ResponseEntity<Void> revokeToken(@PathVariable UUID id, @PathVariable UUID tokenId) {
        tokens.revoke(owned(id).id(), tokenId);
        return ResponseEntity.noContent().build();
    }

    /** The account, after checking that the caller manages its team. */
    private User owned(UUID id) {
        var account = identity.serviceAccount(id);
        identity.requireManagerOf(identity.team(account.serviceAccountTeam().orElseThrow()));
        return account;
    }

    private static View view(User u) {
        return new View(u.id(), u.name(), u.serviceAccountTeam().orElse(null), u.role(), u.active(), u.createdAt());
    }
}
