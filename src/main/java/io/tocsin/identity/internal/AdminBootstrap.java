package io.tocsin.identity.internal;

import java.security.SecureRandom;
import java.util.List;

import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.shared.StartupNotes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the first start with an empty database, creates the administrator. The password comes from
 * {@code tocsin.admin.password}; without it one is generated and shown once, in the start-up banner, never again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Identity identity;
    private final String email;
    private final String configuredPassword;
    private final StartupNotes notes;

    AdminBootstrap(Identity identity, @Value("${tocsin.admin.email:admin@tocsin.local}") String email,
            @Value("${tocsin.admin.password:}") String configuredPassword, StartupNotes notes) {
        this.identity = identity;
        this.notes = notes;
        this.email = email;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (identity.userCount() > 0) {
            notes.add(StartupNotes.Section.ADMINISTRATOR, "Administrator", List.of(
                    "e-mail:   " + email,
                    "password: the one printed at the first start (or TOCSIN_ADMIN_PASSWORD at that start)"));
            return;
        }
        boolean generated = configuredPassword.isBlank();
        String password = generated ? generate() : configuredPassword;
        identity.createUser(new Identity.NewUser("Administrator", email, "UTC", "en", Role.ADMIN, password));
        log.info("Created the administrator account {}", email);
        notes.add(StartupNotes.Section.ADMINISTRATOR, "Administrator (created now)", generated
                ? List.of("e-mail:   " + email, "password: " + password,
                        "This password is shown only this once: log in and change it on your profile page.")
                : List.of("e-mail:   " + email, "password: the one in TOCSIN_ADMIN_PASSWORD"));
    }

    private static String generate() {
        var random = new SecureRandom();
        var sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
