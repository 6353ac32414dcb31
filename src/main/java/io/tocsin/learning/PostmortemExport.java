package io.tocsin.learning;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.Identity;
import io.tocsin.incidents.Incidents;
import io.tocsin.shared.HumanTime;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A postmortem as a document: Markdown (for wikis and the kept revisions) and the plain structure the printable
 * page and the PDF are drawn from, in the postmortem's language.
 */
@Component
public class PostmortemExport {

    private final Postmortems postmortems;
    private final ActionItems actionItems;
    private final Incidents incidents;
    private final Identity identity;
    private final LearningSettings settings;
    private final MessageSource messages;

    PostmortemExport(Postmortems postmortems, ActionItems actionItems, Incidents incidents, Identity identity,
            LearningSettings settings, MessageSource messages) {
        this.postmortems = postmortems;
        this.actionItems = actionItems;
        this.incidents = incidents;
        this.identity = identity;
        this.settings = settings;
        this.messages = messages;
    }

    /** The document's parts: heading, facts (label, value), figures, sections, timeline lines and action items. */
    public record Document(String title, List<Map.Entry<String, String>> facts, List<Map.Entry<String, String>> figures,
            List<PostmortemSection> sections, List<String> timeline, List<String> actionItems, Locale locale) {
    }

    public Document document(Postmortem p) {
        var locale = Locale.forLanguageTag(p.language());
        ZoneId zone = settings.getZone();
        var incident = incidents.find(p.incidentId()).orElseThrow();
        var owner = p.ownerId() == null ? "–" : identity.findUser(p.ownerId()).map(u -> u.name()).orElse("–");
        var facts = List.<Map.Entry<String, String>>of(
                Map.entry(msg("learning.field.incident", locale), p.incidentKey() + " · " + incident.summary()),
                Map.entry(msg("learning.field.severity", locale), String.valueOf(p.severity())),
                Map.entry(msg("learning.field.status", locale), msg("learning.status." + p.status().name(), locale)),
                Map.entry(msg("learning.field.owner", locale), owner),
                Map.entry(msg("learning.field.due", locale), p.dueOn().toString()),
                Map.entry(msg("learning.field.meeting", locale), p.meetingAt() == null ? "–"
                        : HumanTime.dateTime(p.meetingAt(), locale, zone)));
        var f = postmortems.figures(p);
        var figures = List.<Map.Entry<String, String>>of(
                Map.entry(msg("learning.figure.ttd", locale), span(f.timeToDetect(), locale)),
                Map.entry(msg("learning.figure.tta", locale), span(f.timeToAcknowledge(), locale)),
                Map.entry(msg("learning.figure.ttm", locale), span(f.timeToMitigate(), locale)),
                Map.entry(msg("learning.figure.ttr", locale), span(f.timeToResolve(), locale)),
                Map.entry(msg("learning.figure.impact", locale), span(f.customerImpact(), locale)),
                Map.entry(msg("learning.figure.pages", locale), f.pagesSent() + " / " + f.peoplePaged()),
                Map.entry(msg("learning.figure.responders", locale), f.responders() + " · "
                        + span(f.responderTime(), locale)),
                Map.entry(msg("learning.figure.tickets", locale), String.valueOf(f.supportTickets())),
                Map.entry(msg("learning.figure.affected", locale), f.affectedCustomers() == null ? "–"
                        : f.affectedCustomers()));
        var lines = p.entries().stream().filter(PostmortemEntry::included).map(e -> HumanTime.dateTime(e.occurredAt(),
                locale, zone) + " · " + (e.keyMoment() == null ? "" : "[" + msg("learning.moment." + e.keyMoment().name(),
                locale) + "] ") + e.text() + (e.annotation() == null ? "" : " — " + e.annotation())
                + " (" + e.source() + ")").toList();
        var items = actionItems.forPostmortem(p.incidentId()).stream().map(a -> "[" + msg("learning.item.status."
                + a.status().name(), locale) + "] " + a.title() + " · " + msg("learning.item.kind." + a.kind().name(),
                locale) + " · " + name(a.ownerId()) + " · " + a.dueOn()
                + (a.externalKey() == null ? "" : " · " + a.externalKey())).toList();
        return new Document(msg("learning.postmortem", locale) + " " + p.incidentKey() + ": " + incident.summary(), facts,
                figures, p.sections(), lines, items, locale);
    }

    public String markdown(Postmortem p) {
        var d = document(p);
        var md = new StringBuilder("# ").append(d.title()).append("\n\n");
        d.facts().forEach(e -> md.append("- **").append(e.getKey()).append(":** ").append(e.getValue()).append('\n'));
        md.append("\n## ").append(msg("learning.figures", d.locale())).append("\n\n");
        d.figures().forEach(e -> md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
        for (var s : d.sections()) {
            md.append("\n## ").append(s.title()).append("\n\n");
            if ("timeline".equals(s.code())) {
                d.timeline().forEach(line -> md.append("- ").append(line).append('\n'));
                md.append(s.written() ? "\n" + s.body() + "\n" : "");
            } else if ("action-items".equals(s.code())) {
                d.actionItems().forEach(line -> md.append("- ").append(line).append('\n'));
                md.append(s.written() ? "\n" + s.body() + "\n" : "");
            } else {
                md.append(s.written() ? s.body() : "_" + msg("learning.section.empty", d.locale()) + "_").append('\n');
            }
        }
        return md.toString();
    }

    private String name(UUID userId) {
        return identity.findUser(userId).map(u -> u.name()).orElse("–");
    }

    private static String span(Duration d, Locale locale) {
        return d == null ? "–" : HumanTime.duration(d, locale);
    }

    private String msg(String code, Locale locale) {
        return messages.getMessage(code, null, code, locale);
    }
}
