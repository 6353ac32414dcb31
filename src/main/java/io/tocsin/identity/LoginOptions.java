package io.tocsin.identity;

import java.util.List;

/**
 * What the login page offers: a button per configured OpenID provider ({@code /oauth2/authorization/{id}}) and
 * whether the password form is on (when it is off, only the configured emergency administrators may use it).
 */
public record LoginOptions(List<Provider> providers, boolean passwordLogin) {

    public record Provider(String id, String name) {
    }
}
