package io.tocsin.identity.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.identity.Identity;
import io.tocsin.identity.PersonalData;
import io.tocsin.identity.Role;
import io.tocsin.shared.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users", description = "People who respond to incidents or follow them (admin writes)")
class UserApiController {

    private final Identity identity;
    private final PersonalData personalData;

    UserApiController(Identity identity, PersonalData personalData) {
        this.identity = identity;
        this.personalData = personalData;
    }

    record CreateUser(@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 320) String email,
            @Size(max = 64) String timeZone, @Size(max = 16) String locale, Role role,
            @Size(min = 12, max = 200) String password) {
    }

    record UpdateUser(@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 320) String email,
            @Size(max = 64) String timeZone, @Size(max = 16) String locale, @Size(max = 40) String phone, Role role,
            Boolean active, Long version) {
    }

    @GetMapping
    List<UserView> list() {
        var visible = personalData.visibleToViewer();
        return identity.users().stream().map(u -> UserView.forViewer(u, visible)).toList();
    }

    @GetMapping("/{id}")
    ResponseEntity<UserView> get(@PathVariable UUID id) {
        var user = identity.user(id);
        return ResponseEntity.ok().eTag(Versions.etag(user.version())).body(UserView.forViewer(user, personalData.visibleToViewer()));
    }

    @PostMapping
    ResponseEntity<UserView> create(@Valid @RequestBody CreateUser body) {
        var user = identity.createUser(new Identity.NewUser(body.name(), body.email(), body.timeZone(), body.locale(),
                body.role(), body.password()));
        return ResponseEntity.status(HttpStatus.CREATED).eTag(Versions.etag(user.version())).body(UserView.of(user));
    }

    /** One transaction: a refused deactivation (409 reaches-nobody) leaves the profile unchanged too. */
    @PutMapping("/{id}")
    @Transactional
    ResponseEntity<UserView> update(@PathVariable UUID id, @Valid @RequestBody UpdateUser body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestParam(defaultValue = "false") boolean confirm) {
        Versions.check(ifMatch, body.version(), identity.user(id).version());
        var user = identity.updateProfile(id, new Identity.UserProfile(body.name(), body.email(), body.timeZone(),
                body.locale(), body.phone()));
        if (body.role() != null && body.role() != user.role()) {
            user = identity.changeRole(id, body.role());
        }
        if (body.active() != null && body.active() != user.active()) {
            user = identity.setActive(id, body.active(), confirm);
        }
        return ResponseEntity.ok().eTag(Versions.etag(user.version())).body(UserView.of(user));
    }

    record SetPassword(@NotNull @Size(min = 12, max = 200) String password) {
    }

    @PutMapping("/{id}/password")
    ResponseEntity<Void> setPassword(@PathVariable UUID id, @Valid @RequestBody SetPassword body) {
        identity.changePassword(id, null, body.password(), false);
        return ResponseEntity.noContent().build();
    }
}
