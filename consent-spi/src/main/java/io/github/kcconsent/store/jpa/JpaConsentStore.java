package io.github.kcconsent.store.jpa;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.github.kcconsent.consent.Actor;
import io.github.kcconsent.consent.Channel;
import io.github.kcconsent.consent.ConcurrentConsentUpdateException;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentException;
import io.github.kcconsent.consent.ConsentNotFoundException;
import io.github.kcconsent.consent.ConsentOrigin;
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
import io.github.kcconsent.crypto.FieldContext;
import io.github.kcconsent.crypto.FieldDecryptionException;
import io.github.kcconsent.crypto.MissingFieldKeyException;
import io.github.kcconsent.store.ConsentCrypto;
import io.github.kcconsent.store.ConsentEvents;
import io.github.kcconsent.store.ConsentRealmSettings;
import io.github.kcconsent.store.ConsentCount;
import io.github.kcconsent.store.ConsentPage;
import io.github.kcconsent.store.ConsentQuery;
import io.github.kcconsent.store.ConsentStore;
import io.github.kcconsent.support.ReencryptionResult;
import io.github.kcconsent.store.jpa.entity.ConsentEntity;
import io.github.kcconsent.store.jpa.entity.ConsentResourceEntity;
import io.github.kcconsent.store.jpa.entity.ConsentStatusChangeEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.hibernate.query.criteria.JpaCriteriaQuery;
import org.hibernate.query.criteria.JpaSubQuery;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

/**
 * {@link ConsentStore} on Keycloak's own database. Every write asks the state machine first, encrypts personal
 * data with the realm's field cipher, appends history in the same transaction and flushes, so a lost race
 * surfaces here as {@link ConcurrentConsentUpdateException}.
 */
public class JpaConsentStore implements ConsentStore {

    static final String FIELD_CPF = "cpf";
    static final String FIELD_CNPJ = "cnpj";
    static final String FIELD_SESSION_METADATA = "session_metadata";
    static final String FIELD_PAYMENT = "payment";
    static final String FIELD_RESOURCE_LABEL = "resource_label:";

    private static final int DELETE_CHUNK = 500;
    private static final Logger LOG = Logger.getLogger(JpaConsentStore.class);

    private final EntityManager em;
    private final ConsentCrypto crypto;
    private final Supplier<Instant> clock;
    private final ConsentStateMachine stateMachine = new ConsentStateMachine();
    /**
     * Plaintexts this store instance already encrypted or decrypted, keyed by realm, consent, field AND
     * ciphertext, so a value is never decrypted twice in one request (create → authorise → read) while a
     * ciphertext copied to another row still has to pass AES-GCM with that row's context. The store lives for
     * one Keycloak session (one request), so nothing here outlives it or goes stale across nodes.
     */
    private final Map<String, String> plaintexts = new HashMap<>();

    private final ConsentEvents events;

    public JpaConsentStore(EntityManager em, ConsentCrypto crypto, Supplier<Instant> clock) {
        this(em, crypto, clock, ConsentEvents.NONE);
    }

    public JpaConsentStore(EntityManager em, ConsentCrypto crypto, Supplier<Instant> clock, ConsentEvents events) {
        this.em = em;
        this.crypto = crypto;
        this.clock = clock;
        this.events = events;
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
        e.setPermissions(toJson(request.permissions()));
        e.setCreatedAt(now.toEpochMilli());
        e.setStatusUpdatedAt(now.toEpochMilli());
        e.setExpiresAt(request.expiresAt() == null ? null : request.expiresAt().toEpochMilli());
        e.setAuthorisationDeadline(now.plus(settings.authorisationWindow(request.type())).toEpochMilli());

        FieldCipher cipher = crypto.cipher(realm);
        BlindIndex index = crypto.blindIndex(realm);
        e.setCpfEncrypted(encrypt(cipher, realm, id, FIELD_CPF, request.loggedUserDocument()));
        e.setCpfIndex(request.loggedUserDocument() == null ? null : index.index(DocumentKind.CPF, request.loggedUserDocument()));
        e.setCnpjEncrypted(encrypt(cipher, realm, id, FIELD_CNPJ, request.businessEntityDocument()));
        e.setCnpjIndex(request.businessEntityDocument() == null ? null : index.index(DocumentKind.CNPJ, request.businessEntityDocument()));
        e.setSessionMetadataEncrypted(encrypt(cipher, realm, id, FIELD_SESSION_METADATA, request.sessionMetadata()));
        e.setPaymentDetailsEncrypted(encrypt(cipher, realm, id, FIELD_PAYMENT, request.paymentDetails()));
        e.setEncryptionKeyId(cipher.activeKeyId());

        em.persist(e);
        appendHistory(e, null, ConsentStatus.AWAITING_AUTHORISATION, now, actor, channel, null, 0);
        flush(id);
        return toModel(realm, e, cipher);
    }

    @Override
    public Optional<Consent> find(RealmModel realm, String consentId) {
        return load(realm, consentId).map(e -> toModel(realm, e, crypto.cipher(realm)));
    }

    @Override
    public Consent authorise(RealmModel realm, String consentId, String userId, List<ConsentedResource> resources,
                             Actor actor, Channel channel) {
        ConsentEntity e = lockForChange(require(realm, consentId));
        ConsentStatus from = checkTransition(e, ConsentStatus.AUTHORISED, null);
        if (e.getUserId() != null && !e.getUserId().equals(userId)) {
            throw new IllegalConsentTransitionException(from, ConsentStatus.AUTHORISED,
                    "the consent belongs to another user");
        }
        Instant now = clock.get();
        FieldCipher cipher = crypto.cipher(realm);
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
            re.setLabelEncrypted(encrypt(cipher, realm, consentId, FIELD_RESOURCE_LABEL + r.resourceId(), r.label()));
            e.getResources().add(re);
        }
        move(e, from, ConsentStatus.AUTHORISED, now, null, actor, channel);
        return changed(realm, e, from);
    }

    @Override
    public Consent reject(RealmModel realm, String consentId, Rejection rejection, Actor actor, Channel channel) {
        ConsentEntity e = lockForChange(require(realm, consentId));
        ConsentStatus from = checkTransition(e, ConsentStatus.REJECTED, rejection);
        move(e, from, ConsentStatus.REJECTED, clock.get(), rejection, actor, channel);
        return changed(realm, e, from);
    }

    @Override
    public Consent extend(RealmModel realm, String consentId, Instant newExpiresAt, Actor actor, Channel channel) {
        ConsentEntity e = lockForChange(require(realm, consentId));
        ConsentStatus stored = ConsentStatus.valueOf(e.getStatus());
        if (stored != ConsentStatus.AUTHORISED || overdue(e, clock.get())) {
            throw new IllegalConsentTransitionException(stored, ConsentStatus.AUTHORISED, "only an active consent can be extended");
        }
        e.setExpiresAt(newExpiresAt == null ? null : newExpiresAt.toEpochMilli());
        flush(consentId);
        return toModel(realm, e, crypto.cipher(realm));
    }

    @Override
    public Consent consume(RealmModel realm, String consentId, Actor actor, Channel channel) {
        ConsentEntity e = lockForChange(require(realm, consentId));
        ConsentStatus from = checkTransition(e, ConsentStatus.CONSUMED, null);
        move(e, from, ConsentStatus.CONSUMED, clock.get(), null, actor, channel);
        return changed(realm, e, from);
    }

    @Override
    public List<StatusChange> history(RealmModel realm, String consentId) {
        require(realm, consentId);
        return em.createNamedQuery("kcc.history.byConsent", ConsentStatusChangeEntity.class)
                .setParameter("consentId", consentId)
                .getResultList().stream()
                .map(JpaConsentStore::toStatusChange)
                .toList();
    }

    @Override
    public List<Consent> findByClientAndUser(RealmModel realm, String clientId, String userId) {
        FieldCipher cipher = crypto.cipher(realm);
        return em.createNamedQuery("kcc.consent.byRealmClientUser", ConsentEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("clientId", clientId)
                .setParameter("userId", userId)
                .getResultList().stream()
                .map(e -> toModel(realm, e, cipher))
                .toList();
    }

    @Override
    public List<Consent> findByUser(RealmModel realm, String userId) {
        FieldCipher cipher = crypto.cipher(realm);
        return em.createNamedQuery("kcc.consent.byRealmUser", ConsentEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("userId", userId)
                .getResultList().stream()
                .map(e -> toModel(realm, e, cipher))
                .toList();
    }

    @Override
    public List<Consent> findByDocument(RealmModel realm, DocumentKind kind, String document) {
        List<String> candidates = crypto.blindIndex(realm).candidates(kind, document);
        if (candidates.isEmpty()) {
            return List.of();
        }
        String query = kind == DocumentKind.CPF ? "kcc.consent.byCpfIndex" : "kcc.consent.byCnpjIndex";
        FieldCipher cipher = crypto.cipher(realm);
        return em.createNamedQuery(query, ConsentEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("indexes", candidates)
                .getResultList().stream()
                .map(e -> toModel(realm, e, cipher))
                .toList();
    }

    // Queries use getResultList(), not getResultStream(): streaming turns off Hibernate's batch fetching, so
    // every consent of a page would load its resources with its own query (measured in ConsentSearchBenchmark).

    @Override
    public ConsentPage search(RealmModel realm, ConsentQuery query) {
        CriteriaBuilder cb = em.getCriteriaBuilder();

        long total;
        boolean exact;
        if (query.countLimit() == ConsentQuery.EXACT_TOTAL) {
            CriteriaQuery<Long> countQuery = cb.createQuery(Long.class);
            Root<ConsentEntity> countRoot = countQuery.from(ConsentEntity.class);
            // count(1), not count(ID): with the (realm, client, status, created) index the count needs no heap rows.
            countQuery.select(cb.count(cb.literal(1))).where(predicates(cb, countRoot, realm, query));
            total = em.createQuery(countQuery).getSingleResult();
            exact = true;
        } else {
            // select count(*) from (select 1 from KCC_CONSENT where … fetch first ceiling + 1 rows only): reads at
            // most ceiling + 1 index entries whatever the number of matches, so a partner with a million consents
            // costs the same as one with a thousand, and answers one row (fetching the rows themselves took
            // ceiling / fetch-size round trips). One more than the ceiling tells "there are more". A FROM
            // subquery is not in JPA's criteria API; Hibernate's (which Keycloak runs on) has it.
            long ceiling = Math.min(query.countCeiling(), Integer.MAX_VALUE - 1L);
            HibernateCriteriaBuilder hcb = (HibernateCriteriaBuilder) cb;
            JpaCriteriaQuery<Long> capped = hcb.createQuery(Long.class);
            JpaSubQuery<Integer> matches = capped.subquery(Integer.class);
            Root<ConsentEntity> matchRoot = matches.from(ConsentEntity.class);
            org.hibernate.query.criteria.JpaExpression<Integer> one = hcb.literal(1);
            one.alias("one"); // a FROM subquery's select items need names
            matches.select(one).where(predicates(cb, matchRoot, realm, query));
            matches.fetch((int) ceiling + 1);
            capped.from(matches);
            capped.select(hcb.count());
            long found = em.createQuery(capped).getSingleResult();
            exact = found <= ceiling;
            total = found;
        }
        if (total == 0 || query.first() >= total) {
            return new ConsentPage(total, List.of(), exact);
        }

        CriteriaQuery<ConsentEntity> select = cb.createQuery(ConsentEntity.class);
        Root<ConsentEntity> root = select.from(ConsentEntity.class);
        select.select(root).where(predicates(cb, root, realm, query));
        select.orderBy(switch (query.order()) {
            case CREATED_ASC -> List.of(cb.asc(root.get("createdAt")), cb.asc(root.get("id")));
            case STATUS_UPDATED_DESC -> List.of(cb.desc(root.get("statusUpdatedAt")), cb.asc(root.get("id")));
            case EXPIRES_ASC -> List.of(cb.asc(root.get("expiresAt")), cb.asc(root.get("id")));
            default -> List.of(cb.desc(root.get("createdAt")), cb.asc(root.get("id")));
        });
        FieldCipher cipher = crypto.cipher(realm);
        List<Consent> items = em.createQuery(select)
                .setFirstResult(query.first())
                .setMaxResults(query.max())
                .getResultList().stream()
                .map(e -> toModel(realm, e, cipher))
                .toList();
        return new ConsentPage(total, items, exact);
    }

    private Predicate[] predicates(CriteriaBuilder cb, Root<ConsentEntity> root, RealmModel realm, ConsentQuery q) {
        List<Predicate> where = new ArrayList<>();
        where.add(cb.equal(root.get("realmId"), realm.getId()));
        if (q.cpf() != null && !q.cpf().isBlank()) {
            where.add(root.get("cpfIndex").in(crypto.blindIndex(realm).candidates(DocumentKind.CPF, q.cpf())));
        }
        if (q.cnpj() != null && !q.cnpj().isBlank()) {
            where.add(root.get("cnpjIndex").in(crypto.blindIndex(realm).candidates(DocumentKind.CNPJ, q.cnpj())));
        }
        if (q.clientId() != null) {
            where.add(cb.equal(root.get("clientId"), q.clientId()));
        }
        if (q.userId() != null) {
            where.add(cb.equal(root.get("userId"), q.userId()));
        }
        if (!q.types().isEmpty()) {
            where.add(root.get("type").in(q.types().stream().map(Enum::name).toList()));
        }
        if (!q.statuses().isEmpty()) {
            where.add(root.get("status").in(q.statuses().stream().map(Enum::name).toList()));
        }
        if (q.createdFrom() != null) {
            where.add(cb.greaterThanOrEqualTo(root.get("createdAt"), q.createdFrom().toEpochMilli()));
        }
        if (q.createdTo() != null) {
            where.add(cb.lessThan(root.get("createdAt"), q.createdTo().toEpochMilli()));
        }
        if (q.expiresBefore() != null) {
            where.add(cb.lessThan(root.get("expiresAt"), q.expiresBefore().toEpochMilli()));
        }
        return where.toArray(Predicate[]::new);
    }

    @Override
    public List<ConsentCount> counts(RealmModel realm) {
        List<Object[]> rows = em.createQuery(
                        "select c.type, c.status, count(c) from KccConsent c where c.realmId = :realmId group by c.type, c.status",
                        Object[].class)
                .setParameter("realmId", realm.getId())
                .getResultList();
        return rows.stream()
                .map(r -> new ConsentCount(ConsentType.valueOf((String) r[0]), ConsentStatus.valueOf((String) r[1]),
                        ((Number) r[2]).longValue()))
                .sorted(Comparator.comparing((ConsentCount c) -> c.type()).thenComparing(ConsentCount::status))
                .toList();
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
        lockForChange(e);
        Instant now = clock.get();
        ConsentStatus from = ConsentStatus.valueOf(e.getStatus());
        boolean overdue = switch (from) {
            case AWAITING_AUTHORISATION -> e.getAuthorisationDeadline() != null && e.getAuthorisationDeadline() <= now.toEpochMilli();
            case AUTHORISED -> e.getExpiresAt() != null && e.getExpiresAt() <= now.toEpochMilli();
            default -> false;
        };
        if (!overdue) {
            return false;
        }
        ConsentType type = ConsentType.valueOf(e.getType());
        Rejection rejection = new Rejection(RejectedBy.ASPSP, RejectionReason.expiryOf(type, from));
        stateMachine.check(type, from, ConsentStatus.REJECTED, rejection);
        move(e, from, ConsentStatus.REJECTED, now, rejection, Actor.system("expiry"), Channel.SCHEDULER);
        changed(realm, e, from);
        return true;
    }

    @Override
    public ReencryptionResult reencrypt(RealmModel realm, int max) {
        if (em.createNamedQuery("kcc.consent.idsByRealm", String.class)
                .setParameter("realmId", realm.getId()).setMaxResults(1).getResultList().isEmpty()) {
            return new ReencryptionResult(0, 0); // nothing to move, and a realm without consents needs no keys
        }
        FieldCipher cipher = crypto.cipher(realm);
        BlindIndex index = crypto.blindIndex(realm);
        String activeKeyId = cipher.activeKeyId();
        int moved = 0;
        int skipped = 0;
        String after = "";
        // Walk stale rows by id so rows that cannot be decrypted (their key was deleted) are passed over
        // instead of being picked first on every run and starving the rest.
        while (moved < max) {
            List<ConsentEntity> page = em.createNamedQuery("kcc.consent.notUnderKey", ConsentEntity.class)
                    .setParameter("realmId", realm.getId())
                    .setParameter("keyId", activeKeyId)
                    .setParameter("after", after)
                    .setMaxResults(Math.min(100, max - moved))
                    .getResultList();
            if (page.isEmpty()) {
                break;
            }
            for (ConsentEntity e : page) {
                after = e.getId();
                try {
                    reencrypt(realm, e, cipher, index, activeKeyId);
                    moved++;
                } catch (MissingFieldKeyException | FieldDecryptionException ex) {
                    skipped++;
                    LOG.warnf("consent %s cannot be re-encrypted: %s", e.getId(), ex.getMessage());
                }
            }
            flush(after);
        }
        return new ReencryptionResult(moved, skipped);
    }

    private void reencrypt(RealmModel realm, ConsentEntity e, FieldCipher cipher, BlindIndex index, String activeKeyId) {
        String id = e.getId();
        // Decrypt everything first, so a row is either fully moved or left untouched.
        String cpf = decrypt(cipher, realm, id, FIELD_CPF, e.getCpfEncrypted());
        String cnpj = decrypt(cipher, realm, id, FIELD_CNPJ, e.getCnpjEncrypted());
        String metadata = decrypt(cipher, realm, id, FIELD_SESSION_METADATA, e.getSessionMetadataEncrypted());
        String payment = decrypt(cipher, realm, id, FIELD_PAYMENT, e.getPaymentDetailsEncrypted());
        List<String> labels = e.getResources().stream()
                .map(r -> decrypt(cipher, realm, id, FIELD_RESOURCE_LABEL + r.getResourceId(), r.getLabelEncrypted()))
                .toList();
        e.setCpfEncrypted(encrypt(cipher, realm, id, FIELD_CPF, cpf));
        e.setCpfIndex(cpf == null ? null : index.index(DocumentKind.CPF, cpf));
        e.setCnpjEncrypted(encrypt(cipher, realm, id, FIELD_CNPJ, cnpj));
        e.setCnpjIndex(cnpj == null ? null : index.index(DocumentKind.CNPJ, cnpj));
        e.setSessionMetadataEncrypted(encrypt(cipher, realm, id, FIELD_SESSION_METADATA, metadata));
        e.setPaymentDetailsEncrypted(encrypt(cipher, realm, id, FIELD_PAYMENT, payment));
        for (int i = 0; i < labels.size(); i++) {
            ConsentResourceEntity r = e.getResources().get(i);
            r.setLabelEncrypted(encrypt(cipher, realm, id, FIELD_RESOURCE_LABEL + r.getResourceId(), labels.get(i)));
        }
        e.setEncryptionKeyId(activeKeyId);
    }

    @Override
    public int removeByRealm(RealmModel realm) {
        return removeIds(em.createNamedQuery("kcc.consent.idsByRealm", String.class)
                .setParameter("realmId", realm.getId()).getResultList());
    }

    @Override
    public int removeByClient(RealmModel realm, String clientId) {
        return removeIds(em.createNamedQuery("kcc.consent.idsByClient", String.class)
                .setParameter("realmId", realm.getId()).setParameter("clientId", clientId).getResultList());
    }

    @Override
    public int removeByUser(RealmModel realm, String userId) {
        return removeIds(em.createNamedQuery("kcc.consent.idsByUser", String.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", userId).getResultList());
    }

    @Override
    public void close() {
    }

    // ---------------------------------------------------------------------------------------------------

    private int removeIds(List<String> ids) {
        for (int from = 0; from < ids.size(); from += DELETE_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + DELETE_CHUNK));
            em.createNamedQuery("kcc.history.deleteByConsents").setParameter("consentIds", chunk).executeUpdate();
            em.createNamedQuery("kcc.webhook.deleteByConsents").setParameter("consentIds", chunk).executeUpdate();
            em.createQuery("delete from KccConsentResource r where r.consent.id in :ids")
                    .setParameter("ids", chunk).executeUpdate();
            em.createQuery("delete from KccConsent c where c.id in :ids").setParameter("ids", chunk).executeUpdate();
        }
        return ids.size();
    }

    private Optional<ConsentEntity> load(RealmModel realm, String consentId) {
        if (consentId == null || consentId.isEmpty() || consentId.length() > 256) {
            return Optional.empty();
        }
        ConsentEntity e = em.find(ConsentEntity.class, consentId);
        // A consent of another realm does not exist for this one.
        return e != null && e.getRealmId().equals(realm.getId()) ? Optional.of(e) : Optional.empty();
    }

    private ConsentEntity require(RealmModel realm, String consentId) {
        return load(realm, consentId).orElseThrow(() -> new ConsentNotFoundException(consentId));
    }

    /**
     * Takes the row's write lock before anything is changed, checking the version this request read: a change
     * committed since (a racing revocation, the sweeper, another node) surfaces here, before any write, as
     * {@link ConcurrentConsentUpdateException}, instead of as a failed flush that leaves Hibernate with half-done
     * work (and a WARN, HHH90010101, when it closes). Racing writers queue on the lock for the few milliseconds
     * the winner needs to commit.
     */
    private ConsentEntity lockForChange(ConsentEntity e) {
        try {
            em.lock(e, LockModeType.PESSIMISTIC_WRITE);
            return e;
        } catch (RuntimeException ex) {
            if (isLostRace(ex)) {
                throw new ConcurrentConsentUpdateException(e.getId(), ex);
            }
            throw ex;
        }
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

    private static boolean overdue(ConsentEntity e, Instant now) {
        long t = now.toEpochMilli();
        return switch (ConsentStatus.valueOf(e.getStatus())) {
            case AWAITING_AUTHORISATION -> e.getAuthorisationDeadline() != null && t >= e.getAuthorisationDeadline();
            case AUTHORISED -> e.getExpiresAt() != null && t >= e.getExpiresAt();
            default -> false;
        };
    }

    private void move(ConsentEntity e, ConsentStatus from, ConsentStatus to, Instant now, Rejection rejection,
                      Actor actor, Channel channel) {
        long sequence = e.getVersion() + 1;
        e.setStatus(to.name());
        e.setStatusUpdatedAt(now.toEpochMilli());
        if (rejection != null) {
            e.setRejectedBy(rejection.rejectedBy().name());
            e.setRejectionReason(rejection.reason().name());
            e.setRejectionInfo(rejection.additionalInformation());
        }
        appendHistory(e, from, to, now, actor, channel, rejection, sequence);
        flush(e.getId());
    }

    /** The consent after a status change, with its listeners told inside this transaction. */
    private Consent changed(RealmModel realm, ConsentEntity e, ConsentStatus from) {
        Consent consent = toModel(realm, e, crypto.cipher(realm));
        events.statusChanged(realm, consent, from);
        return consent;
    }

    private void appendHistory(ConsentEntity e, ConsentStatus from, ConsentStatus to, Instant now, Actor actor,
                               Channel channel, Rejection rejection, long sequence) {
        ConsentStatusChangeEntity h = new ConsentStatusChangeEntity();
        h.setId(UUID.randomUUID().toString());
        h.setConsentId(e.getId());
        h.setSequence(sequence);
        h.setFromStatus(from == null ? null : from.name());
        h.setToStatus(to.name());
        h.setChangedAt(now.toEpochMilli());
        h.setActor(actor.asString());
        h.setChannel(channel.name());
        if (rejection != null) {
            h.setReason(rejection.reason().name());
            h.setAdditionalInformation(rejection.additionalInformation());
        }
        em.persist(h);
    }

    private void flush(String consentId) {
        try {
            em.flush();
        } catch (RuntimeException e) {
            // Keycloak's EntityManager wraps JPA errors (an OptimisticLockException arrives as a
            // ModelIllegalStateException), so look for the lost race anywhere in the cause chain.
            if (isLostRace(e)) {
                throw new ConcurrentConsentUpdateException(consentId, e);
            }
            throw e;
        }
    }

    private static boolean isLostRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof PessimisticLockException
                    || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }

    private Consent toModel(RealmModel realm, ConsentEntity e, FieldCipher cipher) {
        String id = e.getId();
        // Accounts are only ever attached by authorise(), which also leaves AWAITING_AUTHORISATION: an awaiting
        // consent has none, and not touching the lazy collection saves a query on every status poll.
        boolean awaiting = ConsentStatus.AWAITING_AUTHORISATION.name().equals(e.getStatus());
        List<ConsentedResource> resources = awaiting ? List.of() : e.getResources().stream()
                .map(r -> new ConsentedResource(r.getResourceId(), r.getResourceType(),
                        decrypt(cipher, realm, id, FIELD_RESOURCE_LABEL + r.getResourceId(), r.getLabelEncrypted())))
                .toList();
        Rejection rejection = e.getRejectionReason() == null ? null : new Rejection(
                RejectedBy.valueOf(e.getRejectedBy()), RejectionReason.valueOf(e.getRejectionReason()), e.getRejectionInfo());
        return new Consent(
                id,
                e.getRealmId(),
                e.getClientId(),
                e.getUserId(),
                ConsentType.valueOf(e.getType()),
                ConsentOrigin.valueOf(e.getOrigin()),
                ConsentStatus.valueOf(e.getStatus()),
                fromJson(e.getPermissions()),
                resources,
                Instant.ofEpochMilli(e.getCreatedAt()),
                Instant.ofEpochMilli(e.getStatusUpdatedAt()),
                e.getExpiresAt() == null ? null : Instant.ofEpochMilli(e.getExpiresAt()),
                e.getAuthorisationDeadline() == null ? null : Instant.ofEpochMilli(e.getAuthorisationDeadline()),
                decrypt(cipher, realm, id, FIELD_CPF, e.getCpfEncrypted()),
                decrypt(cipher, realm, id, FIELD_CNPJ, e.getCnpjEncrypted()),
                decrypt(cipher, realm, id, FIELD_SESSION_METADATA, e.getSessionMetadataEncrypted()),
                decrypt(cipher, realm, id, FIELD_PAYMENT, e.getPaymentDetailsEncrypted()),
                rejection,
                e.getVersion());
    }

    private static StatusChange toStatusChange(ConsentStatusChangeEntity h) {
        return new StatusChange(
                h.getFromStatus() == null ? null : ConsentStatus.valueOf(h.getFromStatus()),
                ConsentStatus.valueOf(h.getToStatus()),
                Instant.ofEpochMilli(h.getChangedAt()),
                Actor.parse(h.getActor()),
                Channel.valueOf(h.getChannel()),
                h.getReason() == null ? null : RejectionReason.valueOf(h.getReason()),
                h.getAdditionalInformation());
    }

    private String encrypt(FieldCipher cipher, RealmModel realm, String consentId, String field, String value) {
        if (value == null) {
            return null;
        }
        String stored = cipher.encrypt(new FieldContext(realm.getId(), consentId, field), value);
        plaintexts.put(cacheKey(realm, consentId, field, stored), value);
        return stored;
    }

    private String decrypt(FieldCipher cipher, RealmModel realm, String consentId, String field, String stored) {
        if (stored == null) {
            return null;
        }
        String key = cacheKey(realm, consentId, field, stored);
        String known = plaintexts.get(key);
        if (known != null) {
            return known;
        }
        String value = cipher.decrypt(new FieldContext(realm.getId(), consentId, field), stored);
        plaintexts.put(key, value);
        return value;
    }

    private static String cacheKey(RealmModel realm, String consentId, String field, String stored) {
        return realm.getId() + '\u0000' + consentId + '\u0000' + field + '\u0000' + stored;
    }

    private static String toJson(List<String> values) {
        try {
            return JsonSerialization.writeValueAsString(values);
        } catch (IOException e) {
            throw new ConsentException("cannot serialise permissions", e);
        }
    }

    private static List<String> fromJson(String json) {
        try {
            return List.of(JsonSerialization.readValue(json, String[].class));
        } catch (IOException e) {
            throw new ConsentException("stored permissions are not a JSON array", e);
        }
    }
}
