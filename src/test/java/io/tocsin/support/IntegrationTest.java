package io.tocsin.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tocsin.TocsinApplication;
import io.tocsin.identity.ApiTokens;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Base of the end-to-end tests: the whole application on a random port over the database under test
 * ({@code -Dtocsin.test.db=h2|postgresql}), driven through real HTTP. All subclasses share one application
 * context, so they must not assume an empty database: each creates the data it needs, with unique names.
 */
@SpringBootTest(classes = TocsinApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tocsin.admin.email=admin@test.local", "tocsin.admin.password=admin-password-for-tests",
                "tocsin.base-url=http://localhost:0", "spring.thymeleaf.cache=false",
                "tocsin.secrets.key-id=k-test", "tocsin.secrets.key=" + IntegrationTest.SECRETS_KEY,
                // Tests fire due timers themselves (timers.runDue()) right after moving the clock.
                "tocsin.timers.enabled=false"})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import(TestClockConfiguration.class)
public abstract class IntegrationTest {

    public static final String ADMIN_EMAIL = "admin@test.local";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    /** The key for secrets at rest in tests (not a real key: 32 bytes of 'k'). */
    public static final String SECRETS_KEY = "a2tra2tra2tra2tra2tra2tra2tra2tra2tra2tra2s=";
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected Identity identity;

    @Autowired
    protected ApiTokens apiTokens;

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The API as the administrator. */
    protected Api admin() {
        return new Api(baseUrl(), TOKENS.computeIfAbsent(port + ":admin", k -> tokenFor(
                identity.findByEmail(ADMIN_EMAIL).orElseThrow().id())));
    }

    /** The API as a new user of the given role, with a unique e-mail address. */
    protected Api newUser(Role role, String name) {
        var user = createUser(role, name);
        return new Api(baseUrl(), tokenFor(user.id()));
    }

    protected io.tocsin.identity.User createUser(Role role, String name) {
        String email = name.toLowerCase().replaceAll("[^a-z0-9]+", ".") + "." + System.nanoTime() + "@test.local";
        var response = admin().post("/api/v1/users", Map.of("name", name, "email", email, "role", role.name(),
                "password", "password-of-" + name.length() + "-chars", "timeZone", "Europe/Berlin", "locale", "en"));
        response.expect(201);
        return identity.findByEmail(email).orElseThrow();
    }

    protected String tokenFor(java.util.UUID userId) {
        return apiTokens.create(userId, "test").token();
    }

    protected Api anonymous() {
        return new Api(baseUrl(), null);
    }

    protected long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    protected static Role role(String name) {
        return Role.valueOf(name);
    }
}
