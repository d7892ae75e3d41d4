package io.github.kcconsent.it.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.RestartSupport;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/** First half of "consents survive a restart": writes a consent the second half reads after the restart. */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class RestartStep1CreateIT {

    static final String REALM = "kcc-restart-check";
    static final String CONSENT_ATTRIBUTE = "kcc.test.restart.consentId";
    /** When this server started (Keycloak's session factory): step 2 proves it runs on a later start. */
    static final String SERVER_STARTED_ATTRIBUTE = "kcc.test.restart.serverStartedAt";
    static final String CPF = "52998224725";
    static final String METADATA = "{\"user_session\":\"before-restart\"}";

    @InjectAdminClient
    Keycloak admin;

    @Test
    void createConsentBeforeRestart() {
        // Its webhook receiver is down while this server runs: the event must survive the restart.
        String clientId = RestartSupport.freshRealmWithPartner(admin, REALM, "restart-partner",
                WebhookReceiver.RESTART_URL);

        StoreDriver store = new StoreDriver(RestartSupport.realmUrl(REALM));
        String id = (String) store.create(Map.of("clientId", clientId, "permissions", List.of("ACCOUNTS_READ"),
                "cpf", CPF, "sessionMetadata", METADATA)).get("id");

        StoreDriver.Reply authorised = store.post("/consents/" + StoreDriver.encode(id) + "/authorise",
                Map.of("userId", "restart-user", "resources", List.of()));
        assertEquals(200, authorised.status(), String.valueOf(authorised.body()));

        RestartSupport.remember(admin, REALM, Map.of(CONSENT_ATTRIBUTE, id,
                SERVER_STARTED_ATTRIBUTE, String.valueOf(serverStartedAt(store))));
        assertEquals(CPF, store.consent(id).get("cpf"));
        assertEquals("AUTHORISED", store.consent(id).get("status"));
    }

    /** Keycloak's start time as the running server reports it (the test-only resource). */
    static long serverStartedAt(StoreDriver store) {
        StoreDriver.Reply instance = store.get("/server-instance");
        assertEquals(200, instance.status(), String.valueOf(instance.body()));
        return ((Number) instance.map().get("serverStartedAt")).longValue();
    }
}
