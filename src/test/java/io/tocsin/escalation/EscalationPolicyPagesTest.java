package io.tocsin.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.tocsin.identity.Role;
import io.tocsin.support.WebSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The escalation policy pages of issue 5, point 9 (R10), over HTTP with a form-login session, submitting the forms
 * as the pages render them: a policy is built level by level (a person, then a schedule), listed, reordered and
 * changed; refused input is named next to its field and stores nothing; the policy page previews who would be
 * reached when, and flags whoever has no verified contact method; administrators assign it on the service page;
 * German viewers get German pages.
 */
class EscalationPolicyPagesTest extends EscalationTestSupport {

    private static final Pattern LOCATION = Pattern.compile("/escalation-policies/([0-9a-f-]{36})$");

    /** Issue 5 / R10: create with two levels through the form, see it listed, reorder and change a timeout. */
    @Test
    void r10CreateAPolicyLevelByLevelListItThenReorderAndChangeATimeout() {
        var cast = cast("Anna Formfill", "Nils Nomethod", "Bert Oncall");
        var anna = cast.reachable();
        var nils = cast.unverified();
        String scheduleName = cast.scheduleName();
        String scheduleId = cast.scheduleId();
        var session = session(responder("Pia Policy"));
        String name = "Checkout " + System.nanoTime();

        // A new policy starts with one level of 5 minutes (R10's suggestion).
        var blank = session.get("/escalation-policies/new");
        assertThat(blank.statusCode()).isEqualTo(200);
        var fields = formFields(blank.body());
        assertThat(fields).containsEntry("levels[0].timeoutMinutes", "5").doesNotContainKey("levels[1].timeoutMinutes");
        // It belongs to the team Pia manages unless she picks another (issue 15: its managers change it).
        assertThat(fields).containsEntry("teamId", lastTeam);

        // Pick Anna, add another target slot, pick Nils, add a level and pick the schedule: nothing is stored meanwhile.
        long before = count("escalation_policy");
        fields.put("name", name);
        fields.put("levels[0].targets[0]", "USER:" + anna.id());
        var step = ok(session.post("/escalation-policies", with(fields, "op", "add-target:0")));
        fields = formFields(step);
        assertThat(fields).containsEntry("name", name).containsEntry("levels[0].targets[0]", "USER:" + anna.id())
                .containsEntry("levels[0].targets[1]", "");
        fields.put("levels[0].targets[1]", "USER:" + nils.id());
        fields = formFields(ok(session.post("/escalation-policies", with(fields, "op", "add-level"))));
        assertThat(fields).containsEntry("levels[1].timeoutMinutes", "5").containsEntry("levels[1].targets[0]", "");
        fields.put("levels[1].targets[0]", "SCHEDULE:" + scheduleId);
        fields.put("levels[1].timeoutMinutes", "10");
        fields.put("repeatCount", "1");
        fields.put("description", "Checkout and payment");
        assertThat(count("escalation_policy")).isEqualTo(before);

        var created = session.post("/escalation-policies", with(fields, "op", "save"));
        assertThat(created.statusCode()).isEqualTo(302);
        var m = LOCATION.matcher(created.headers().firstValue("Location").orElseThrow());
        assertThat(m.find()).isTrue();
        String id = m.group(1);
        var policy = admin().get("/api/v1/escalation-policies/" + id).expect(200).json();
        assertThat(levels(policy)).containsExactly("5:USER:" + anna.id() + ",USER:" + nils.id(),
                "10:SCHEDULE:" + scheduleId);
        assertThat(policy.get("repeatCount").asInt()).isEqualTo(1);
        assertThat(policy.get("description").asString()).isEqualTo("Checkout and payment");

        var list = session.get("/escalation-policies").body();
        assertThat(list).contains("Escalation policies");
        assertThat(row(list, name)).contains("<td class=\"levels\">2</td>").contains("no service yet");
        var page = session.get("/escalation-policies/" + id).body();
        String levelsCard = section(page, "id=\"levels\"", "</ol>");
        assertThat(levelsCard).contains(scheduleName).contains("Anna Formfill").contains("Nils Nomethod")
                .contains("Next level after 3 unanswered attempts, at the latest after 5 min")
                .contains("Last level: ends after 3 unanswered attempts, at the latest after 10 min")
                .doesNotContain("Unknown target");
        assertThat(page).contains("If nobody answers, all levels run again once.");

        // Edit: move the schedule's level up (shown, not stored), then set its timeout to 7 and save.
        var edit = formFields(ok(session.get("/escalation-policies/" + id + "/edit")));
        assertThat(edit).containsEntry("levels[0].targets[1]", "USER:" + nils.id()).containsKey("version");
        var moved = formFields(ok(session.post("/escalation-policies/" + id, with(edit, "op", "up:1"))));
        assertThat(moved).containsEntry("levels[0].targets[0]", "SCHEDULE:" + scheduleId)
                .containsEntry("levels[0].timeoutMinutes", "10")
                .containsEntry("levels[1].targets[0]", "USER:" + anna.id());
        assertThat(levels(admin().get("/api/v1/escalation-policies/" + id).expect(200).json()).getFirst())
                .startsWith("5:USER:");
        moved.put("levels[0].timeoutMinutes", "7");
        assertThat(session.post("/escalation-policies/" + id, with(moved, "op", "save")).statusCode()).isEqualTo(302);
        var changed = admin().get("/api/v1/escalation-policies/" + id).expect(200).json();
        assertThat(levels(changed)).containsExactly("7:SCHEDULE:" + scheduleId,
                "5:USER:" + anna.id() + ",USER:" + nils.id());
        assertThat(changed.get("version").asLong()).isEqualTo(policy.get("version").asLong() + 1);

        // Removing a target and a level are editing steps too.
        var trimmed = formFields(ok(session.post("/escalation-policies/" + id, with(formFields(
                ok(session.get("/escalation-policies/" + id + "/edit"))), "op", "remove-target:1:1"))));
        assertThat(trimmed).containsEntry("levels[1].targets[0]", "USER:" + anna.id())
                .containsEntry("levels[1].targets[1]", "");
        var oneLevel = formFields(ok(session.post("/escalation-policies/" + id, with(trimmed, "op", "remove-level:0"))));
        assertThat(oneLevel).containsEntry("levels[0].targets[0]", "USER:" + anna.id())
                .doesNotContainKey("levels[1].timeoutMinutes");
    }

    /** Issue 5 / R10: empty name, timeouts of 0 and below, an unknown target: named at the field, nothing stored. */
    @Test
    void r10RefusedInputIsNamedNextToTheFieldKeepsTheFormAndChangesNothing() {
        var anna = emailResponder("Anna Refused");
        var session = session(responder("Rita Refused"));
        long before = count("escalation_policy");
        var refused = session.post("/escalation-policies", form("teamId", lastTeam, "name", "  ", "repeatCount", "2",
                "levels[0].timeoutMinutes", "0", "levels[0].targets[0]", "USER:" + anna.id(),
                "levels[1].timeoutMinutes", "-3", "levels[1].targets[0]", "USER:" + UUID.randomUUID(), "op", "save"));
        assertThat(refused.statusCode()).isEqualTo(422);
        String body = refused.body();
        assertThat(errorAfter(body, "policy-name")).isEqualTo("Give the policy a name of at most 200 characters.");
        assertThat(errorAfter(body, "level-0-timeout")).isEqualTo("A whole number of minutes from 1 to 1440.");
        assertThat(errorAfter(body, "level-1-timeout")).isEqualTo("A whole number of minutes from 1 to 1440.");
        assertThat(errorAfter(body, "level-1-target-0"))
                .isEqualTo("Unknown person, schedule or team: choose one from the list.");
        assertThat(errorAfter(body, "level-0-target-0")).isNull();
        assertThat(tag(body, "level-1-target-0")).contains("is-invalid");
        assertThat(tag(body, "level-1-timeout")).contains("is-invalid").contains("value=\"-3\"");
        assertThat(tag(body, "level-0-target-0")).doesNotContain("is-invalid");
        var kept = formFields(body);
        assertThat(kept).containsEntry("repeatCount", "2").containsEntry("levels[0].timeoutMinutes", "0")
                .containsEntry("levels[1].timeoutMinutes", "-3").containsEntry("levels[0].targets[0]", "USER:" + anna.id());
        assertThat(kept.get("levels[1].targets[0]")).startsWith("USER:");
        assertThat(body).contains("Unknown target (USER:");
        assertThat(count("escalation_policy")).isEqualTo(before);

        // Not a number, and no levels at all.
        var notANumber = session.post("/escalation-policies", form("teamId", lastTeam, "name", "x " + System.nanoTime(),
                "levels[0].timeoutMinutes", "soon", "levels[0].targets[0]", "USER:" + anna.id(), "op", "save"));
        assertThat(notANumber.statusCode()).isEqualTo(422);
        assertThat(errorAfter(notANumber.body(), "level-0-timeout")).isEqualTo("A whole number of minutes from 1 to 1440.");
        var noLevels = session.post("/escalation-policies", form("teamId", lastTeam, "name", "y " + System.nanoTime(), "op", "save"));
        assertThat(noLevels.statusCode()).isEqualTo(422);
        assertThat(noLevels.body()).contains("A policy needs from 1 to 20 levels.");
        assertThat(count("escalation_policy")).isEqualTo(before);

        // An existing policy keeps its state when an edit is refused, and a taken name is named at the field.
        var existing = teamPolicy(lastTeam, level(5, user(anna)));
        String id = existing.get("id").asString();
        var edit = formFields(ok(session.get("/escalation-policies/" + id + "/edit")));
        edit.put("levels[0].timeoutMinutes", "-1");
        edit.put("name", "");
        var refusedEdit = session.post("/escalation-policies/" + id, with(edit, "op", "save"));
        assertThat(refusedEdit.statusCode()).isEqualTo(422);
        assertThat(errorAfter(refusedEdit.body(), "level-0-timeout")).isEqualTo("A whole number of minutes from 1 to 1440.");
        var other = policy(0, level(5, user(anna)));
        edit.put("levels[0].timeoutMinutes", "5");
        edit.put("name", other.get("name").asString());
        var taken = session.post("/escalation-policies/" + id, with(edit, "op", "save"));
        assertThat(taken.statusCode()).isEqualTo(422);
        assertThat(errorAfter(taken.body(), "policy-name")).isEqualTo("Another policy already has this name.");
        var after = admin().get("/api/v1/escalation-policies/" + id).expect(200).json();
        assertThat(after.get("name").asString()).isEqualTo(existing.get("name").asString());
        assertThat(after.get("version").asLong()).isEqualTo(existing.get("version").asLong());
        assertThat(levels(after)).containsExactly("5:USER:" + anna.id());

        // Someone else saved meanwhile: the form's version is stale, the change is refused, theirs stays.
        admin().put("/api/v1/escalation-policies/" + id, Map.of("name", existing.get("name").asString(),
                "levels", List.of(level(9, user(anna))))).expect(200);
        edit.put("name", existing.get("name").asString());
        var stale = session.post("/escalation-policies/" + id, with(edit, "op", "save"));
        assertThat(stale.statusCode()).isEqualTo(422);
        assertThat(stale.body()).contains("Someone else changed this policy meanwhile.");
        assertThat(levels(admin().get("/api/v1/escalation-policies/" + id).expect(200).json()))
                .containsExactly("9:USER:" + anna.id());

        // German viewers read German errors.
        session.get("/escalation-policies?lang=de");
        var german = session.post("/escalation-policies", form("teamId", lastTeam, "name", "", "levels[0].timeoutMinutes", "0",
                "levels[0].targets[0]", "USER:" + anna.id(), "op", "save"));
        assertThat(errorAfter(german.body(), "level-0-timeout")).isEqualTo("Eine ganze Zahl von Minuten von 1 bis 1440.");
        assertThat(german.body()).contains("Stufe 1").contains("Wer alarmiert wird");
    }

    /** Issue 5 / R10: the preview lists people in order with offsets and local times and flags the unreachable. */
    @Test
    void r10ThePolicyPagePreviewsWhoIsReachedWhenAndFlagsPeopleWithoutAVerifiedMethod() {
        var cast = cast("Anna Preview", "Nils Unverified", "Bert Scheduled");
        String scheduleName = cast.scheduleName();
        var policy = policy(0, level(7, Map.of("type", "SCHEDULE", "id", cast.scheduleId())),
                level(5, user(cast.reachable()), user(cast.unverified())));
        var session = session(responder("Vera Viewer"));
        Instant now = clock.instant();

        var page = ok(session.get("/escalation-policies/" + policy.get("id").asString()));
        // One minute between attempts, three attempts per level: level 2 starts after 3 minutes, not 7.
        assertThat(previewRows(page)).containsExactly(
                "Bert Scheduled +0 reachable", "Bert Scheduled +1 reachable", "Bert Scheduled +2 reachable",
                "Anna Preview +3 reachable", "Nils Unverified +3 UNREACHABLE",
                "Anna Preview +4 reachable", "Anna Preview +5 reachable");
        var time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(Locale.ENGLISH)
                .withZone(ZoneId.of("Europe/Berlin"));
        Instant level2 = now.plus(Duration.ofMinutes(3));
        assertThat(page).contains("datetime=\"" + DateTimeFormatter.ISO_INSTANT.format(level2) + "\"")
                .contains(">" + time.format(level2) + "<").contains("Times in Europe/Berlin.")
                .contains("starts after 3 min").contains("on call for " + scheduleName).contains("named directly")
                .contains("E-mail");
        assertThat(page).contains("id=\"unreachable-warning\"")
                .contains("1 person has no verified contact method and would not be reached.");
        assertThat(previewRow(page, "Nils Unverified")).contains("No verified contact method: not reached")
                .contains("table-warning");

        // The same page in German.
        session.get("/escalation-policies?lang=de");
        var german = ok(session.get("/escalation-policies/" + policy.get("id").asString()));
        assertThat(german).contains("Wenn es jetzt auslöste").contains("Stufe 2").contains("beginnt nach 3 Min.")
                .contains("in Bereitschaft für " + scheduleName).contains("Keine bestätigte Kontaktmethode")
                .contains("1 Person hat keine bestätigte Kontaktmethode");
        assertThat(ok(session.get("/escalation-policies"))).contains("Eskalationsrichtlinien").contains("Verwendet von");
    }

    /** Issue 5 / R10: administrators assign a policy on the service page; responders and stakeholders cannot. */
    @Test
    void r10TheServicePageShowsAndAssignsThePolicyForAdministratorsOnly() {
        var anna = emailResponder("Anna Service");
        var policy = policy(0, level(5, user(anna)));
        String policyId = policy.get("id").asString();
        String name = policy.get("name").asString();
        String serviceId = service(null);
        var adminSession = new WebSession(baseUrl(), ADMIN_EMAIL, ADMIN_PASSWORD);
        var responder = session(responder("Rob Responder"));

        var before = ok(adminSession.get("/services/" + serviceId));
        assertThat(before).contains("id=\"service-policy-none\"").contains("id=\"assign-policy\"");
        assertThat(ok(responder.get("/services/" + serviceId))).contains("No escalation policy: alerts page the owning team.")
                .doesNotContain("id=\"assign-policy\"");
        assertThat(responder.post("/admin/services/" + serviceId + "/escalation-policy", form("policyId", policyId))
                .statusCode()).isEqualTo(403);
        admin().get("/api/v1/services/" + serviceId + "/escalation-policy").expect(404);

        var assigned = adminSession.post("/admin/services/" + serviceId + "/escalation-policy", form("policyId", policyId));
        assertThat(assigned.statusCode()).isEqualTo(302);
        assertThat(admin().get("/api/v1/services/" + serviceId + "/escalation-policy").expect(200).json().get("id")
                .asString()).isEqualTo(policyId);
        assertThat(ok(adminSession.get("/services/" + serviceId))).contains("Escalation policy assigned.")
                .contains("id=\"service-policy\"").contains(">" + name + "<");
        String serviceName = admin().get("/api/v1/services/" + serviceId).expect(200).json().get("name").asString();
        assertThat(row(ok(responder.get("/escalation-policies")), name)).contains(serviceName);
        assertThat(ok(responder.get("/escalation-policies/" + policyId))).contains(serviceName);

        // A policy no team owns is the organisation's: a member may not delete it (issue 15), an administrator is
        // refused while it is in use, and the page says why.
        assertThat(responder.post("/escalation-policies/" + policyId + "/delete", Map.of()).statusCode())
                .isEqualTo(403);
        var delete = adminSession.post("/escalation-policies/" + policyId + "/delete", Map.of());
        assertThat(delete.statusCode()).isEqualTo(302);
        assertThat(ok(adminSession.get("/escalation-policies/" + policyId))).contains("still used by a service");

        assertThat(adminSession.post("/admin/services/" + serviceId + "/escalation-policy", form("policyId", ""))
                .statusCode()).isEqualTo(302);
        admin().get("/api/v1/services/" + serviceId + "/escalation-policy").expect(404);

        // Stakeholders read, but neither open the editor nor post to it (as on the API).
        var stakeholder = createUser(Role.STAKEHOLDER, "Stan Stakeholder");
        var readOnly = new WebSession(baseUrl(), stakeholder.email(), "password-of-16-chars");
        assertThat(ok(readOnly.get("/escalation-policies"))).contains(name).doesNotContain("id=\"new-policy\"");
        assertThat(readOnly.get("/escalation-policies/new").statusCode()).isEqualTo(403);
        assertThat(readOnly.get("/escalation-policies/" + policyId + "/edit").statusCode()).isEqualTo(403);
        long count = count("escalation_policy");
        assertThat(readOnly.post("/escalation-policies", form("name", "sneaky", "levels[0].targets[0]",
                "USER:" + anna.id(), "op", "save")).statusCode()).isEqualTo(403);
        assertThat(count("escalation_policy")).isEqualTo(count);
        assertThat(readOnly.get("/escalation-policies/" + UUID.randomUUID()).statusCode()).isEqualTo(404);

        var deleted = adminSession.post("/escalation-policies/" + policyId + "/delete", Map.of());
        assertThat(deleted.headers().firstValue("Location").orElseThrow()).endsWith("/escalation-policies");
        admin().get("/api/v1/escalation-policies/" + policyId).expect(404);
    }

    /**
     * Issue 10: the level card says the rule that really applies (attempts, at the latest the timeout; the timeout
     * alone when it comes first), the attempts are edited in the form, and a bad count is named at its field.
     */
    @Test
    void theLevelCardShowsTheRuleThatAppliesAndTheAttemptsAreEditable() {
        var anna = emailResponder("Anna Attempts");
        var session = session(responder("Pia Attempts"));
        var blank = formFields(ok(session.get("/escalation-policies/new")));
        assertThat(blank).containsEntry("levels[0].attempts", "3").containsEntry("levels[0].timeoutMinutes", "5");
        var added = formFields(ok(session.post("/escalation-policies", with(with(blank, "levels[0].attempts", "2"),
                "op", "add-level"))));
        assertThat(added).as("an editing step keeps the attempts typed").containsEntry("levels[0].attempts", "2")
                .containsEntry("levels[1].attempts", "3");

        var refused = session.post("/escalation-policies", form("teamId", lastTeam, "name", "Attempts " + System.nanoTime(),
                "levels[0].timeoutMinutes", "5", "levels[0].attempts", "0", "levels[0].targets[0]", "USER:" + anna.id(),
                "levels[1].timeoutMinutes", "5", "levels[1].attempts", "many", "levels[1].targets[0]", "USER:" + anna.id(),
                "op", "save"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(errorAfter(refused.body(), "level-0-attempts")).isEqualTo("A whole number of attempts from 1 to 20.");
        assertThat(errorAfter(refused.body(), "level-1-attempts")).isEqualTo("A whole number of attempts from 1 to 20.");
        assertThat(tag(refused.body(), "level-1-attempts")).contains("is-invalid").contains("value=\"many\"");

        var created = session.post("/escalation-policies", form("teamId", lastTeam, "name", "Attempts " + System.nanoTime(),
                "levels[0].timeoutMinutes", "5", "levels[0].attempts", "2", "levels[0].targets[0]", "USER:" + anna.id(),
                "levels[1].timeoutMinutes", "2", "levels[1].attempts", "4", "levels[1].targets[0]", "USER:" + anna.id(),
                "op", "save"));
        assertThat(created.statusCode()).isEqualTo(302);
        var m = LOCATION.matcher(created.headers().firstValue("Location").orElseThrow());
        assertThat(m.find()).isTrue();
        var policy = admin().get("/api/v1/escalation-policies/" + m.group(1)).expect(200).json();
        assertThat(policy.get("levels").get(0).get("attempts").asInt()).isEqualTo(2);
        assertThat(policy.get("levels").get(1).get("attempts").asInt()).isEqualTo(4);

        var page = session.get("/escalation-policies/" + m.group(1)).body();
        String levelsCard = section(page, "id=\"levels\"", "</ol>");
        assertThat(levelsCard).contains("Next level after 2 unanswered attempts, at the latest after 5 min")
                .contains("Last level: ends after 2 min without an answer (before its 4 attempts are used up)");
        String preview = section(page, "id=\"preview\"", "</table>");
        assertThat(preview).as("the preview shows the same rule")
                .contains("Next level after 2 unanswered attempts, at the latest after 5 min");
        assertThat(formFields(ok(session.get("/escalation-policies/" + m.group(1) + "/edit"))))
                .containsEntry("levels[0].attempts", "2").containsEntry("levels[1].attempts", "4");

        session.get("/escalation-policies?lang=de");
        String germanCard = section(ok(session.get("/escalation-policies/" + m.group(1))), "id=\"levels\"", "</ol>");
        assertThat(germanCard).contains("N\u00e4chste Stufe nach 2 unbeantworteten Versuchen, sp\u00e4testens nach 5 Min.")
                .contains("Letzte Stufe: endet nach 2 Min. ohne Antwort (bevor ihre 4 Versuche aufgebraucht sind)");
    }

    /** Signed in, with a page fetched (its CSRF token goes with the next form). */
    /** The team the last signed-in person manages. */
    private String lastTeam;

    private WebSession session(Person person) {
        // Each person manages a team of their own, so the policies they make are theirs to change (issue 15).
        String team = admin().post("/api/v1/teams", Map.of("name", person.name() + " " + System.nanoTime()))
                .expect(201).json().get("id").asString();
        admin().post("/api/v1/teams/" + team + "/members", Map.of("userId", person.id(), "role", "MANAGER"))
                .expect(200);
        lastTeam = team;
        var session = new WebSession(baseUrl(), identity.user(person.id()).email(),
                "password-of-" + person.name().length() + "-chars");
        ok(session.get("/escalation-policies"));
        return session;
    }

    private static String ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** "timeout:TYPE:id,TYPE:id" per level. */
    private static List<String> levels(JsonNode policy) {
        var result = new ArrayList<String>();
        policy.get("levels").forEach(l -> {
            var targets = new ArrayList<String>();
            l.get("targets").forEach(t -> targets.add(t.get("type").asString() + ":" + t.get("id").asString()));
            result.add(l.get("timeoutMinutes").asInt() + ":" + String.join(",", targets));
        });
        return result;
    }

    private static Map<String, String> form(String... keysAndValues) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, String> with(Map<String, String> fields, String key, String value) {
        var map = new LinkedHashMap<>(fields);
        map.put(key, value);
        return map;
    }

    /** What a browser would submit from the policy form: inputs, textareas and each select's chosen option. */
    static Map<String, String> formFields(String html) {
        int start = html.indexOf("id=\"policy-form\"");
        assertThat(start).as("policy form on the page").isPositive();
        String form = html.substring(start, html.indexOf("</form>", start));
        var fields = new LinkedHashMap<String, String>();
        var inputs = Pattern.compile("<input\\b[^>]*>").matcher(form);
        while (inputs.find()) {
            String field = attribute(inputs.group(), "name");
            if (field != null && !field.equals("_csrf")) {
                String value = attribute(inputs.group(), "value");
                fields.put(field, value == null ? "" : value);
            }
        }
        var areas = Pattern.compile("<textarea\\b([^>]*)>(.*?)</textarea>", Pattern.DOTALL).matcher(form);
        while (areas.find()) {
            fields.put(attribute(areas.group(1), "name"), unescape(areas.group(2)));
        }
        var selects = Pattern.compile("<select\\b([^>]*)>(.*?)</select>", Pattern.DOTALL).matcher(form);
        while (selects.find()) {
            var chosen = Pattern.compile("<option\\b[^>]*\\sselected\\b[^>]*>").matcher(selects.group(2));
            fields.put(attribute(selects.group(1), "name"), chosen.find() ? attribute(chosen.group(), "value") : "");
        }
        return fields;
    }

    private static String attribute(String tag, String name) {
        var m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(tag);
        return m.find() ? unescape(m.group(1)) : null;
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /** The error shown right after the control with this id (before the next control), or null. */
    static String errorAfter(String html, String controlId) {
        int at = html.indexOf("id=\"" + controlId + "\"");
        assertThat(at).as(controlId).isPositive();
        var next = Pattern.compile("<(input|select|textarea)\\b").matcher(html);
        int end = next.find(html.indexOf('>', at)) ? next.start() : html.length();
        var error = Pattern.compile("class=\"invalid-feedback d-block\">([^<]*)<").matcher(html.substring(at, end));
        return error.find() ? unescape(error.group(1)) : null;
    }

    /** The preview's rows in order: "name +offset reachable|UNREACHABLE". */
    static List<String> previewRows(String html) {
        var rows = new ArrayList<String>();
        var tags = Pattern.compile("<tr\\b[^>]*class=\"preview-row[^>]*>").matcher(html);
        while (tags.find()) {
            rows.add(attribute(tags.group(), "data-person") + " +" + attribute(tags.group(), "data-offset") + " "
                    + ("true".equals(attribute(tags.group(), "data-reachable")) ? "reachable" : "UNREACHABLE"));
        }
        return rows;
    }

    private static String previewRow(String html, String person) {
        int at = html.indexOf("data-person=\"" + person + "\"");
        assertThat(at).as(person).isPositive();
        return html.substring(html.lastIndexOf("<tr", at), html.indexOf("</tr>", at));
    }

    private static String section(String html, String from, String to) {
        int at = html.indexOf(from);
        assertThat(at).as(from).isPositive();
        return html.substring(at, html.indexOf(to, at));
    }

    /** The opening tag of the element with this id. */
    private static String tag(String html, String id) {
        int at = html.indexOf("id=\"" + id + "\"");
        assertThat(at).as(id).isPositive();
        return html.substring(html.lastIndexOf('<', at), html.indexOf('>', at) + 1);
    }

    private static String row(String html, String policyName) {
        int at = html.indexOf("data-policy=\"" + policyName + "\"");
        assertThat(at).as(policyName).isPositive();
        return html.substring(at, html.indexOf("</tr>", at));
    }
}
