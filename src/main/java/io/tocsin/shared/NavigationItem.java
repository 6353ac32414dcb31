package io.tocsin.shared;

import java.util.Objects;

/**
 * An entry of the UI's main navigation. Modules contribute them as beans; the layout shows each in its
 * {@code section}, by {@code order} within it. {@code labelKey} is a message key; {@code role} the least role that
 * sees it (null: everyone signed in).
 */
public record NavigationItem(Section section, String labelKey, String path, int order, String role) {

    /**
     * Where the layout puts an entry. Only the few pages responders open during an incident stand in the top bar
     * itself; it has to fit a 1024 px wide window in every language. The rest waits one click away.
     */
    public enum Section {
        /** In the top bar itself. */
        MAIN,
        /** In the user menu, next to the profile: one's own shifts and notifications. */
        PERSONAL,
        /** Under "More", first group: keeping people informed. */
        COMMUNICATION,
        /** Under "More": how incidents reach whom (services, escalation). */
        CONFIGURATION,
        /** Under "More", last group: the administrators' pages. */
        ADMINISTRATION;

        /** The message key of the group's heading in the "More" menu. */
        public String headingKey() {
            return "nav.section." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public NavigationItem {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(labelKey, "labelKey");
        Objects.requireNonNull(path, "path");
    }

    public NavigationItem(Section section, String labelKey, String path, int order) {
        this(section, labelKey, path, order, null);
    }

    /** Whether the page at {@code requestPath} belongs to this entry (the entry's page or one below it). */
    public boolean isCurrent(String requestPath) {
        if (requestPath == null) {
            return false;
        }
        if (path.equals("/")) {
            return requestPath.equals("/");
        }
        return requestPath.equals(path) || requestPath.startsWith(path + "/");
    }
}
