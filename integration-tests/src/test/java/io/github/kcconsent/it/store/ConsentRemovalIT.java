package io.github.kcconsent.it.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.StoreDriver;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Removing a user, a client or a realm removes their consents and everything that names them: nothing dangles.
 * Each consent has rows in all five tables (its accounts, its history, its webhook events, its renewals), and
 * the check counts each table by its own CONSENT_ID column, without a join, so orphans would show; two of the
 * tables (webhook outbox, renewals) have no foreign key that would catch them.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class ConsentRemovalIT {

    /** Nothing listens here: the webhook events stay in the outbox while the test looks at them. */
    static final String DEAD_WEBHOOK_URL = "http://127.0.0.1:8597/hook";
    static final List<String> TABLES = List.of("KCC_CONSENT", "KCC_CONSENT_RESOURCE", "KCC_CONSENT_STATUS_HISTORY",
            "KCC_WEBHOOK_OUTBOX", "KCC_OB_CONSENT_EXTENSION");

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    /** A consent with rows in every table: authorised with an account, with a renewal, its client hooked. */
    private String createFor(StoreDriver store, String clientId, String userId) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientId", clientId);
        body.put("userId", userId);
        body.put("permissions", List.of("ACCOUNTS_READ"));
        body.put("cpf", "52998224725");
        String id = (String) store.create(body).get("id");
        StoreDriver.Reply authorised = store.post("/consents/" + StoreDriver.encode(id) + "/authorise", Map.of(
                "userId", userId, "resources", List.of(Map.of("resourceId", "acc-0001", "type", "CONTA", "label", "Conta"))));
        assertEquals(200, authorised.status(), String.valueOf(authorised.body()));
        StoreDriver.Reply renewal = store.post("/consents/" + StoreDriver.encode(id) + "/renewals",
                Map.of("cpf", "52998224725", "customerIpAddress", "203.0.113.7", "customerUserAgent", "test"));
        assertEquals(200, renewal.status(), String.valueOf(renewal.body()));
        return id;
    }

    /** Rows naming the consent per table, counted in the demo realm's test resource (it filters no realm). */
    private Map<String, Object> rowsFor(String consentId) {
        StoreDriver.Reply rows = new StoreDriver(realm.getBaseUrl()).get("/rows-for-consent/" + StoreDriver.encode(consentId));
        assertEquals(200, rows.status(), String.valueOf(rows.body()));
        return rows.map();
    }

    private void assertInEveryTable(String consentId) {
        Map<String, Object> rows = rowsFor(consentId);
        for (String table : TABLES) {
            assertTrue(((Number) rows.get(table)).longValue() > 0, table + " has rows of " + consentId + ": " + rows);
        }
    }

    private void assertGoneFromEveryTable(String consentId) {
        Map<String, Object> rows = rowsFor(consentId);
        for (String table : TABLES) {
            assertEquals(0L, ((Number) rows.get(table)).longValue(), table + " still names " + consentId + ": " + rows);
        }
    }

    private static void hook(ClientRepresentation client) {
        client.setAttributes(Map.of("kcconsent.webhook.url", DEAD_WEBHOOK_URL, "kcconsent.webhook.enabled", "true"));
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
        hook(c);
        try (var response = realm.admin().clients().create(c)) {
            assertEquals(201, response.getStatus());
        }
        return realm.admin().clients().findByClientId(clientId).get(0).getId();
    }

    @Test
    void removingAUserRemovesTheirConsents() {
        StoreDriver store = new StoreDriver(realm.getBaseUrl());
        String partner = newClient("hooked-partner");
        String gone = newUser("leaving-user");
        String staying = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
        String goneConsent = createFor(store, partner, gone);
        String keptConsent = createFor(store, partner, staying);
        assertInEveryTable(goneConsent);
        Map<String, Object> keptRows = rowsFor(keptConsent);

        realm.admin().users().get(gone).remove();

        assertEquals(404, store.get("/consents/" + StoreDriver.encode(goneConsent)).status());
        assertGoneFromEveryTable(goneConsent);
        assertEquals(200, store.get("/consents/" + StoreDriver.encode(keptConsent)).status());
        assertEquals(keptRows, rowsFor(keptConsent), "another user's consent keeps all its rows");
        realm.admin().clients().get(partner).remove();
    }

    @Test
    void removingAClientRemovesItsConsents() {
        StoreDriver store = new StoreDriver(realm.getBaseUrl());
        String user = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
        String partner = newClient("leaving-partner");
        String staying = newClient("staying-partner");
        String consent = createFor(store, partner, user);
        String keptConsent = createFor(store, staying, user);
        assertInEveryTable(consent);
        Map<String, Object> keptRows = rowsFor(keptConsent);

        realm.admin().clients().get(partner).remove();

        assertEquals(404, store.get("/consents/" + StoreDriver.encode(consent)).status());
        assertGoneFromEveryTable(consent);
        assertEquals(keptRows, rowsFor(keptConsent), "another client's consent keeps all its rows");
        realm.admin().clients().get(staying).remove();
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
        hook(c);
        admin.realm("kcc-removal-check").clients().create(c).close();
        String clientId = admin.realm("kcc-removal-check").clients().findByClientId("p").get(0).getId();
        String first = createFor(otherStore, clientId, "user-of-removed-realm");
        String second = createFor(otherStore, clientId, "user-of-removed-realm");
        StoreDriver here = new StoreDriver(realm.getBaseUrl());
        assertEquals(2, ((Number) here.get("/count-for-realm/" + otherId).map().get("count")).intValue());
        assertInEveryTable(first);
        assertInEveryTable(second);

        admin.realm("kcc-removal-check").remove();

        assertEquals(0, ((Number) here.get("/count-for-realm/" + otherId).map().get("count")).intValue());
        assertGoneFromEveryTable(first);
        assertGoneFromEveryTable(second);
    }
}
