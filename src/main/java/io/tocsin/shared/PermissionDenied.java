package io.tocsin.shared;

import org.springframework.security.access.AccessDeniedException;

/**
 * A 403 that names the permission the caller lacks (issue 15 point 2), for example {@code team:configure} on a
 * team's schedule; the problem+json response carries it as {@code permission}.
 */
public class PermissionDenied extends AccessDeniedException {

    private final String permission;

    public PermissionDenied(String permission, String detail) {
        super(detail);
        this.permission = permission;
    }

    public String permission() {
        return permission;
    }
}
