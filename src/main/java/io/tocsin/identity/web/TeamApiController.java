package io.tocsin.identity.web;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Team;
import io.tocsin.identity.TeamRole;
import io.tocsin.shared.Versions;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/teams")
@Tag(name = "Teams", description = "Teams and their members (admin writes)")
class TeamApiController {

    private final Identity identity;

    TeamApiController(Identity identity) {
        this.identity = identity;
    }

    record TeamBody(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description, Long version) {
    }

    /**
     * {@code role} (MANAGER, RESPONDER, OBSERVER) is the member's role in the team; without it {@code lead} decides
     * (a lead is a manager, anyone else a responder). Making the team's last paged member an observer asks for
     * {@code confirm=true} when a policy some service uses targets the team (409 {@code reaches-nobody}).
     */
    record MemberBody(@NotNull UUID userId, Boolean lead, TeamRole role) {
    }

    @Schema(name = "TeamMemberView")
    record MemberView(UUID userId, String name, boolean lead, TeamRole role, Instant joinedAt) {
    }

    record TeamView(UUID id, String name, String description, List<MemberView> members, long version) {
    }

    @GetMapping
    List<TeamView> list() {
        return identity.teams().stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    ResponseEntity<TeamView> get(@PathVariable UUID id) {
        var team = identity.team(id);
        return ResponseEntity.ok().eTag(Versions.etag(team.version())).body(view(team));
    }

    @PostMapping
    ResponseEntity<TeamView> create(@Valid @RequestBody TeamBody body) {
        var team = identity.createTeam(body.name(), body.description());
        return ResponseEntity.status(HttpStatus.CREATED).eTag(Versions.etag(team.version())).body(view(team));
    }

    @PutMapping("/{id}")
    ResponseEntity<TeamView> update(@PathVariable UUID id, @Valid @RequestBody TeamBody body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Versions.check(ifMatch, body.version(), identity.team(id).version());
        var team = identity.updateTeam(id, body.name(), body.description());
        return ResponseEntity.ok().eTag(Versions.etag(team.version())).body(view(team));
    }

    @PostMapping("/{id}/members")
    TeamView putMember(@PathVariable UUID id, @Valid @RequestBody MemberBody body,
            @RequestParam(defaultValue = "false") boolean confirm) {
        return view(body.role() != null ? identity.putMember(id, body.userId(), body.role(), confirm)
                : identity.putMember(id, body.userId(), Boolean.TRUE.equals(body.lead())));
    }

    @DeleteMapping("/{id}/members/{userId}")
    TeamView removeMember(@PathVariable UUID id, @PathVariable UUID userId,
            @RequestParam(defaultValue = "false") boolean confirm) {
        return view(identity.removeMember(id, userId, confirm));
    }

    private TeamView view(Team team) {
        var names = identity.usersById(team.members().stream().map(m -> m.userId()).toList());
        var members = team.members().stream()
                .map(m -> new MemberView(m.userId(), names.containsKey(m.userId()) ? names.get(m.userId()).name() : null,
                        m.lead(), m.role(), m.joinedAt()))
                .sorted(Comparator.comparing(MemberView::name, Comparator.nullsLast(String::compareToIgnoreCase)))
                .toList();
        return new TeamView(team.id(), team.name(), team.description(), members, team.version());
    }
}
