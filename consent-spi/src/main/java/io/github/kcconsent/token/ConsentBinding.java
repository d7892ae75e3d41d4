package io.github.kcconsent.token;

import java.time.Instant;
import java.util.Optional;

import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.store.ConsentStore;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The one rule for whether a token may carry {@code consent:<id>} right now: the consent exists, came in through
 * the Open Finance API, belongs to the token's client and user, and is effectively AUTHORISED (an expiry that
 * is due counts, whether or not the expiry sweeper has run). Token issuance, refresh, introspection and the
 * Consents API's customer tokens all ask this, so they never disagree.
 */
public final class ConsentBinding {

    /** Why a consent may not be used. The descriptions go into OAuth errors: never personal data. */
    public enum Refusal {
        NOT_FOUND("consent not found for this client"),
        OTHER_USER("the consent was not authorised by this user"),
        ENDED("the consent is no longer authorised");

        private final String description;

        Refusal(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** The consent when it may be used, otherwise why not. */
    public record Verdict(Consent consent, Refusal refusal) {

        public boolean usable() {
            return consent != null;
        }

        public String problem() {
            return refusal == null ? null : refusal.description();
        }

        static Verdict refused(Refusal refusal) {
            return new Verdict(null, refusal);
        }
    }

    private final KeycloakSession session;

    public ConsentBinding(KeycloakSession session) {
        this.session = session;
    }

    public Verdict check(RealmModel realm, ClientModel client, UserModel user, String consentId) {
        if (!ConsentScopes.isWellFormed(consentId)) {
            return Verdict.refused(Refusal.NOT_FOUND);
        }
        Optional<Consent> found = session.getProvider(ConsentStore.class).find(realm, consentId);
        if (found.isEmpty() || found.get().origin() != ConsentOrigin.OPEN_FINANCE_API
                || !found.get().clientId().equals(client.getId())) {
            return Verdict.refused(Refusal.NOT_FOUND);
        }
        Consent consent = found.get();
        if (user == null || !user.getId().equals(consent.userId())) {
            return Verdict.refused(Refusal.OTHER_USER);
        }
        if (consent.effectiveStatus(now()) != ConsentStatus.AUTHORISED) {
            return Verdict.refused(Refusal.ENDED);
        }
        return new Verdict(consent, null);
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }
}
