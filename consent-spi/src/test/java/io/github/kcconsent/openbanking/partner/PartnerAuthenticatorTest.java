package io.github.kcconsent.openbanking.partner;

import org.junit.jupiter.api.Test;

import static io.github.kcconsent.openbanking.partner.PartnerAuthenticator.customerTokenRefusal;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The customer-token rules of {@code /extends} that depend only on the token's facts. */
class PartnerAuthenticatorTest {

    static final String ID = "urn:consent-demo:6f1c0e55-8c3b-4f56-9a3c-0d7a3e1b2c4d";
    static final String SCOPE = "openid profile consent:" + ID + " email";

    @Test
    void anAuthorizationCodeTokenForThisConsentMayRenewIt() {
        assertNull(customerTokenRefusal("authorization_code", false, SCOPE, ID));
        assertNull(customerTokenRefusal("authorization_code", true, SCOPE, ID));
        assertNull(customerTokenRefusal("authorization_code", false, "  consent:" + ID + "  openid ", ID));
    }

    @Test
    void aRefreshedTokenOnlyWhenTheSessionBeganWithACode() {
        assertNull(customerTokenRefusal("refresh_token", true, SCOPE, ID));
        assertNotNull(customerTokenRefusal("refresh_token", false, SCOPE, ID),
                "a refresh of a password or CIBA token: the session did not begin at the authorization endpoint");
    }

    @Test
    void everyOtherGrantIsRefused() {
        for (String grant : new String[] {"client_credentials", "password", "urn:openid:params:grant-type:ciba",
                "urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:grant-type:token-exchange",
                "na", null}) {
            assertNotNull(customerTokenRefusal(grant, true, SCOPE, ID), String.valueOf(grant));
        }
    }

    @Test
    void theScopesMustBeOpenidAndExactlyThisConsent() {
        assertNotNull(customerTokenRefusal("authorization_code", true, "profile consent:" + ID, ID), "no openid");
        assertNotNull(customerTokenRefusal("authorization_code", true, "openid profile", ID), "no consent scope");
        assertNotNull(customerTokenRefusal("authorization_code", true, null, ID));
        assertNotNull(customerTokenRefusal("authorization_code", true, "", ID));
        assertNotNull(customerTokenRefusal("authorization_code", true, "openid consent:urn:consent-demo:other", ID),
                "another consent");
        assertNotNull(customerTokenRefusal("authorization_code", true, "openid consent:" + ID + "x", ID), "a prefix is not a match");
        assertNotNull(customerTokenRefusal("authorization_code", true, "openid consent:" + ID.substring(0, 20), ID));
        assertNotNull(customerTokenRefusal("authorization_code", true, "openid consent:", ID));
        assertNotNull(customerTokenRefusal("authorization_code", true, "openid consents", ID), "the partner's scope");
        assertNotNull(customerTokenRefusal("authorization_code", true, SCOPE + " consent:urn:consent-demo:other", ID),
                "a token for two consents is not a token for this one");
        assertNotNull(customerTokenRefusal("authorization_code", true, "openid CONSENT:" + ID, ID), "scopes are case-sensitive");
    }
}
