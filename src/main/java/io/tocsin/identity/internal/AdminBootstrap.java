package io.tocsin.identity.internal;

import java.security.SecureRandom;

import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
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
 * {@code tocsin.admin.password}; without it one is generated and printed once, here, never again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Identity identity;
    private final String email;
    private final String configuredPassword;

    AdminBootstrap(Identity identity, @Value("${tocsin.admin.email:admin@tocsin.local}") String email,
            @Value("${tocsin.admin.password:}") String configuredPassword) {
        this.identity = identity;
        this.email = email;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (identity.userCount() > 0) {
            return;
        }
        boolean generated = configuredPassword.isBlank();
        String password = generated ? generate() : configuredPassword;
        identity.createUser(new Identity.NewUser("Administrator", email, "UTC", "en", Role.ADMIN, password));
        if (generated) {
            log.warn("""

                    ================================================================
                     Tocsin created the administrator account (shown only once):
                       e-mail:   {}
                       password: {}
                     Log in and change it on your profile page.
                    ================================================================""", email, password);
        } else {
            log.info("Tocsin created the administrator account {} with the configured password", email);
        }
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
