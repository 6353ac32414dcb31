package io.tocsin.assist.internal;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tocsin.assist.AssistException;
import io.tocsin.assist.AssistException.Reason;
import io.tocsin.assist.DraftKind;
import io.tocsin.comms.ChecklistGap;
import io.tocsin.comms.IncidentUpdates;
import io.tocsin.comms.UpdateAudience;
import io.tocsin.comms.UpdateChecklist;
import io.tocsin.comms.UpdateDraft;
import io.tocsin.comms.UpdateKind;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.IncidentRoles;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.SeverityScale;
import io.tocsin.incidents.Timeline;
import io.tocsin.learning.Postmortems;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The four drafts (issue 18 point 3, R32). Each gathers what the incident (or its postmortem) already says, asks
 * the model through {@link Assistant} for JSON in a fixed shape, and returns a draft for a person to edit: none of
 * them is posted, sent or saved here.
 */
@Service
public class Drafts {

    static final int MAX_ENTRIES = 80;
    static final int MAX_ENTRY_CHARS = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public enum Source {
        MODEL, EXTRACTIVE
    }

    public record CatchUp(String text, Source source, String language) implements java.io.Serializable {
    }

    public record DraftedUpdate(UpdateDraft draft, List<ChecklistGap> gaps) {
    }

    public record SeveritySuggestion(int severity, int currentSeverity, List<String> reasons)
            implements java.io.Serializable {
    }

    public record PostmortemDraft(Map<String, String> sections) {
    }

    private final Assistant assistant;
    private final Incidents incidents;
    private final Timeline timeline;
    private final IncidentRoles roles;
    private final IncidentUpdates updates;
    private final SeverityScale scale;
    private final Postmortems postmortems;
    private final MessageSource messages;
    private final Clock clock;

    Drafts(Assistant assistant, Incidents incidents, Timeline timeline, IncidentRoles roles, IncidentUpdates updates,
            SeverityScale scale, Postmortems postmortems, MessageSource messages,
            Clock clock) {
        this.assistant = assistant;
        this.incidents = incidents;
        this.timeline = timeline;
        this.roles = roles;
        this.updates = updates;
        this.scale = scale;
        this.postmortems = postmortems;
        this.messages = messages;
        this.clock = clock;
    }

    public static Locale language(String language, Locale fallback) {
        String l = language == null || language.isBlank() ? fallback.getLanguage() : language.strip().toLowerCase(Locale.ROOT);
        if (language != null && !language.isBlank() && !l.equals("en") && !l.equals("de")) {
            throw new io.tocsin.shared.InvalidInputException("language", "must be en or de");
        }
        return "de".equals(l) ? Locale.GERMAN : Locale.ENGLISH;
    }

    private static String languageName(Locale locale) {
        return locale.getLanguage().equals("de") ? "German (formal: use \"Sie\")" : "English";
    }

    // ---- catch-up

    public CatchUp catchUp(String ref, Locale locale, ZoneId zone) {
        var incident = incidents.get(ref);
        var s = assistant.requireOn(DraftKind.CATCH_UP, incident.key());
        if (!s.hasEndpoint()) {
            String text = CatchUpFallback.write(facts(incident, locale), clock.instant(), locale, zone,
                    (code, args) -> messages.getMessage(code, args, locale));
            assistant.logExtractive(incident.key(), text);
            return new CatchUp(text, Source.EXTRACTIVE, locale.getLanguage());
        }
        String system = "You help incident responders. Write a catch-up for a person who is joining the incident"
                + " right now: what is broken and for whom, what has been tried and decided, who holds which role,"
                + " what happens next. At most 8 short sentences or bullets, plain text, in " + languageName(locale)
                + ". Use only the facts given; say what is not known.";
        String text = assistant.ask(DraftKind.CATCH_UP, incident.key(), system, context(incident, locale)).strip();
        return new CatchUp(text, Source.MODEL, locale.getLanguage());
    }

    CatchUpFallback.Facts facts(Incident incident, Locale locale) {
        var latest = updates.latest(incident.id(), UpdateAudience.INTERNAL).orElse(null);
        var entries = timeline.of(incident.id()).stream().map(e -> new CatchUpFallback.Entry(e.id(), e.occurredAt(),
                e.kind(), e.actorName(), timeline.text(e, locale, ZoneOffset.UTC))).toList();
        return new CatchUpFallback.Facts(incident.key(), incident.severity(), status(incident, locale),
                incident.summary(), incident.declaredAt(),
                latest == null ? null : new CatchUpFallback.Update(latest.postedAt(), latest.postedByName(), latest.title(),
                        latest.body()), roleHolders(incident, locale), entries);
    }

    private String status(Incident incident, Locale locale) {
        return messages.getMessage("status." + incident.status().name(), null, incident.status().name(), locale);
    }

    private Map<String, List<String>> roleHolders(Incident incident, Locale locale) {
        var held = new LinkedHashMap<String, List<String>>();
        for (var role : roles.roles(incident.key(), locale)) {
            held.put(role.name(), role.holders().stream().filter(h -> h.active()).map(h -> h.userName()).toList());
        }
        return held;
    }

    /** The incident as the model reads it (redacted later, in {@link Assistant}). */
    String context(Incident incident, Locale locale) {
        var f = facts(incident, locale);
        var out = new StringBuilder();
        out.append("Incident ").append(incident.key()).append(": ").append(incident.summary()).append('\n');
        out.append("Severity: ").append(incident.severity()).append(" (").append(scale.label(incident.severity(), locale))
                .append("); status: ").append(f.statusLabel()).append("; declared ")
                .append(UTC.format(incident.declaredAt())).append("; now ").append(UTC.format(clock.instant())).append('\n');
        if (incident.description() != null && !incident.description().isBlank()) {
            out.append("Description: ").append(cut(incident.description(), 2000)).append('\n');
        }
        f.roles().forEach((role, names) -> {
            if (!names.isEmpty()) {
                out.append("Role ").append(role).append(": ").append(String.join(", ", names)).append('\n');
            }
        });
        if (f.latest() != null) {
            out.append("Latest update (").append(UTC.format(f.latest().postedAt())).append("): ")
                    .append(f.latest().title()).append("\n").append(cut(f.latest().body(), 3000)).append('\n');
        }
        out.append("Timeline (oldest first):\n");
        var entries = f.entries();
        for (var e : entries.subList(Math.max(0, entries.size() - MAX_ENTRIES), entries.size())) {
            out.append("- ").append(UTC.format(e.at())).append(" [").append(e.kind().name().toLowerCase(Locale.ROOT))
                    .append("] ");
            if (e.kind().typedByPeople() && e.actorName() != null) {
                out.append(e.actorName()).append(": ");
            }
            out.append(cut(e.text().replaceAll("\\s*\\R\\s*", " "), MAX_ENTRY_CHARS)).append('\n');
        }
        return out.toString();
    }

    // ---- update draft

    public DraftedUpdate update(String ref, UpdateAudience audience, UpdateKind kind, String language, Locale fallback) {
        var incident = incidents.get(ref);
        var locale = language(language, fallback);
        var a = audience == null ? UpdateAudience.INTERNAL : audience;
        var k = kind == null ? UpdateKind.FOLLOW_UP : kind;
        String system = "You draft incident updates by the incident handbook's checklist. Answer with one JSON object"
                + " only, no prose, with these string fields: summary (1-2 sentences: current state and impact),"
                + " customerImpact, affected (how many internal and external customers), rootCause (or an honest"
                + " 'not known yet'), expectedRecovery (or 'not known yet'), and two arrays of 2-4 short strings:"
                + " currentStatus and nextSteps. Audience: " + (a == UpdateAudience.EXTERNAL ? "customers (external:"
                + " no internal names, systems or blame)" : "colleagues (internal)") + "; message kind: "
                + k.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ". Write in " + languageName(locale)
                + ". Use only the facts given.";
        var json = object(assistant.ask(DraftKind.UPDATE_DRAFT, incident.key(), system, context(incident, locale)));
        var draft = new UpdateDraft(a, k, locale.getLanguage(),
                cut(text(json, "summary"), IncidentUpdates.MAX_SUMMARY), field(json, "customerImpact"),
                field(json, "affected"), field(json, "rootCause"), field(json, "expectedRecovery"),
                bullets(json, "currentStatus"), bullets(json, "nextSteps"), null, null, List.of(), false);
        var next = clock.instant().plus(updates.cadence(incident.severity()));
        return new DraftedUpdate(draft, UpdateChecklist.check(draft, next));
    }

    // ---- severity

    public SeveritySuggestion severity(String ref, Locale locale) {
        var incident = incidents.get(ref);
        var levels = scale.levels(locale);
        var scaleText = new StringBuilder();
        for (var level : levels) {
            scaleText.append(level.severity()).append(" = ").append(level.label()).append(": ").append(level.meaning())
                    .append(level.examples().isEmpty() ? "" : " (e.g. " + String.join("; ", level.examples()) + ")")
                    .append('\n');
        }
        String system = "You suggest an incident's severity on this scale (1 is the most severe):\n" + scaleText
                + "Answer with one JSON object only: {\"severity\": <number>, \"reasons\": [2-4 short strings]},"
                + " the reasons in " + languageName(locale) + ", each naming a fact from the incident.";
        var json = object(assistant.ask(DraftKind.SEVERITY, incident.key(), system, context(incident, locale)));
        var node = json.path("severity");
        int severity = node.isNumber() ? node.asInt() : node.isString() && node.asString().strip().matches("\\d")
                ? Integer.parseInt(node.asString().strip()) : -1;
        int min = levels.stream().mapToInt(l -> l.severity()).min().orElse(1);
        int max = levels.stream().mapToInt(l -> l.severity()).max().orElse(3);
        if (severity < min || severity > max) {
            throw new AssistException(Reason.ENDPOINT_FAILED, "The assistant suggested no severity between " + min
                    + " and " + max);
        }
        return new SeveritySuggestion(severity, incident.severity(), bullets(json, "reasons"));
    }

    // ---- postmortem

    public PostmortemDraft postmortem(String ref) {
        var postmortem = postmortems.get(ref);
        var incident = incidents.find(postmortem.incidentId()).orElseThrow();
        var locale = language(postmortem.language(), Locale.ENGLISH);
        var sections = new StringBuilder();
        for (var s : postmortem.sections()) {
            sections.append("- ").append(s.code()).append(": ").append(s.title())
                    .append(s.prompt() == null ? "" : " (" + s.prompt() + ")").append('\n');
        }
        var material = new StringBuilder();
        material.append("Incident ").append(incident.key()).append(": ").append(incident.summary()).append("\nSeverity ")
                .append(incident.severity()).append("\nPostmortem timeline (as imported and edited by its author):\n");
        var entries = postmortem.entries().stream().filter(e -> e.included()).toList();
        for (var e : entries.subList(Math.max(0, entries.size() - MAX_ENTRIES * 2), entries.size())) {
            material.append("- ").append(UTC.format(e.occurredAt())).append(' ')
                    .append(e.keyMoment() == null ? "" : "[" + e.keyMoment().name().toLowerCase(Locale.ROOT) + "] ")
                    .append(cut(e.text().replaceAll("\\s*\\R\\s*", " "), MAX_ENTRY_CHARS))
                    .append(e.annotation() == null || e.annotation().isBlank() ? "" : " — " + cut(e.annotation(), 300))
                    .append('\n');
        }
        String system = "You draft a blameless postmortem. Answer with one JSON object only whose keys are the section"
                + " codes below and whose values are the section's draft text (plain text, a few sentences or"
                + " bullets each), in " + languageName(locale) + ". Use only the facts given; where they do not say,"
                + " write what the authors still have to find out. Sections:\n" + sections;
        var json = object(assistant.ask(DraftKind.POSTMORTEM_DRAFT, incident.key(), system, material.toString()));
        var drafted = new LinkedHashMap<String, String>();
        for (var s : postmortem.sections()) {
            String body = text(json, s.code());
            if (body != null && !body.isBlank()) {
                drafted.put(s.code(), body.strip());
            }
        }
        if (drafted.isEmpty()) {
            throw new AssistException(Reason.ENDPOINT_FAILED, "The assistant's answer named none of the sections");
        }
        return new PostmortemDraft(drafted);
    }

    // ---- reading the model's JSON

    /** The JSON object in an answer, tolerating code fences and prose around it. */
    static JsonNode object(String answer) {
        int start = answer.indexOf('{');
        int end = answer.lastIndexOf('}');
        if (start >= 0 && end > start) {
            try {
                var node = JSON.readTree(answer.substring(start, end + 1));
                if (node.isObject()) {
                    return node;
                }
            } catch (JacksonException e) {
                // falls through to the problem below
            }
        }
        throw new AssistException(Reason.ENDPOINT_FAILED, "The assistant's answer is not the JSON object asked for");
    }

    private static String text(JsonNode json, String field) {
        var node = json.path(field);
        if (node.isString()) {
            return node.asString();
        }
        if (node.isArray()) {
            var lines = new ArrayList<String>();
            node.forEach(n -> lines.add(n.isString() ? n.asString() : n.toString()));
            return String.join("\n", lines);
        }
        return node.isMissingNode() || node.isNull() ? null : node.toString();
    }

    private static String field(JsonNode json, String field) {
        String t = text(json, field);
        return t == null ? null : cut(t.strip(), IncidentUpdates.MAX_FIELD);
    }

    private static List<String> bullets(JsonNode json, String field) {
        var node = json.path(field);
        var out = new ArrayList<String>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.isString() ? n.asString() : n.toString()));
        } else if (node.isString()) {
            out.addAll(List.of(node.asString().split("\\R")));
        }
        return out.stream().map(s -> s.replaceFirst("^\\s*[-*•]\\s*", "").strip()).filter(s -> !s.isEmpty())
                .limit(UpdateChecklist.MAX_BULLETS).map(s -> cut(s, IncidentUpdates.MAX_BULLET)).toList();
    }

    static String cut(String s, int max) {
        return s == null ? null : s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
