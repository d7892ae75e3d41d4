package io.github.kcconsent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/** Removing a user, a client or a realm removes their consents and history: nothing dangles. */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class ConsentRemovalIT {

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    private String createFor(StoreDriver store, String clientId, String userId) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientId", clientId);
        body.put("userId", userId);
        body.put("permissions", List.of("ACCOUNTS_READ"));
        body.put("cpf", "52998224725");
        return (String) store.create(body).get("id");
    }

    private String newUser(String username) {
        UserRepresentation u = new UserRepresentation();
        u.setUsername(username);
        u.setEnabled(true);
        try (var response = realm.admin().users().create(u)) {
            assertEquals(201, response.getStatus());
        }
        return realm.admin().users().search(username, true).get(0).getId();
    }

    private String newClient(String clientId) {
        ClientRepresentation c = new ClientRepresentation();
        c.setClientId(clientId);
        try (var response = realm.admin().clients().create(c)) {
            assertEquals(201, response.getStatus());
        }
        return realm.admin().clients().findByClientId(clientId).get(0).getId();
    }

    @Test
    void removingAUserRemovesTheirConsents() {
        StoreDriver store = new StoreDriver(realm.getBaseUrl());
        String partner = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        String gone = newUser("leaving-user");
        String staying = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
        String goneConsent = createFor(store, partner, gone);
        String keptConsent = createFor(store, partner, staying);

        realm.admin().users().get(gone).remove();

        assertEquals(404, store.get("/consents/" + StoreDriver.encode(goneConsent)).status());
        assertEquals(200, store.get("/consents/" + StoreDriver.encode(keptConsent)).status());
        String rawHistory = String.valueOf(store.get("/raw?table=KCC_CONSENT_STATUS_HISTORY").body());
        assertEquals(false, rawHistory.contains(goneConsent), "history went with the consent");
    }

    @Test
    void removingAClientRemovesItsConsents() {
        StoreDriver store = new StoreDriver(realm.getBaseUrl());
        String user = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
        String partner = newClient("leaving-partner");
        String consent = createFor(store, partner, user);

        realm.admin().clients().get(partner).remove();

        assertEquals(404, store.get("/consents/" + StoreDriver.encode(consent)).status());
    }

    @Test
    void removingARealmRemovesAllItsConsents() {
        RealmRepresentation other = new RealmRepresentation();
        other.setRealm("kcc-removal-check");
        other.setEnabled(true);
        admin.realms().create(other);
        String otherId = admin.realm("kcc-removal-check").toRepresentation().getId();
        StoreDriver otherStore = new StoreDriver(realm.getBaseUrl().replace("/realms/" + DemoRealm.NAME, "/realms/kcc-removal-check"));
        ClientRepresentation c = new ClientRepresentation();
        c.setClientId("p");
        admin.realm("kcc-removal-check").clients().create(c).close();
        String clientId = admin.realm("kcc-removal-check").clients().findByClientId("p").get(0).getId();
        createFor(otherStore, clientId, null);
        createFor(otherStore, clientId, null);
        StoreDriver here = new StoreDriver(realm.getBaseUrl());
        assertEquals(2, ((Number) here.get("/count-for-realm/" + otherId).map().get("count")).intValue());

        admin.realm("kcc-removal-check").remove();

        assertEquals(0, ((Number) here.get("/count-for-realm/" + otherId).map().get("count")).intValue());
    }
}
