package io.tocsin.identity.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.identity.TeamRole;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Single sign-on ({@code tocsin.sso.*}, issue 15 point 1). Each entry of {@code providers} is one OpenID
 * provider, found by discovery from its issuer URL; several may be configured at once. {@code password-login:
 * false} switches local passwords off, except for the addresses in {@code emergency-admins} (audited).
 */
@ConfigurationProperties("tocsin.sso")
public class SsoSettings {

    private boolean passwordLogin = true;
    private List<String> emergencyAdmins = new ArrayList<>();
    private Map<String, Provider> providers = new LinkedHashMap<>();

    public boolean isPasswordLogin() {
        return passwordLogin;
    }

    public void setPasswordLogin(boolean passwordLogin) {
        this.passwordLogin = passwordLogin;
    }

    public List<String> getEmergencyAdmins() {
        return emergencyAdmins;
    }

    public void setEmergencyAdmins(List<String> emergencyAdmins) {
        this.emergencyAdmins = emergencyAdmins;
    }

    public Map<String, Provider> getProviders() {
        return providers;
    }

    public void setProviders(Map<String, Provider> providers) {
        this.providers = providers;
    }

    /** One OpenID provider. */
    public static class Provider {
        /** The button's text: "Sign in with {name}". */
        private String name;
        private String issuerUri;
        private String clientId;
        private String clientSecret;
        private List<String> scopes = new ArrayList<>(List.of("openid", "profile", "email"));
        /** The claim that lists the person's groups (Keycloak and Okta: a mapper you add; Entra ID: "groups"). */
        private String groupsClaim = "groups";
        /** Whether a person the provider vouches for gets an account at their first login. */
        private boolean createUsers = true;
        /** The organisation role of people no role mapping names. */
        private Role defaultRole = Role.RESPONDER;
        /** Group to organisation role; the highest role among a person's groups applies at each login. */
        private Map<String, Role> roleMappings = new LinkedHashMap<>();
        /** Group to team and team role; the teams named here follow the groups at each login. */
        private List<TeamMapping> teamMappings = new ArrayList<>();

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getIssuerUri() {
            return issuerUri;
        }

        public void setIssuerUri(String issuerUri) {
            this.issuerUri = issuerUri;
        }

        public String getClientId() {
            return clientId;
        }

        public void setClientId(String clientId) {
            this.clientId = clientId;
        }

        public String getClientSecret() {
            return clientSecret;
        }

        public void setClientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
        }

        public List<String> getScopes() {
            return scopes;
        }

        public void setScopes(List<String> scopes) {
            this.scopes = scopes;
        }

        public String getGroupsClaim() {
            return groupsClaim;
        }

        public void setGroupsClaim(String groupsClaim) {
            this.groupsClaim = groupsClaim;
        }

        public boolean isCreateUsers() {
            return createUsers;
        }

        public void setCreateUsers(boolean createUsers) {
            this.createUsers = createUsers;
        }

        public Role getDefaultRole() {
            return defaultRole;
        }

        public void setDefaultRole(Role defaultRole) {
            this.defaultRole = defaultRole;
        }

        public Map<String, Role> getRoleMappings() {
            return roleMappings;
        }

        public void setRoleMappings(Map<String, Role> roleMappings) {
            this.roleMappings = roleMappings;
        }

        public List<TeamMapping> getTeamMappings() {
            return teamMappings;
        }

        public void setTeamMappings(List<TeamMapping> teamMappings) {
            this.teamMappings = teamMappings;
        }
    }

    /** Members of {@code group} are in the team named {@code team} with {@code role}. */
    public static class TeamMapping {
        private String group;
        private String team;
        private TeamRole role = TeamRole.RESPONDER;

        public String getGroup() {
            return group;
        }

        public void setGroup(String group) {
            this.group = group;
        }

        public String getTeam() {
            return team;
        }

        public void setTeam(String team) {
            this.team = team;
        }

        public TeamRole getRole() {
            return role;
        }

        public void setRole(TeamRole role) {
            this.role = role;
        }
    }
}
