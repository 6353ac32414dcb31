package io.tocsin.incidents;

import java.util.List;

/**
 * A role on one incident, built-in or invented by the incident manager (R31), with the people holding it now.
 * {@code name} and {@code description} are already in the reader's language for built-in roles.
 */
public record IncidentRole(String code, String name, String description, boolean builtIn,
        List<RoleAssignment> holders) {
}
