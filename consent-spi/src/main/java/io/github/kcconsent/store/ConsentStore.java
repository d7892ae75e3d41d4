package io.github.kcconsent.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.github.kcconsent.consent.Actor;
import io.github.kcconsent.consent.Channel;
import io.github.kcconsent.consent.ConcurrentConsentUpdateException;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentNotFoundException;
import io.github.kcconsent.consent.ConsentedResource;
import io.github.kcconsent.consent.IllegalConsentTransitionException;
import io.github.kcconsent.consent.NewConsent;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.StatusChange;
import io.github.kcconsent.crypto.DocumentKind;
import io.github.kcconsent.support.PartyBound;
import io.github.kcconsent.support.Reencryptable;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * Where every flow reads and writes consents. Each write runs in the caller's Keycloak transaction and writes
 * the status history in it too; an illegal transition throws {@link IllegalConsentTransitionException} before
 * anything is written, a lost race throws {@link ConcurrentConsentUpdateException}.
 */
public interface ConsentStore extends Provider, Reencryptable, PartyBound {

    /** Creates a consent AWAITING_AUTHORISATION, with its first history entry. */
    Consent create(RealmModel realm, NewConsent request, Actor actor, Channel channel);

    Optional<Consent> find(RealmModel realm, String consentId);

    /**
     * AWAITING_AUTHORISATION → AUTHORISED for {@code userId} with the selected resources. A payment consent's
     * validity becomes its consumption window from now ({@link ConsentRealmSettings#consumptionWindow()}).
     */
    default Consent authorise(RealmModel realm, String consentId, String userId, List<ConsentedResource> resources,
                              Actor actor, Channel channel) {
        return authorise(realm, consentId, userId, resources, null, actor, channel);
    }

    /**
     * As {@link #authorise(RealmModel, String, String, List, Actor, Channel)}; a non-null {@code paymentDetails}
     * replaces the stored (encrypted) payment details in the same write, e.g. with the debtor account the
     * customer chose.
     */
    Consent authorise(RealmModel realm, String consentId, String userId, List<ConsentedResource> resources,
                      String paymentDetails, Actor actor, Channel channel);

    /** Ends the consent: reject (awaiting), revoke (authorised) or expire, as the rejection's reason says. */
    Consent reject(RealmModel realm, String consentId, Rejection rejection, Actor actor, Channel channel);

    /**
     * Renews an AUTHORISED consent: sets a new expiration ({@code null} = indeterminate). Not a status change,
     * so the status history is untouched; callers keep their own renewal record.
     */
    Consent extend(RealmModel realm, String consentId, Instant newExpiresAt, Actor actor, Channel channel);

    /** AUTHORISED → CONSUMED (payment consents). */
    Consent consume(RealmModel realm, String consentId, Actor actor, Channel channel);

    /** The status history, oldest first. */
    List<StatusChange> history(RealmModel realm, String consentId);

    /**
     * Checks the consent's sealed history (each entry's seal, the chain, the consent row's head and status).
     *
     * @throws ConsentNotFoundException if the realm has no such consent
     */
    HistoryVerification verifyHistory(RealmModel realm, String consentId);

    /**
     * {@link #verifyHistory} for up to {@code max} consents of the realm in id order after {@code after} (empty
     * string: from the start), so a whole realm is verified a bounded page at a time.
     */
    List<HistoryVerification> verifyHistories(RealmModel realm, String after, int max);

    /**
     * Seals the history of up to {@code max} consents written before sealing existed (a consent's next change
     * seals it too). Returns how many it sealed; 0 once the realm has none left.
     */
    int sealLateHistories(RealmModel realm, int max);

    /** Consents of a client (internal id) for a user, newest first. */
    List<Consent> findByClientAndUser(RealmModel realm, String clientId, String userId);

    /**
     * Consents of a client (internal id) for a user whose stored status is AUTHORISED, newest first: the only ones
     * that can be active. Callers still check {@link Consent#isActive} for an expiry the sweeper has not reached.
     */
    List<Consent> findAuthorisedByClientAndUser(RealmModel realm, String clientId, String userId);

    /** Consents of a user, newest first. */
    List<Consent> findByUser(RealmModel realm, String userId);

    /** Equality search on CPF or CNPJ through the blind index; never scans plaintext. */
    List<Consent> findByDocument(RealmModel realm, DocumentKind kind, String document);

    /** Back-office search: filters, a page, and the total count. */
    ConsentPage search(RealmModel realm, ConsentQuery query);

    /** Number of consents per type and stored status, for dashboards. */
    List<ConsentCount> counts(RealmModel realm);

    /** Ids of the realms that hold at least one consent whose time has passed but is not stored as ended. */
    List<String> realmIdsWithOverdue();

    /**
     * Ids of up to {@code max} consents of the realm whose time has passed, in id order after {@code after}
     * (empty string: from the start), so a caller can page past rows it could not expire.
     */
    List<String> overdueIds(RealmModel realm, String after, int max);

    /**
     * Moves the consent to REJECTED with the expiry reason if it is still overdue (another node or the customer
     * may have ended it since it was listed). Returns whether it moved.
     */
    boolean expireIfOverdue(RealmModel realm, String consentId);

    /**
     * Erases the personal data of every consent of the user and keeps the rest (LGPD erasure with the audit trail):
     * a consent still awaiting or authorised is ended first, as the customer's own decision (or as expired, if its
     * time has passed), with history, receipt and webhook as usual; then the documents and their blind indexes,
     * the session metadata, the payment details and the account labels are removed from the row and the consent
     * is marked erased. Statuses, dates, partners, permissions, resource ids, the sealed history and the receipts
     * stay. Consumers erase what they keep per consent on {@link ConsentEvents#consentsErased}. Returns how many
     * consents it erased (already erased ones are not counted again).
     */
    int erase(RealmModel realm, String userId, Actor actor, Channel channel);

    // eraseByUser (PartyBound): erase(realm, userId, system:user-removal, SYSTEM), for realms that erase on removal.
    // reencrypt (Reencryptable): consents not written with the realm's active key, with their blind indexes.
    // removeByRealm, removeByClient, removeByUser (PartyBound): every consent of the party, with its history.
}
