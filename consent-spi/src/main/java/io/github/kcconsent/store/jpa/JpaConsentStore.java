package io.github.kcconsent.store.jpa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import io.github.kcconsent.consent.Actor;
import io.github.kcconsent.consent.Channel;
import io.github.kcconsent.consent.ConcurrentConsentUpdateException;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentStateMachine;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.ConsentedResource;
import io.github.kcconsent.consent.IllegalConsentTransitionException;
import io.github.kcconsent.consent.NewConsent;
import io.github.kcconsent.consent.RejectedBy;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;
import io.github.kcconsent.consent.StatusChange;
import io.github.kcconsent.crypto.BlindIndex;
import io.github.kcconsent.crypto.DocumentKind;
import io.github.kcconsent.crypto.FieldCipher;
import io.github.kcconsent.crypto.HistoryMac;
import io.github.kcconsent.store.ConsentCount;
import io.github.kcconsent.store.ConsentCrypto;
import io.github.kcconsent.store.ConsentEvents;
import io.github.kcconsent.store.ConsentPage;
import io.github.kcconsent.store.ConsentQuery;
import io.github.kcconsent.store.ConsentRealmSettings;
import io.github.kcconsent.store.ConsentStore;
import io.github.kcconsent.store.HistoryVerification;
import io.github.kcconsent.support.ReencryptionResult;
import jakarta.persistence.EntityManager;
import org.keycloak.models.RealmModel;

/**
 * {@link ConsentStore} on Keycloak's own database. Every write asks the state machine first, encrypts personal
 * data with the realm's field cipher, appends history in the same transaction and flushes, so a lost race
 * surfaces here as {@link ConcurrentConsentUpdateException}. This class keeps the lifecycle (create, the
 * transitions, expiry); the row locking ({@link ConsentRows}), the history ({@link ConsentHistory}), the mapping to
 * the domain ({@link ConsentMapper}), the many-row reads ({@link ConsentSearch}), the re-encryption
 * ({@link ConsentReencryption}) and the removal with a party ({@link ConsentRemoval}) are classes of their own,
 * sharing one {@link ConsentFields} (and its cache of plaintexts) per store instance.
 */
public class JpaConsentStore implements ConsentStore {

    /** Consents erased, and announced to the consumers, per round: bounds the {@code IN} lists they run. */
    private static final int ERASE_CHUNK = 200;

    private final EntityManager em;
    private final ConsentCrypto crypto;
    private final Supplier<Instant> clock;
    private final ConsentEvents events;
    private final ConsentStateMachine stateMachine = new ConsentStateMachine();
    private final ConsentFields fields = new ConsentFields();
    private final ConsentCiphers ciphers;
    private final ConsentMapper mapper;
    private final ConsentRows rows;
    private final ConsentHistory history;
    private final ConsentSearch search;
    private final ConsentReencryption reencryption;
    private final ConsentRemoval removal;

    public JpaConsentStore(EntityManager em, ConsentCrypto crypto, Supplier<Instant> clock) {
        this(em, crypto, clock, ConsentEvents.NONE);
    }

    public JpaConsentStore(EntityManager em, ConsentCrypto crypto, Supplier<Instant> clock, ConsentEvents events) {
        this(em, crypto, clock, events, true);
    }

    /**
     * @param perCustomerKeys whether new consents are encrypted under their customer's data key (envelope
     *                        encryption, the default) or, as before 0.4.0, under the realm's field key
     */
    public JpaConsentStore(EntityManager em, ConsentCrypto crypto, Supplier<Instant> clock, ConsentEvents events,
                           boolean perCustomerKeys) {
        this.em = em;
        this.crypto = crypto;
        this.clock = clock;
        this.events = events;
        this.ciphers = new ConsentCiphers(em, crypto, clock, perCustomerKeys);
        this.mapper = new ConsentMapper(fields, ciphers);
        this.rows = new ConsentRows(em);
        this.history = new ConsentHistory(em);
        this.search = new ConsentSearch(em, crypto, mapper);
        this.reencryption = new ConsentReencryption(em, crypto, fields, rows, ciphers);
        this.removal = new ConsentRemoval(em, events, ciphers);
    }

    @Override
    public Consent create(RealmModel realm, NewConsent request, Actor actor, Channel channel) {
        ConsentRealmSettings settings = new ConsentRealmSettings(realm);
        Instant now = clock.get();
        String id = "urn:" + settings.consentIdNamespace() + ":" + UUID.randomUUID();

        ConsentEntity e = new ConsentEntity();
        e.setId(id);
        e.setRealmId(realm.getId());
        e.setClientId(request.clientId());
        e.setUserId(request.userId());
        e.setType(request.type().name());
        e.setOrigin(request.origin().name());
        e.setStatus(ConsentStatus.AWAITING_AUTHORISATION.name());
        e.setPermissions(ConsentMapper.permissionsToJson(request.permissions()));
        e.setCreatedAt(now.toEpochMilli());
        e.setStatusUpdatedAt(now.toEpochMilli());
        e.setExpiresAt(request.expiresAt() == null ? null : request.expiresAt().toEpochMilli());
        e.setAuthorisationDeadline(now.plus(settings.authorisationWindow(request.type())).toEpochMilli());

        BlindIndex index = crypto.blindIndex(realm);
        e.setCpfIndex(request.loggedUserDocument() == null ? null : index.index(DocumentKind.CPF, request.loggedUserDocument()));
        e.setCnpjIndex(request.businessEntityDocument() == null ? null : index.index(DocumentKind.CNPJ, request.businessEntityDocument()));
        FieldCipher cipher = ciphers.assign(realm, e, ConsentSubjects.of(e));
        e.setCpfEncrypted(fields.encrypt(cipher, realm, id, ConsentFields.CPF, request.loggedUserDocument()));
        e.setCnpjEncrypted(fields.encrypt(cipher, realm, id, ConsentFields.CNPJ, request.businessEntityDocument()));
        e.setSessionMetadataEncrypted(fields.encrypt(cipher, realm, id, ConsentFields.SESSION_METADATA, request.sessionMetadata()));
        e.setPaymentDetailsEncrypted(fields.encrypt(cipher, realm, id, ConsentFields.PAYMENT, request.paymentDetails()));

        // Sealed before the row is written, so the row is inserted with its history head: one INSERT, where
        // setting the head after persist cost an UPDATE (and a version) per creation.
        ConsentStatusChangeEntity first = history.first(e, ConsentStatus.AWAITING_AUTHORISATION, now, actor, channel,
                crypto.historyMac(realm));
        em.persist(e);
        em.persist(first);
        rows.flush(id);
        Consent consent = mapper.toModel(realm, e);
        events.created(realm, consent);
        return consent;
    }

    @Override
    public Optional<Consent> find(RealmModel realm, String consentId) {
        return rows.load(realm, consentId).map(e -> mapper.toModel(realm, e));
    }

    @Override
    public Consent authorise(RealmModel realm, String consentId, String userId, List<ConsentedResource> resources,
                             String paymentDetails, Actor actor, Channel channel) {
        ConsentEntity e = rows.lockForChange(rows.require(realm, consentId));
        ConsentStatus from = checkTransition(e, ConsentStatus.AUTHORISED, null);
        if (e.getUserId() != null && !e.getUserId().equals(userId)) {
            throw new IllegalConsentTransitionException(from, ConsentStatus.AUTHORISED,
                    "the consent belongs to another user");
        }
        Instant now = clock.get();
        FieldCipher cipher = ciphers.of(realm, e);
        e.setUserId(userId);
        e.getResources().clear();
        int position = 0;
        for (ConsentedResource r : resources) {
            ConsentResourceEntity re = new ConsentResourceEntity();
            re.setId(UUID.randomUUID().toString());
            re.setConsent(e);
            re.setPosition(position++);
            re.setResourceId(r.resourceId());
            re.setResourceType(r.type());
            re.setLabelEncrypted(fields.encrypt(cipher, realm, consentId, ConsentFields.resourceLabel(r.resourceId()), r.label()));
            e.getResources().add(re);
        }
        if (paymentDetails != null) {
            e.setPaymentDetailsEncrypted(fields.encrypt(cipher, realm, consentId, ConsentFields.PAYMENT, paymentDetails));
            if (e.getDataKeyId() == null) {
                e.setEncryptionKeyId(cipher.activeKeyId()); // under a data key it names the wrapping key, unchanged
            }
        }
        if (ConsentType.valueOf(e.getType()) == ConsentType.PAYMENT) {
            // Payments v4: an authorised payment consent must be consumed within its window, then it expires.
            e.setExpiresAt(now.plus(new ConsentRealmSettings(realm).consumptionWindow()).toEpochMilli());
        }
        move(realm, e, from, ConsentStatus.AUTHORISED, now, null, actor, channel);
        return changed(realm, e, from);
    }

    @Override
    public Consent reject(RealmModel realm, String consentId, Rejection rejection, Actor actor, Channel channel) {
        ConsentEntity e = rows.lockForChange(rows.require(realm, consentId));
        ConsentStatus from = checkTransition(e, ConsentStatus.REJECTED, rejection);
        move(realm, e, from, ConsentStatus.REJECTED, clock.get(), rejection, actor, channel);
        return changed(realm, e, from);
    }

    @Override
    public Consent extend(RealmModel realm, String consentId, Instant newExpiresAt, Actor actor, Channel channel) {
        ConsentEntity e = rows.lockForChange(rows.require(realm, consentId));
        ConsentStatus stored = ConsentStatus.valueOf(e.getStatus());
        if (stored != ConsentStatus.AUTHORISED || overdue(e, clock.get())) {
            throw new IllegalConsentTransitionException(stored, ConsentStatus.AUTHORISED, "only an active consent can be extended");
        }
        e.setExpiresAt(newExpiresAt == null ? null : newExpiresAt.toEpochMilli());
        rows.flush(consentId);
        Consent consent = mapper.toModel(realm, e);
        events.renewed(realm, consent);
        return consent;
    }

    @Override
    public Consent consume(RealmModel realm, String consentId, Actor actor, Channel channel) {
        ConsentEntity e = rows.lockForChange(rows.require(realm, consentId));
        ConsentStatus from = checkTransition(e, ConsentStatus.CONSUMED, null);
        move(realm, e, from, ConsentStatus.CONSUMED, clock.get(), null, actor, channel);
        return changed(realm, e, from);
    }

    @Override
    public List<StatusChange> history(RealmModel realm, String consentId) {
        rows.require(realm, consentId);
        return history.of(consentId);
    }

    @Override
    public HistoryVerification verifyHistory(RealmModel realm, String consentId) {
        return history.verify(rows.require(realm, consentId), crypto.historyMac(realm));
    }

    @Override
    public List<HistoryVerification> verifyHistories(RealmModel realm, String after, int max) {
        List<ConsentEntity> consents = em.createNamedQuery("kcc.consent.pageAfter", ConsentEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("after", after)
                .setMaxResults(max)
                .getResultList();
        Map<String, List<ConsentStatusChangeEntity>> entries = history.entriesOf(consents.stream().map(ConsentEntity::getId).toList());
        HistoryMac mac = crypto.historyMac(realm);
        List<HistoryVerification> out = new ArrayList<>(consents.size());
        for (ConsentEntity e : consents) {
            out.add(ConsentChain.verify(e, entries.getOrDefault(e.getId(), List.of()), mac));
        }
        return out;
    }

    @Override
    public int sealLateHistories(RealmModel realm, int max) {
        List<String> ids = em.createNamedQuery("kcc.consent.unsealedIds", String.class)
                .setParameter("realmId", realm.getId())
                .setMaxResults(max)
                .getResultList();
        HistoryMac mac = crypto.historyMac(realm);
        int sealed = 0;
        for (String id : ids) {
            ConsentEntity e = rows.lockForChange(em.find(ConsentEntity.class, id));
            // Another node or a status change may have sealed it since it was listed.
            if (e.getHeadKid() == null) {
                history.sealLate(e, mac);
                sealed++;
            }
        }
        em.flush();
        return sealed;
    }

    @Override
    public List<Consent> findByClientAndUser(RealmModel realm, String clientId, String userId) {
        return search.findByClientAndUser(realm, clientId, userId);
    }

    @Override
    public List<Consent> findAuthorisedByClientAndUser(RealmModel realm, String clientId, String userId) {
        return search.findAuthorisedByClientAndUser(realm, clientId, userId);
    }

    @Override
    public List<Consent> findByUser(RealmModel realm, String userId) {
        return search.findByUser(realm, userId);
    }

    @Override
    public List<Consent> findByDocument(RealmModel realm, DocumentKind kind, String document) {
        return search.findByDocument(realm, kind, document);
    }

    @Override
    public ConsentPage search(RealmModel realm, ConsentQuery query) {
        return search.search(realm, query);
    }

    @Override
    public List<ConsentCount> counts(RealmModel realm) {
        return search.counts(realm);
    }

    @Override
    public List<String> realmIdsWithOverdue() {
        return em.createNamedQuery("kcc.consent.realmsWithOverdue", String.class)
                .setParameter("now", clock.get().toEpochMilli())
                .getResultList();
    }

    @Override
    public List<String> overdueIds(RealmModel realm, String after, int max) {
        return em.createNamedQuery("kcc.consent.overdueIdsAfter", String.class)
                .setParameter("realmId", realm.getId())
                .setParameter("after", after)
                .setParameter("now", clock.get().toEpochMilli())
                .setMaxResults(max)
                .getResultList();
    }

    @Override
    public boolean expireIfOverdue(RealmModel realm, String consentId) {
        ConsentEntity e = em.find(ConsentEntity.class, consentId);
        if (e == null || !realm.getId().equals(e.getRealmId())) {
            return false;
        }
        rows.lockForChange(e);
        Instant now = clock.get();
        if (!overdue(e, now)) {
            return false;
        }
        end(realm, e, now, null, null);
        return true;
    }

    @Override
    public ReencryptionResult reencrypt(RealmModel realm, int max) {
        return reencryption.reencrypt(realm, max);
    }

    @Override
    public int erase(RealmModel realm, String userId, Actor actor, Channel channel) {
        List<String> ids = em.createNamedQuery("kcc.consent.idsByUser", String.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", userId).getResultList();
        int erased = 0;
        for (int from = 0; from < ids.size(); from += ERASE_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ERASE_CHUNK));
            List<String> done = new ArrayList<>(chunk.size());
            Set<String> dataKeys = new HashSet<>();
            for (String id : chunk) {
                ConsentEntity e = rows.lockForChange(em.find(ConsentEntity.class, id));
                if (e.getErasedAt() != null) {
                    continue;
                }
                endIfOpen(realm, e, actor, channel);
                ConsentErasure.scrub(e, clock.get());
                done.add(id);
                if (e.getDataKeyId() != null) {
                    dataKeys.add(e.getDataKeyId());
                }
            }
            em.flush();
            ciphers.destroyUnused(realm, dataKeys);
            if (!done.isEmpty()) {
                events.consentsErased(realm, done);
            }
            erased += done.size();
        }
        return erased;
    }

    @Override
    public int eraseByUser(RealmModel realm, String userId) {
        return erase(realm, userId, Actor.system("user-removal"), Channel.SYSTEM);
    }

    @Override
    public int removeByRealm(RealmModel realm) {
        return removal.removeByRealm(realm);
    }

    @Override
    public int removeByClient(RealmModel realm, String clientId) {
        return removal.removeByClient(realm, clientId);
    }

    @Override
    public int removeByUser(RealmModel realm, String userId) {
        return removal.removeByUser(realm, userId);
    }

    @Override
    public void close() {
    }

    // ---------------------------------------------------------------------------------------------------

    /** Ends a consent that is still awaiting or authorised before its data is erased. */
    private void endIfOpen(RealmModel realm, ConsentEntity e, Actor actor, Channel channel) {
        ConsentStatus from = ConsentStatus.valueOf(e.getStatus());
        if (from == ConsentStatus.AWAITING_AUTHORISATION || from == ConsentStatus.AUTHORISED) {
            end(realm, e, clock.get(), actor, channel);
        }
    }

    /**
     * REJECTED from awaiting or authorised: as expired (by the sweeper) when the consent's time has passed, else as
     * the customer's own no, recorded as {@code actor} through {@code channel}.
     */
    private void end(RealmModel realm, ConsentEntity e, Instant now, Actor actor, Channel channel) {
        ConsentStatus from = ConsentStatus.valueOf(e.getStatus());
        ConsentType type = ConsentType.valueOf(e.getType());
        boolean expired = overdue(e, now);
        Rejection rejection = expired
                ? new Rejection(RejectedBy.ASPSP, RejectionReason.expiryOf(type, from))
                : new Rejection(RejectedBy.USER, RejectionReason.customerDecline(type, from));
        stateMachine.check(type, from, ConsentStatus.REJECTED, rejection);
        move(realm, e, from, ConsentStatus.REJECTED, now, rejection,
                expired ? Actor.system("expiry") : actor, expired ? Channel.SCHEDULER : channel);
        changed(realm, e, from);
    }

    /** Checks against the effective status, so a consent past its time can no longer be acted on. */
    private ConsentStatus checkTransition(ConsentEntity e, ConsentStatus to, Rejection rejection) {
        ConsentType type = ConsentType.valueOf(e.getType());
        ConsentStatus stored = ConsentStatus.valueOf(e.getStatus());
        if (overdue(e, clock.get())) {
            throw new IllegalConsentTransitionException(stored, to, "the consent has expired");
        }
        stateMachine.check(type, stored, to, rejection);
        return stored;
    }

    /**
     * Whether the consent's time has passed while it is still stored as awaiting or authorised: the one rule
     * both the transitions (refused) and the sweeper (expires it) apply.
     */
    private static boolean overdue(ConsentEntity e, Instant now) {
        long t = now.toEpochMilli();
        return switch (ConsentStatus.valueOf(e.getStatus())) {
            case AWAITING_AUTHORISATION -> e.getAuthorisationDeadline() != null && t >= e.getAuthorisationDeadline();
            case AUTHORISED -> e.getExpiresAt() != null && t >= e.getExpiresAt();
            default -> false;
        };
    }

    private void move(RealmModel realm, ConsentEntity e, ConsentStatus from, ConsentStatus to, Instant now,
                      Rejection rejection, Actor actor, Channel channel) {
        long sequence = e.getVersion() + 1;
        e.setStatus(to.name());
        e.setStatusUpdatedAt(now.toEpochMilli());
        if (rejection != null) {
            e.setRejectedBy(rejection.rejectedBy().name());
            e.setRejectionReason(rejection.reason().name());
            e.setRejectionInfo(rejection.additionalInformation());
        }
        history.append(e, from, to, now, actor, channel, rejection, sequence, crypto.historyMac(realm));
        rows.flush(e.getId());
    }

    /** The consent after a status change, with its listeners told inside this transaction. */
    private Consent changed(RealmModel realm, ConsentEntity e, ConsentStatus from) {
        Consent consent = mapper.toModel(realm, e);
        events.statusChanged(realm, consent, from);
        return consent;
    }
}
