package io.github.kcconsent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
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
        var keys = JsonSerialization.readValue(jwks, org.keycloak.jose.jwk.JSONWebKeySet.class).getKeys();
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
}
