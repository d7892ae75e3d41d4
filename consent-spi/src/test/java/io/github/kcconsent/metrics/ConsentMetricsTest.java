package io.github.kcconsent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.RejectedBy;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;
import io.github.kcconsent.fakes.KeycloakFakes;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransaction;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;

class ConsentMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConsentMetrics metrics = new ConsentMetrics(registry);
    private final List<KeycloakTransaction> afterCompletion = new ArrayList<>();
    private final RealmModel realm = KeycloakFakes.of(RealmModel.class).returning("getName", "bank").build();

    @Test
    void aChangeCountsOnceItsTransactionCommitsTaggedByRealmTypeOriginEventAndReason() {
        metrics.afterCommit(session(), realm, consent(ConsentStatus.REJECTED,
                new Rejection(RejectedBy.ASPSP, RejectionReason.TEMPO_EXPIRADO_CONSUMO, null)), ConsentStatus.AUTHORISED);
        assertTrue(registry.find(ConsentMetrics.CONSENT_EVENTS).counters().stream().allMatch(c -> c.count() == 0),
                "nothing counted before the commit");

        commit();
        assertEquals(1.0, registry.get(ConsentMetrics.CONSENT_EVENTS).tags("realm", "bank", "type", "PAYMENT",
                "origin", "OPEN_FINANCE_API", "event", "expired", "reason", "TEMPO_EXPIRADO_CONSUMO").counter().count());
    }

    @Test
    void aRolledBackChangeIsNotCounted() {
        metrics.afterCommit(session(), realm, consent(ConsentStatus.AUTHORISED, null), ConsentStatus.AWAITING_AUTHORISATION);
        afterCompletion.forEach(tx -> {
            tx.begin();
            tx.rollback();
        });
        assertEquals(0.0, registry.get(ConsentMetrics.CONSENT_EVENTS).tags("event", "authorised", "reason", "none")
                .counter().count());
    }

    @Test
    void noTagNamesAConsentACustomerOrAPartner() {
        metrics.afterCommit(session(), realm, consent(ConsentStatus.AUTHORISED, null), ConsentStatus.AWAITING_AUTHORISATION);
        commit();
        for (Meter meter : registry.getMeters()) {
            List<String> keys = meter.getId().getTags().stream().map(t -> t.getKey()).toList();
            assertEquals(List.of("event", "origin", "realm", "reason", "type"), keys);
        }
    }

    private void commit() {
        afterCompletion.forEach(tx -> {
            tx.begin();
            tx.commit();
        });
    }

    private KeycloakSession session() {
        KeycloakTransactionManager manager = KeycloakFakes.of(KeycloakTransactionManager.class)
                .on("enlistAfterCompletion", 1, a -> afterCompletion.add((KeycloakTransaction) a[0])).build();
        return KeycloakFakes.of(KeycloakSession.class).returning("getTransactionManager", manager).build();
    }

    private static Consent consent(ConsentStatus status, Rejection rejection) {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        return new Consent("urn:bank:1", "realm-id", "client-internal-id", "user-id", ConsentType.PAYMENT,
                ConsentOrigin.OPEN_FINANCE_API, status, List.of("PAYMENTS_INITIATE"), List.of(), now, now, null, now,
                "52998224725", null, null, "{}", rejection, 1, null);
    }

    @Test
    void refusalsAreCountedByRealmAndTheirEventErrorOnly() {
        metrics.linkRefused(realm, "consent_link_expired");
        metrics.linkRefused(realm, "consent_link_expired");
        metrics.authorizationRefused(realm, "consent_rejected_by_user");
        assertEquals(2.0, registry.get(ConsentMetrics.LINK_REFUSALS).tags("realm", "bank", "error", "consent_link_expired")
                .counter().count());
        assertEquals(1.0, registry.get(ConsentMetrics.AUTHORIZATION_REFUSALS).tags("realm", "bank",
                "reason", "consent_rejected_by_user").counter().count());
    }
}
