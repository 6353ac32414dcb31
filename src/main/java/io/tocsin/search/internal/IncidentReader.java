package io.tocsin.search.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.alerts.IncidentAlerts;
import io.tocsin.comms.IncidentUpdates;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.IncidentStatus;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.Timeline;
import io.tocsin.incidents.TimelineArg;
import io.tocsin.incidents.TimelineEntry;
import io.tocsin.learning.Postmortems;
import io.tocsin.learning.Problem;
import io.tocsin.search.internal.SearchDocument.DocType;
import org.springframework.stereotype.Component;

/**
 * Reads what is indexed of an incident through the other modules' APIs: the incident, the entries people wrote on
 * its timeline, its updates, its postmortem and its alerts; and problems. Turns each into documents without
 * personal contact data, and the incident's profile for similarity.
 */
@Component
class IncidentReader {

    record Read(IncidentProfile profile, List<SearchDocument> documents) {
    }

    private final Incidents incidents;
    private final Timeline timeline;
    private final IncidentUpdates updates;
    private final Postmortems postmortems;
    private final IncidentAlerts alerts;

    IncidentReader(Incidents incidents, Timeline timeline, IncidentUpdates updates, Postmortems postmortems,
            IncidentAlerts alerts) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.updates = updates;
        this.postmortems = postmortems;
        this.alerts = alerts;
    }

    Optional<Read> read(UUID incidentId) {
        return incidents.find(incidentId).map(this::read);
    }

    private Read read(Incident i) {
        var docs = new ArrayList<SearchDocument>();
        var url = "/incidents/" + i.key();
        var profileText = new StringBuilder();
        var description = PersonalData.redact(i.description());
        var contacts = new ArrayList<>(description.contacts());
        if (i.reporterContact() != null) {
            contacts.add(i.reporterContact());
        }
        var summary = PersonalData.redact(i.summary());
        contacts.addAll(summary.contacts());
        docs.add(new SearchDocument("incident:" + i.id(), DocType.INCIDENT, i.id(), i.key(), i.key() + " " + summary.text(),
                description.text(), url, i.declaredAt(), contacts));
        append(profileText, description.text());
        String resolution = null;
        for (var e : timeline.of(i.id())) {
            if (e.kind().typedByPeople()) {
                var body = PersonalData.redact(join(e.body(), e.outcome(), e.rollbackPlan()));
                docs.add(new SearchDocument("timeline:" + e.id(), DocType.TIMELINE, i.id(), i.key(), i.key() + " · "
                        + e.kind().name().toLowerCase(Locale.ROOT), body.text(), url + "#entry-" + e.id(), e.occurredAt(),
                        body.contacts()));
                append(profileText, body.text());
            } else if ("status-changed".equals(e.event()) && resolvedBy(e)) {
                var reason = e.args().size() > 2 && e.args().get(2) instanceof TimelineArg.Text t ? t.value() : null;
                if (reason != null && !reason.isBlank()) {
                    resolution = PersonalData.redact(reason).text();
                    append(profileText, resolution);
                }
            }
        }
        for (var u : updates.of(i.id())) {
            var text = PersonalData.redact(join(u.summary(), u.body()));
            docs.add(new SearchDocument("update:" + u.id(), DocType.UPDATE, i.id(), i.key(),
                    i.key() + " · " + nullToEmpty(u.title()), text.text(), url, u.postedAt(), text.contacts()));
        }
        var sources = new LinkedHashSet<String>();
        for (var a : alerts.of(i.id())) {
            var text = PersonalData.redact(join(a.summary(), a.source(), a.integrationName()));
            docs.add(new SearchDocument("alert:" + a.id(), DocType.ALERT, i.id(), i.key(), a.summary(), text.text(),
                    "/alerts/" + a.id(), a.firstSeenAt(), text.contacts()));
            append(profileText, a.summary());
            if (a.integrationId() != null) {
                sources.add(a.integrationId().toString());
            }
        }
        postmortems.forIncident(i.id()).ifPresent(p -> {
            var body = new StringBuilder();
            for (var s : p.sections()) {
                if (s.body() != null && !s.body().isBlank()) {
                    body.append(s.title()).append(": ").append(s.body()).append('\n');
                }
            }
            var text = PersonalData.redact(body.toString());
            docs.add(new SearchDocument("postmortem:" + p.id(), DocType.POSTMORTEM, i.id(), i.key(),
                    i.key() + " · postmortem", text.text(), url + "/postmortem", p.updatedAt(), text.contacts()));
            append(profileText, text.text());
        });
        boolean past = i.status() == IncidentStatus.RESOLVED || i.status() == IncidentStatus.CLOSED;
        var profile = new IncidentProfile(i.id(), i.key(), summary.text(), i.status().name(), past, i.serviceId(),
                sources, profileText.toString(), resolution, i.declaredAt(), i.resolvedAt());
        return new Read(profile, docs);
    }

    /** Who resolved the incident last, and the reason they gave. */
    record Resolution(Optional<io.tocsin.identity.Actor> resolver, String reason) {
    }

    Resolution resolution(UUID incidentId) {
        Resolution found = new Resolution(Optional.empty(), null);
        for (var e : timeline.of(incidentId)) {
            if (!e.kind().typedByPeople() && "status-changed".equals(e.event()) && resolvedBy(e)) {
                var reason = e.args().size() > 2 && e.args().get(2) instanceof TimelineArg.Text t
                        && t.value() != null && !t.value().isBlank() ? PersonalData.redact(t.value()).text() : null;
                found = new Resolution(e.actorId() == null ? Optional.empty()
                        : Optional.of(new io.tocsin.identity.Actor(e.actorId(), e.actorName())), reason);
            }
        }
        return found;
    }

    static SearchDocument problemDocument(Problem p) {
        var text = PersonalData.redact(join(p.description(), p.rootCause(), p.workaround()));
        return new SearchDocument("problem:" + p.id(), DocType.PROBLEM, p.id(), p.key(), p.key() + " " + p.title(),
                text.text(), "/problems/" + p.key(), p.updatedAt(), text.contacts());
    }

    private static boolean resolvedBy(TimelineEntry e) {
        return e.args().size() > 1 && e.args().get(1) instanceof TimelineArg.Code c
                && c.code().equals("status." + IncidentStatus.RESOLVED.name());
    }

    private static void append(StringBuilder sb, String text) {
        if (text != null && !text.isBlank() && sb.length() < 8_000) {
            sb.append(text.strip()).append('\n');
        }
    }

    private static String join(String... parts) {
        var sb = new StringBuilder();
        for (var p : parts) {
            if (p != null && !p.isBlank()) {
                sb.append(p.strip()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
