package io.tocsin.reports.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.reports.internal.MonthlyMails;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A team's monthly report e-mail (issue 16 point 3): administrators and the team's managers only. */
@RestController
@RequestMapping("/api/v1/reports/monthly-mail")
@Tag(name = "Reports")
class MonthlyMailApi {

    private final MonthlyMails mails;

    MonthlyMailApi(MonthlyMails mails) {
        this.mails = mails;
    }

    @Schema(name = "ReportMonthlyMailSettings")
    record Body(@Schema(description = "Tocsin users who get the mail (their current address)") List<String> userIds,
            @Schema(description = "Plain e-mail addresses of stakeholders") List<String> emails,
            @Schema(description = "en or de", example = "de") String language,
            @Schema(description = "IANA time zone of the 08:00 on the 1st", example = "Europe/Berlin") String zone) {
    }

    @Schema(name = "ReportMonthlyMail")
    record View(UUID teamId, List<UUID> userIds, List<String> emails, String language, String zone,
            @Schema(description = "When the next mail goes out (08:00 on the 1st in the zone)") Instant nextMailAt) {

        static View of(MonthlyMails.Subscription s) {
            var settings = s.settings();
            return new View(s.teamId(), settings.userIds(), settings.emails(), settings.language(), settings.zone(),
                    s.nextMailAt());
        }
    }

    @Operation(summary = "The team's monthly report e-mail settings; 404 while it is off")
    @GetMapping("/{teamId}")
    View get(@PathVariable UUID teamId) {
        return mails.find(teamId).map(View::of)
                .orElseThrow(() -> new NotFoundException("monthly report mail of team", teamId));
    }

    @Operation(summary = "Turns the team's monthly report e-mail on or changes it (at most 50 recipients); it goes"
            + " out at 08:00 on the 1st of each month in the zone with the previous month's figures")
    @PutMapping("/{teamId}")
    View put(@PathVariable UUID teamId, @RequestBody Body body) {
        if (body == null) {
            throw new InvalidInputException("recipients", "name at least one user or e-mail address");
        }
        var ids = new ArrayList<UUID>();
        var violations = new ArrayList<FieldViolation>();
        var given = body.userIds() == null ? List.<String>of() : body.userIds();
        for (int i = 0; i < given.size(); i++) {
            try {
                ids.add(UUID.fromString(given.get(i).strip()));
            } catch (RuntimeException e) {
                violations.add(new FieldViolation("userIds[" + i + "]", "'" + given.get(i) + "' is not a user id"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return View.of(mails.put(teamId, new MonthlyMails.Settings(ids, body.emails(), body.language(), body.zone())));
    }

    @Operation(summary = "Turns the team's monthly report e-mail off (the pending mail is cancelled)")
    @DeleteMapping("/{teamId}")
    ResponseEntity<Void> delete(@PathVariable UUID teamId) {
        if (!mails.delete(teamId)) {
            throw new NotFoundException("monthly report mail of team", teamId);
        }
        return ResponseEntity.noContent().build();
    }
}
