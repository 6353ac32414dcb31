package io.tocsin.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.tocsin.identity.Role;
import io.tocsin.identity.TokenScope;
import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * Issue 15 point 2 (R16, who may act): every write endpoint of the served OpenAPI document is declared in the
 * {@link PermissionMatrix}, and what each organisation role gets from it (refused with 403 or let through to the
 * controller) is what the matrix says. New endpoints fail this test until a rule names them.
 */
class PermissionMatrixTest extends IntegrationTest {

    record Operation(HttpMethod method, String path) {
        String concrete() {
            return path.replace("{ref}", "INC-999999").replaceAll("\\{(audience|kind|language|code)}", "x")
                    .replaceAll("\\{[^}]+}", UUID.nameUUIDFromBytes(path.getBytes()).toString());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private List<Operation> writeOperations() throws Exception {
        return OpenApiWrites.of(baseUrl()).stream().map(o -> new Operation(o.method(), o.path())).toList();
    }

    @Test
    void everyWriteEndpointIsDeclaredInTheMatrix() throws Exception {
        var undeclared = new TreeSet<String>();
        for (var op : writeOperations()) {
            if (PermissionMatrix.ruleFor(op.method(), op.path()).isEmpty()) {
                undeclared.add(op.toString());
            }
        }
        assertThat(undeclared).as("write endpoints no rule of io.tocsin.identity.internal.PermissionMatrix names"
                + " (declare them there and in docs/permissions.md)").isEmpty();
    }

    @Test
    void eachOrganisationRoleGetsWhatTheMatrixSays() throws Exception {
        var callers = Map.of(Role.ADMIN, admin(), Role.RESPONDER, newUser(Role.RESPONDER, "Matrix Responder"),
                Role.STAKEHOLDER, newUser(Role.STAKEHOLDER, "Matrix Stakeholder"));
        var mismatches = new ArrayList<String>();
        for (var op : writeOperations()) {
            for (var role : Role.values()) {
                Api api = callers.get(role);
                var response = api.send(op.method().name(), op.concrete(), op.method() == HttpMethod.DELETE ? null : "{}",
                        "application/json");
                boolean allowed = PermissionMatrix.allows(role, op.method(), op.path());
                // Past the organisation role, a team's configuration is the owning team's (TeamPermissionMatrixTest).
                boolean refused = response.status() == 403 && !response.body().contains("\"permission\":\"team:")
                        || response.status() == 401;
                if (allowed == refused) {
                    mismatches.add(op + " as " + role + ": matrix says " + (allowed ? "allowed" : "refused")
                            + ", got " + response.status() + " " + abbreviate(response.body()));
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void eachTokenScopeGetsTheWritesTheMatrixGivesIt() throws Exception {
        var owner = identity.findByEmail(ADMIN_EMAIL).orElseThrow();
        var mismatches = new ArrayList<String>();
        for (var scope : TokenScope.values()) {
            Api api = new Api(baseUrl(), apiTokens.create(owner.id(), "matrix " + scope, Set.of(scope), null).token());
            for (var op : writeOperations()) {
                var response = api.send(op.method().name(), op.concrete(), op.method() == HttpMethod.DELETE ? null : "{}",
                        "application/json");
                boolean allowed = PermissionMatrix.allows(Role.ADMIN, Set.of(scope), op.method(), op.path());
                boolean refused = response.status() == 403 || response.status() == 401;
                if (allowed == refused) {
                    mismatches.add(op + " with scope " + scope + ": matrix says " + (allowed ? "allowed" : "refused")
                            + ", got " + response.status() + " " + abbreviate(response.body()));
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 160 ? body : body.substring(0, 160) + "...";
    }
}
