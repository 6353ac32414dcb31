package io.tocsin.incidents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What an organisation configures about incidents: the key prefix (R2), severity labels (R5), categories and
 * the priority matrix (R6). Help texts for the severities come from the message bundles, in the viewer's language.
 */
@ConfigurationProperties("tocsin.incidents")
public class IncidentSettings {

    /** Prefix of incident keys, e.g. INC gives INC-42. Letters, digits; starts with a letter. */
    private String keyPrefix = "INC";

    /** Short labels for severity 1..3; empty means the translated defaults (Critical, Major, Minor). */
    private Map<Integer, String> severityLabels = new LinkedHashMap<>();

    private List<String> categories = List.of("Availability", "Performance", "Functionality", "Security", "Data",
            "Other");

    /** Rows by impact, columns by urgency (HIGH, MEDIUM, LOW). */
    private Map<Impact, List<Priority>> priorityMatrix = new java.util.EnumMap<>(PriorityMatrix.ITIL.rows());

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        if (keyPrefix == null || !keyPrefix.matches("[A-Za-z][A-Za-z0-9]{0,9}")) {
            throw new IllegalArgumentException("tocsin.incidents.key-prefix must be 1-10 letters/digits starting"
                    + " with a letter, got '" + keyPrefix + "'");
        }
        this.keyPrefix = keyPrefix.toUpperCase();
    }

    public Map<Integer, String> getSeverityLabels() {
        return severityLabels;
    }

    public void setSeverityLabels(Map<Integer, String> severityLabels) {
        this.severityLabels = severityLabels;
    }

    public List<String> getCategories() {
        return categories;
    }

    public void setCategories(List<String> categories) {
        this.categories = categories;
    }

    public Map<Impact, List<Priority>> getPriorityMatrix() {
        return priorityMatrix;
    }

    public void setPriorityMatrix(Map<Impact, List<Priority>> priorityMatrix) {
        this.priorityMatrix = priorityMatrix;
    }

    public PriorityMatrix matrix() {
        return new PriorityMatrix(priorityMatrix);
    }
}
