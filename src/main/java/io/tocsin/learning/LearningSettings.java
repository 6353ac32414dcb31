package io.tocsin.learning;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What an organisation configures about postmortems, action items and problems ({@code tocsin.learning.*}).
 * Section titles and prompts come from the message bundles ({@code learning.section.<code>.title|prompt}) in the
 * postmortem's language; a section code without messages shows its code.
 */
@ConfigurationProperties("tocsin.learning")
public class LearningSettings {

    /** Whether resolving an incident of a severity drafts a postmortem: 1 and 2 by default, 3 optional. */
    private Map<Integer, Boolean> requiredBySeverity = new LinkedHashMap<>(Map.of(1, true, 2, true, 3, false));
    /** Per service, overriding the severity rule: true always drafts, false never does. */
    private Map<UUID, Boolean> requiredByService = new LinkedHashMap<>();
    /** Working days (Monday to Friday) from the resolution to the postmortem's due date. */
    private int dueWorkingDays = 5;
    /** The organisation's zone: due dates are days there; imported times are written there. */
    private ZoneId zone = ZoneOffset.UTC;
    /** Language of drafted postmortems: {@code en} or {@code de}. */
    private String language = "en";
    /** The template: section codes in order. */
    private List<String> sections = new ArrayList<>(List.of("summary", "impact", "timeline", "detection",
            "root-cause", "process", "action-items"));
    /** The sections a postmortem cannot be published without. */
    private Set<String> requiredSections = new LinkedHashSet<>(List.of("summary", "impact", "detection", "root-cause"));
    /** How far before the impact started change events on the service are imported. */
    private Duration changeLookback = Duration.ofHours(24);
    /** Days until a new action item is due when nobody says. */
    private int actionItemDays = 14;
    /** Prefix of problem keys ({@code PRB-7}). */
    private String problemKeyPrefix = "PRB";
    private final Jira jira = new Jira();

    /** Jira Cloud (REST v3) for action items; without a base URL, items link by hand only. */
    public static class Jira {
        private String baseUrl = "";
        private String user = "";
        private String apiToken = "";
        private String projectKey = "";
        private String issueType = "Task";
        private Duration timeout = Duration.ofSeconds(5);

        public boolean configured() {
            return baseUrl != null && !baseUrl.isBlank() && projectKey != null && !projectKey.isBlank();
        }

        public String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
        }

        public String getUser() {
            return user;
        }

        public void setUser(String user) {
            this.user = user;
        }

        public String getApiToken() {
            return apiToken;
        }

        public void setApiToken(String apiToken) {
            this.apiToken = apiToken;
        }

        public String getProjectKey() {
            return projectKey;
        }

        public void setProjectKey(String projectKey) {
            this.projectKey = projectKey;
        }

        public String getIssueType() {
            return issueType;
        }

        public void setIssueType(String issueType) {
            this.issueType = issueType;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }

    /** Whether an incident of this severity on this service gets a postmortem when it resolves. */
    public boolean required(int severity, UUID serviceId) {
        var byService = serviceId == null ? null : requiredByService.get(serviceId);
        return byService != null ? byService : requiredBySeverity.getOrDefault(severity, false);
    }

    public Map<Integer, Boolean> getRequiredBySeverity() {
        return requiredBySeverity;
    }

    public void setRequiredBySeverity(Map<Integer, Boolean> requiredBySeverity) {
        this.requiredBySeverity = new LinkedHashMap<>(this.requiredBySeverity);
        this.requiredBySeverity.putAll(requiredBySeverity);
    }

    public Map<UUID, Boolean> getRequiredByService() {
        return requiredByService;
    }

    public void setRequiredByService(Map<UUID, Boolean> requiredByService) {
        this.requiredByService = new LinkedHashMap<>(requiredByService);
    }

    public int getDueWorkingDays() {
        return dueWorkingDays;
    }

    public void setDueWorkingDays(int dueWorkingDays) {
        if (dueWorkingDays < 1 || dueWorkingDays > 60) {
            throw new IllegalArgumentException("tocsin.learning.due-working-days must be 1 to 60");
        }
        this.dueWorkingDays = dueWorkingDays;
    }

    public ZoneId getZone() {
        return zone;
    }

    public void setZone(ZoneId zone) {
        this.zone = zone;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        if (!"en".equals(language) && !"de".equals(language)) {
            throw new IllegalArgumentException("tocsin.learning.language must be en or de");
        }
        this.language = language;
    }

    public List<String> getSections() {
        return sections;
    }

    public void setSections(List<String> sections) {
        if (sections.isEmpty() || sections.stream().anyMatch(s -> !s.matches("[a-z][a-z0-9-]{0,59}"))) {
            throw new IllegalArgumentException("tocsin.learning.sections must be codes like root-cause");
        }
        this.sections = new ArrayList<>(new LinkedHashSet<>(sections));
    }

    public Set<String> getRequiredSections() {
        return requiredSections;
    }

    public void setRequiredSections(Set<String> requiredSections) {
        this.requiredSections = new LinkedHashSet<>(requiredSections);
    }

    public Duration getChangeLookback() {
        return changeLookback;
    }

    public void setChangeLookback(Duration changeLookback) {
        this.changeLookback = changeLookback;
    }

    public int getActionItemDays() {
        return actionItemDays;
    }

    public void setActionItemDays(int actionItemDays) {
        this.actionItemDays = actionItemDays;
    }

    public String getProblemKeyPrefix() {
        return problemKeyPrefix;
    }

    public void setProblemKeyPrefix(String problemKeyPrefix) {
        this.problemKeyPrefix = problemKeyPrefix;
    }

    public Jira getJira() {
        return jira;
    }
}
