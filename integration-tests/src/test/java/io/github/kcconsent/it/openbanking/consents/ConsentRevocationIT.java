package io.github.kcconsent.it.openbanking.consents;

import static io.github.kcconsent.it.support.openbanking.ConsentRequests.ACCOUNTS;
import static io.github.kcconsent.it.support.openbanking.ConsentRequests.CPF;
import static io.github.kcconsent.it.support.openbanking.ConsentRequests.body;
import static io.github.kcconsent.it.support.openbanking.ConsentRequests.date;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Eventually;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.PartnerLinks;
import io.github.kcconsent.it.support.StaffTokens;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.openbanking.CustomerTokens.Tokens;
import io.github.kcconsent.it.support.openbanking.CustomerTokens;
import io.github.kcconsent.it.support.openbanking.TppClient.Reply;
import io.github.kcconsent.it.support.openbanking.TppClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.UserSessionRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * A revocation through our APIs (the partner's DELETE, the back office) ends what Keycloak itself keeps for the
 * consent: the offline session behind the partner's refresh token is removed from Keycloak's sessions (not only
 * refused at the next refresh), and Keycloak's own consent entry for the partner (Users → Consents, Account
 * Console → Applications) goes once the customer has no active consent left with that partner.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class ConsentRevocationIT {

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    TppClient tpp;
    CustomerTokens oauth;
    StoreDriver store;
    String ccToken;
    String partnerId;
    String mariaId;
    UserResource maria;

    @BeforeEach
    void setUp() {
        tpp = new TppClient(realm.getBaseUrl());
        oauth = new CustomerTokens(realm.getBaseUrl());
        store = new StoreDriver(realm.getBaseUrl());
        ccToken = tpp.privateKeyJwtToken(DemoRealm.PARTNER_CLIENT_ID, PartnerLinks.DEMO_KEY, "consents");
        partnerId = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        mariaId = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
        maria = realm.admin().users().get(mariaId);
    }

    private String authorisedConsent() {
        Reply created = tpp.create(ccToken, body(CPF, null, ACCOUNTS, date(Instant.now().plus(Duration.ofDays(90)))));
        assertEquals(201, created.status(), created.response().body());
        return created.data().path("consentId").asText();
    }

    @Test
    void theApisRevocationEndsTheOfflineSessionAndLastlyKeycloaksConsentEntry() throws Exception {
        String a = authorisedConsent();
        Tokens tokenA = oauth.authorise(oauth.browser(), a);
        String b = authorisedConsent();
        Tokens tokenB = oauth.authorise(oauth.browser(), b);
        assertEquals(2, offlineSessionsWithThePartner().size(), "one offline session per authorization");
        String sessionA = (String) CustomerTokens.claims(tokenA.refreshToken()).get("sid");
        String sessionB = (String) CustomerTokens.claims(tokenB.refreshToken()).get("sid");
        assertTrue(hasKeycloakConsentEntry(), "the authorisations made Keycloak's consent entry");
        awaitStoredOfflineSession(sessionA);
        awaitStoredOfflineSession(sessionB);

        assertEquals(204, tpp.delete(ccToken, a).status());

        // Exactly a's offline session is gone; b's stays, and so does the entry (b is still active).
        assertEquals(List.of(sessionB), offlineSessionsWithThePartner().stream().map(UserSessionRepresentation::getId).toList());
        awaitNoStoredOfflineSession(sessionA);
        assertTrue(hasKeycloakConsentEntry(), "another consent with the partner is still active");
        assertEquals(400, oauth.refresh(tokenA.refreshToken()).status());

        assertEquals(204, tpp.delete(ccToken, b).status());

        assertEquals(List.of(), offlineSessionsWithThePartner(), "no offline session with the partner is left");
        awaitNoStoredOfflineSession(sessionB);
        assertFalse(hasKeycloakConsentEntry(), "Keycloak's consent entry went with the last active consent");
        assertEquals(400, oauth.refresh(tokenB.refreshToken()).status());
    }

    @Test
    void theBackOfficesRevocationEndsTheOfflineSessionAndKeycloaksConsentEntry() throws Exception {
        String id = authorisedConsent();
        Tokens tokens = oauth.authorise(oauth.browser(), id);
        String sessionId = (String) CustomerTokens.claims(tokens.refreshToken()).get("sid");
        assertEquals(List.of(sessionId), offlineSessionsWithThePartner().stream().map(UserSessionRepresentation::getId).toList());
        assertTrue(hasKeycloakConsentEntry());
        awaitStoredOfflineSession(sessionId);

        String manager = StaffTokens.withRoles(realm, "manage-consents");
        HttpResponse<String> revoked = Http.send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl()
                        .replace("/realms/", "/admin/realms/") + "/consents/" + StoreDriver.encode(id) + "/revoke"))
                .header("Authorization", "Bearer " + manager).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(200, revoked.statusCode(), revoked.body());

        assertEquals(List.of(), offlineSessionsWithThePartner());
        awaitNoStoredOfflineSession(sessionId);
        assertFalse(hasKeycloakConsentEntry(), "Keycloak's consent entry went with the consent");
        Tokens refresh = oauth.refresh(tokens.refreshToken());
        assertEquals(400, refresh.status(), refresh.body().toString());
    }

    /** The customer's offline sessions holding the partner, as Keycloak's admin API lists them. */
    private List<UserSessionRepresentation> offlineSessionsWithThePartner() {
        return maria.getOfflineSessions(partnerId);
    }

    private boolean hasKeycloakConsentEntry() {
        return maria.getConsents().stream().anyMatch(c -> DemoRealm.PARTNER_CLIENT_ID.equals(c.get("clientId")));
    }

    /** Keycloak's stored (persisted) offline client sessions: none left in the ended user session. */
    private void awaitNoStoredOfflineSession(String userSessionId) throws InterruptedException {
        Eventually.await("the stored offline client session of " + userSessionId + " to go",
                () -> !hasStoredOfflineSession(userSessionId));
    }

    /**
     * The positive control for {@link #awaitNoStoredOfflineSession}: the same query finds the row before the
     * revocation, so "none left" afterwards cannot come from a query that never matches.
     */
    private void awaitStoredOfflineSession(String userSessionId) throws InterruptedException {
        Eventually.await("the offline client session of " + userSessionId + " to be stored",
                () -> hasStoredOfflineSession(userSessionId));
    }

    private boolean hasStoredOfflineSession(String userSessionId) {
        Map<String, Object> raw = store.get("/raw-keycloak?userId=" + mariaId).map();
        return ((List<?>) raw.get("clientSessions")).stream().map(String::valueOf)
                .anyMatch(row -> row.contains(userSessionId) && row.contains(partnerId));
    }
}
