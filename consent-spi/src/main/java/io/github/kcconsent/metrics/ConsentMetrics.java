package io.github.kcconsent.metrics;

import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.RejectionReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The consent lifecycle as counters in Keycloak's own metrics ({@code /metrics} on the management port with
 * {@code --metrics-enabled=true}): {@code kcconsent_consent_events_total} tagged {@code realm} (its name),
 * {@code type}, {@code origin}, {@code event} ({@link ConsentEventNames}) and {@code reason} (the rejection code,
 * or {@code none}); refusals of consent links ({@value #LINK_REFUSALS}) and of authorizations
 * ({@value #AUTHORIZATION_REFUSALS}) by their event error. Never a consent, a customer or a partner: those would be
 * personal data and unbounded cardinality. A change counts once its transaction has committed, so a rolled-back
 * change is not counted.
 */
public final class ConsentMetrics {

    public static final String CONSENT_EVENTS = "kcconsent.consent.events";
    /** Consent links refused before any login, by the refusal's event error (tags {@code realm}, {@code error}). */
    public static final String LINK_REFUSALS = "kcconsent.link.refusals";
    /**
     * Authorizations the consent decision ended with {@code access_denied}, by the event error (tags
     * {@code realm}, {@code reason}): the customer's own no, a CPF or CNPJ that does not match, a consent that
     * ended, a level too low for a payment.
     */
    public static final String AUTHORIZATION_REFUSALS = "kcconsent.authorization.refusals";

    private final MeterRegistry registry;

    public ConsentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A status change, or with {@code from} null a creation, in this session's transaction. */
    public void afterCommit(KeycloakSession session, RealmModel realm, Consent consent, ConsentStatus from) {
        RejectionReason reason = consent.status() == ConsentStatus.REJECTED && consent.rejection() != null
                ? consent.rejection().reason() : null;
        Counter counter = counter(realm.getName(), consent.type().name(), consent.origin().name(),
                ConsentEventNames.of(from, consent.status(), reason), reason == null ? ConsentEventNames.NO_REASON : reason.name());
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                counter.increment();
            }

            @Override
            protected void rollbackImpl() {
                // not counted: the change did not happen
            }
        });
    }

    /** A consent link refused (answered at once: the refusal is the response, nothing to commit). */
    public void linkRefused(RealmModel realm, String error) {
        Counter.builder(LINK_REFUSALS).description("Consent links refused, by error")
                .tag("realm", realm.getName()).tag("error", error).register(registry).increment();
    }

    /** An authorization ended by the consent decision with {@code access_denied}. */
    public void authorizationRefused(RealmModel realm, String reason) {
        Counter.builder(AUTHORIZATION_REFUSALS).description("Authorizations refused by the consent decision, by reason")
                .tag("realm", realm.getName()).tag("reason", reason).register(registry).increment();
    }

    Counter counter(String realm, String type, String origin, String event, String reason) {
        return Counter.builder(CONSENT_EVENTS)
                .description("Consent lifecycle events (created, authorised, consumed, rejected, revoked, expired)")
                .tag("realm", realm).tag("type", type).tag("origin", origin).tag("event", event).tag("reason", reason)
                .register(registry);
    }
}
