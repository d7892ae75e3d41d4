package io.github.kcconsent.it.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.TestUsers;
import io.github.kcconsent.it.support.openbanking.CustomerTokens;
import io.github.kcconsent.it.support.openbanking.CustomerTokens.Tokens;
import io.github.kcconsent.it.support.PaymentConsents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Open Finance security profile, consent and token life cycle: no refresh token once a payment consent is
 * CONSUMED. A payment authorised through the real journey (PAR with {@code openid payments consent:{id}}, login,
 * Confirmar, code) refreshes while AUTHORISED; once CONSUMED the refresh is {@code invalid_grant} and
 * introspection says inactive, both when the store's consumption ends the consent's Keycloak sessions and when
 * only the consent's status says so (the token gate's own check, {@code ConsentBinding}).
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class PaymentConsentTokenIT {

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    CustomerTokens oauth;
    StoreDriver store;

    @BeforeEach
    void setUp() {
        oauth = new CustomerTokens(realm.getBaseUrl());
        store = new StoreDriver(realm.getBaseUrl());
    }

    /** A payment authorised by a customer with paying accounts (Confirmar with acc-0001); its tokens. */
    private Tokens authorisedPayment(String consentId) {
        Tokens tokens = oauth.authorise(oauth.browser(), "openid payments consent:" + consentId,
                TestUsers.customer(realm, "payer", TestUsers.PAYING_ACCOUNTS), TestUsers.PASSWORD);
        assertTrue(tokens.scope().contains("consent:" + consentId), tokens.scope());
        assertEquals("AUTHORISED", store.consent(consentId).get("status"));
        Tokens refreshed = oauth.refresh(tokens.refreshToken());
        assertEquals(200, refreshed.status(), "an authorised payment consent's token refreshes: " + refreshed.body());
        return tokens;
    }

    private String newPayment() {
        return PaymentConsents.create(realm, PaymentConsents.immediate("Padaria São João Ltda.", "25.00", null));
    }

    @Test
    void aConsumedPaymentConsentsRefreshTokenIsRefused() {
        String consentId = newPayment();
        Tokens tokens = authorisedPayment(consentId);

        assertEquals(200, store.post("/consents/" + StoreDriver.encode(consentId) + "/consume", Map.of()).status());

        Tokens refused = oauth.refresh(tokens.refreshToken());
        assertEquals(400, refused.status(), refused.body().toString());
        assertEquals("invalid_grant", refused.body().get("error"));
        assertFalse(oauth.introspect(tokens.accessToken()), "introspection: inactive once consumed");
    }

    @Test
    void theTokenGateItselfRefusesARefreshOnceTheStatusIsConsumed() {
        String consentId = newPayment();
        Tokens tokens = authorisedPayment(consentId);

        // The status alone, without the listeners that end the consent's Keycloak sessions: the gate must refuse.
        assertEquals(1, store.post("/consents/" + StoreDriver.encode(consentId) + "/status-without-listeners",
                Map.of("status", "CONSUMED")).map().get("updated"));

        Tokens refused = oauth.refresh(tokens.refreshToken());
        assertEquals(400, refused.status(), refused.body().toString());
        assertEquals("invalid_grant", refused.body().get("error"));
        assertEquals("the consent is no longer authorised", refused.body().get("error_description"));
        assertFalse(oauth.introspect(tokens.accessToken()));
    }
}
