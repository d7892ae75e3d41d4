package io.github.kcconsent.it.backoffice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.PaymentConsents;
import io.github.kcconsent.it.support.StaffTokens;
import io.github.kcconsent.it.support.StoreDriver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * What the back office changes is audited in Keycloak's own admin events: a revocation and a consumption each
 * leave one {@code ACTION} event of resource type {@code KCC_CONSENT} naming the consent, with the acting
 * staff member in the event's auth details and no personal data in it. A refused call leaves none.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class BackofficeAuditIT {

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    StoreDriver store;
    PaymentConsents payments;
    String api;
    String mariaId;

    @BeforeEach
    void setUp() {
        store = new StoreDriver(realm.getBaseUrl());
        api = realm.getBaseUrl().replace("/realms/", "/admin/realms/") + "/consents";
        String partnerId = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        mariaId = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
        payments = new PaymentConsents(store, partnerId);
        RealmRepresentation rep = realm.admin().toRepresentation();
        rep.setAdminEventsEnabled(true);
        rep.setAdminEventsDetailsEnabled(true);
        realm.admin().update(rep);
        realm.admin().clearAdminEvents();
    }

    private HttpResponse<String> post(String token, String path, String body) {
        return Http.send(HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private List<AdminEventRepresentation> consentEvents() {
        return realm.admin().getAdminEvents().stream().filter(e -> "KCC_CONSENT".equals(e.getResourceType())).toList();
    }

    @Test
    void aBackOfficeRevocationAndAConsumptionAreAdminEventsNamingTheConsentAndNoPersonalData() {
        String authorised = payments.authorised(mariaId);
        String revocable = payments.authorised(mariaId);

        String consumer = StaffTokens.withRoles(realm, "consume-payment-consents");
        assertEquals(200, post(consumer, "/" + StoreDriver.encode(authorised) + "/consume", "").statusCode());
        String manager = StaffTokens.withRoles(realm, "manage-consents");
        HttpResponse<String> revoked = post(manager, "/" + StoreDriver.encode(revocable) + "/revoke",
                "{\"reason\":\"REJEITADO_USUARIO\"}");
        assertEquals(200, revoked.statusCode(), revoked.body());

        List<AdminEventRepresentation> events = consentEvents();
        assertEquals(2, events.size(), String.valueOf(events.stream().map(AdminEventRepresentation::getResourcePath).toList()));
        AdminEventRepresentation consume = events.stream().filter(e -> e.getResourcePath().endsWith("/consume")).findFirst().orElseThrow();
        AdminEventRepresentation revoke = events.stream().filter(e -> e.getResourcePath().endsWith("/revoke")).findFirst().orElseThrow();
        assertEquals("ACTION", consume.getOperationType());
        assertEquals("consents/" + authorised + "/consume", consume.getResourcePath());
        assertEquals(authorised, consume.getDetails().get("consent_id"));
        assertEquals("consents/" + revocable + "/revoke", revoke.getResourcePath());
        assertTrue(revoke.getRepresentation().contains("\"REJEITADO_USUARIO\""), revoke.getRepresentation());
        for (AdminEventRepresentation e : events) {
            assertTrue(e.getAuthDetails().getUserId() != null, "who acted is recorded");
            String all = e.getRepresentation() + e.getDetails();
            assertFalse(all.contains(DemoRealm.USER_CPF), "no CPF");
            assertFalse(all.contains(PaymentConsents.CREDITOR_CNPJ), "no creditor document");
            assertFalse(all.contains("São João"), "no creditor name");
        }
    }

    @Test
    void aRefusedCallLeavesNoAdminEvent() {
        String awaiting = payments.awaiting(mariaId);
        String consumer = StaffTokens.withRoles(realm, "consume-payment-consents");
        assertEquals(409, post(consumer, "/" + StoreDriver.encode(awaiting) + "/consume", "").statusCode());
        String viewer = StaffTokens.withRoles(realm, "view-consents");
        assertEquals(403, post(viewer, "/" + StoreDriver.encode(awaiting) + "/revoke", "{}").statusCode());
        assertEquals(List.of(), consentEvents());
    }
}
