package io.tocsin.shared;

/**
 * An entry of the UI's main navigation. Modules contribute them as beans; the layout shows them by order.
 * {@code labelKey} is a message key; {@code role} the least role that sees it (null: everyone signed in).
 */
public record NavigationItem(String labelKey, String path, int order, String role) {

    public NavigationItem(String labelKey, String path, int order) {
        this(labelKey, path, order, null);
    }
}
