package io.tocsin.identity.web;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.identity.ApiToken;
import io.tocsin.identity.ApiTokens;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.identity.TokenScope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Me", description = "Your own profile, password and personal API tokens")
class MeApiController {

    private final Identity identity;
    private final ApiTokens tokens;

    MeApiController(Identity identity, ApiTokens tokens) {
        this.identity = identity;
        this.tokens = tokens;
    }

    @GetMapping
    UserView me() {
        return UserView.of(identity.user(me_().userId()));
    }

    record Profile(@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 320) String email,
            @Size(max = 64) String timeZone, @Size(max = 16) String locale, @Size(max = 40) String phone) {
    }

    @PutMapping
    UserView update(@Valid @RequestBody Profile body) {
        return UserView.of(identity.updateProfile(me_().userId(),
                new Identity.UserProfile(body.name(), body.email(), body.timeZone(), body.locale(), body.phone())));
    }

    record PasswordChange(@NotNull String currentPassword, @NotNull @Size(min = 12, max = 200) String newPassword) {
    }

    @PutMapping("/password")
    ResponseEntity<Void> password(@Valid @RequestBody PasswordChange body) {
        identity.changePassword(me_().userId(), body.currentPassword(), body.newPassword(), true);
        return ResponseEntity.noContent().build();
    }

    /** Without scopes the token may do everything your role allows; without expiresAt it never expires. */
    record NewToken(@NotBlank @Size(max = 100) String name, @Size(max = 5) Set<TokenScope> scopes,
            Instant expiresAt) {
    }

    record CreatedToken(UUID id, String name, String prefix, String token, Set<TokenScope> scopes, Instant expiresAt,
            String note) {

        /** Makes a token for {@code userId} as the request asks (no scopes: all the owner's role allows). */
        static ResponseEntity<CreatedToken> create(ApiTokens tokens, UUID userId, NewToken body) {
            var scopes = body.scopes() == null || body.scopes().isEmpty() ? EnumSet.of(TokenScope.ADMIN)
                    : body.scopes();
            var created = tokens.create(userId, body.name(), scopes, body.expiresAt());
            return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedToken(created.meta().id(),
                    created.meta().name(), created.meta().prefix(), created.token(), created.meta().scopes(),
                    created.meta().expiresAt(), "Store this token now: it is shown only once."));
        }
    }

    @GetMapping("/tokens")
    List<ApiToken> tokens() {
        return tokens.of(me_().userId());
    }

    @PostMapping("/tokens")
    ResponseEntity<CreatedToken> createToken(@Valid @RequestBody NewToken body) {
        return CreatedToken.create(tokens, me_().userId(), body);
    }

    @DeleteMapping("/tokens/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        tokens.revoke(me_().userId(), id);
        return ResponseEntity.noContent().build();
    }

    private static TocsinPrincipal me_() {
        return CurrentActor.principal().orElseThrow();
    }
}
