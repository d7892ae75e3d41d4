package io.github.kcconsent.it.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import org.junit.jupiter.api.Test;
import org.keycloak.jose.jwk.JSONWebKeySet;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/** realm-config/consent-demo-realm.json imports into a stock Keycloak and carries what the flows need. */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class DemoRealmImportIT {

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    @Test
    void realmUsesOurThemeAndPortugueseByDefault() {
        RealmRepresentation rep = realm.admin().toRepresentation();

        assertEquals(DemoRealm.NAME, rep.getRealm());
        assertEquals("kc-consent", rep.getLoginTheme());
        assertEquals("pt-BR", rep.getDefaultLocale());
        assertTrue(rep.getSupportedLocales().containsAll(List.of("pt-BR", "en")));
    }

    @Test
    void partnerClientHasItsPublicKeyAndRedirectUri() throws Exception {
        List<ClientRepresentation> clients = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID);

        assertEquals(1, clients.size());
        ClientRepresentation client = clients.get(0);
        assertEquals(List.of(DemoRealm.PARTNER_REDIRECT_URI), client.getRedirectUris());
        assertEquals("client-jwt", client.getClientAuthenticatorType());
        assertEquals("true", client.getAttributes().get("use.jwks.string"));
        String jwks = client.getAttributes().get("jwks.string");
        var keys = JsonSerialization.readValue(jwks, JSONWebKeySet.class).getKeys();
        assertEquals(1, keys.length);
        assertEquals("RSA", keys[0].getKeyType());
        // Only the public half is registered with the bank.
        assertFalse(jwks.contains("\"d\""), "the realm must hold the partner's public key only");
    }

    @Test
    void demoUserHasCpfAndAccounts() throws Exception {
        List<UserRepresentation> users = realm.admin().users().search(DemoRealm.USER, true);

        assertEquals(1, users.size());
        UserRepresentation user = realm.admin().users().get(users.get(0).getId()).toRepresentation();
        assertEquals(List.of(DemoRealm.USER_CPF), user.getAttributes().get("cpf"));
        String accounts = user.getAttributes().get("kcconsent_accounts").get(0);
        List<?> parsed = JsonSerialization.readValue(accounts, List.class);
        assertEquals(3, parsed.size());
    }

    @Test
    void demoUserHasTheRealmsDefaultRolesAsKeycloakGivesEveryNewUser() {
        // An import grants a user only the roles listed for it, never the realm's default roles: the JSON
        // declares the default-role composite (as Keycloak's own export does) and maps maria to it, so the
        // Account Console's token carries the account roles and audience.
        RealmRepresentation rep = realm.admin().toRepresentation();
        String defaultRole = "default-roles-" + DemoRealm.NAME;
        assertEquals(defaultRole, rep.getDefaultRole().getName());
        String accountId = realm.admin().clients().findByClientId("account").get(0).getId();
        Set<String> composites = realm.admin().roles().get(defaultRole).getRoleComposites().stream()
                .map(r -> (r.getClientRole() ? (accountId.equals(r.getContainerId()) ? "account/" : r.getContainerId() + "/") : "")
                        + r.getName())
                .collect(Collectors.toSet());
        assertEquals(Set.of("offline_access", "uma_authorization", "account/view-profile", "account/manage-account"), composites);

        String mariaId = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
        var mappings = realm.admin().users().get(mariaId).roles();
        assertEquals(List.of(defaultRole), mappings.realmLevel().listAll().stream().map(RoleRepresentation::getName).toList());
        Set<String> effectiveAccountRoles = mappings.clientLevel(accountId).listEffective().stream()
                .map(RoleRepresentation::getName).collect(Collectors.toSet());
        assertTrue(effectiveAccountRoles.containsAll(Set.of("view-profile", "manage-account", "manage-account-links")),
                String.valueOf(effectiveAccountRoles));
    }

    @Test
    void accountConsoleHasTheClientScopesOfAFreshRealm() {
        // A realm JSON with its own clientScopes makes Keycloak skip its default scopes, and the built-in clients
        // it creates during the import get none (no sub, no roles in the token): the JSON declares the account
        // clients as a fresh realm's export has them.
        for (String clientId : List.of("account", "account-console")) {
            var client = realm.admin().clients().get(realm.admin().clients().findByClientId(clientId).get(0).getId());
            Set<String> scopes = client.getDefaultClientScopes().stream().map(s -> s.getName()).collect(Collectors.toSet());
            assertEquals(Set.of("basic", "web-origins", "acr", "roles", "profile", "email"), scopes, clientId);
        }
        String console = realm.admin().clients().findByClientId("account-console").get(0).getId();
        String account = realm.admin().clients().findByClientId("account").get(0).getId();
        Set<String> scoped = realm.admin().clients().get(console).getScopeMappings().clientLevel(account).listAll().stream()
                .map(RoleRepresentation::getName).collect(Collectors.toSet());
        assertEquals(Set.of("manage-account", "view-groups"), scoped);
    }
}
