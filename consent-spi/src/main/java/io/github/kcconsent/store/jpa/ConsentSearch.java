package io.github.kcconsent.store.jpa;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.crypto.DocumentKind;
import io.github.kcconsent.store.ConsentCount;
import io.github.kcconsent.store.ConsentCrypto;
import io.github.kcconsent.store.ConsentPage;
import io.github.kcconsent.store.ConsentQuery;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.hibernate.query.criteria.JpaCriteriaQuery;
import org.hibernate.query.criteria.JpaExpression;
import org.hibernate.query.criteria.JpaSubQuery;
import org.keycloak.models.RealmModel;

/**
 * The store's reads of many consents: the back office's filtered page with its total (exact, or capped so that a
 * partner with a million consents costs what one with a thousand does), the lookups by client and user, by user and
 * by document, and the counts per type and status. Document filters go through the blind index, never through
 * plaintext.
 *
 * <p>Queries use {@code getResultList()}, not {@code getResultStream()}: streaming turns off Hibernate's batch
 * fetching, so every consent of a page would load its resources with its own query (measured in
 * {@code ConsentSearchBenchmark}).
 */
final class ConsentSearch {

    private final EntityManager em;
    private final ConsentCrypto crypto;
    private final ConsentMapper mapper;

    ConsentSearch(EntityManager em, ConsentCrypto crypto, ConsentMapper mapper) {
        this.em = em;
        this.crypto = crypto;
        this.mapper = mapper;
    }

    ConsentPage search(RealmModel realm, ConsentQuery query) {
        CriteriaBuilder cb = em.getCriteriaBuilder();

        long total;
        boolean exact;
        if (query.countLimit() == ConsentQuery.EXACT_TOTAL) {
            total = exactCount(cb, realm, query);
            exact = true;
        } else {
            long ceiling = Math.min(query.countCeiling(), Integer.MAX_VALUE - 1L);
            total = cappedCount(cb, realm, query, ceiling);
            exact = total <= ceiling;
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
        List<Consent> items = em.createQuery(select)
                .setFirstResult(query.first())
                .setMaxResults(query.max())
                .getResultList().stream()
                .map(e -> mapper.toModel(realm, e))
                .toList();
        return new ConsentPage(total, items, exact);
    }

    private long exactCount(CriteriaBuilder cb, RealmModel realm, ConsentQuery query) {
        CriteriaQuery<Long> countQuery = cb.createQuery(Long.class);
        Root<ConsentEntity> countRoot = countQuery.from(ConsentEntity.class);
        // count(1), not count(ID): with the (realm, client, status, created) index the count needs no heap rows.
        countQuery.select(cb.count(cb.literal(1))).where(predicates(cb, countRoot, realm, query));
        return em.createQuery(countQuery).getSingleResult();
    }

    /**
     * select count(*) from (select 1 from KCC_CONSENT where … fetch first ceiling + 1 rows only): reads at most
     * ceiling + 1 index entries whatever the number of matches, so a partner with a million consents costs the
     * same as one with a thousand, and answers one row (fetching the rows themselves took ceiling / fetch-size
     * round trips). One more than the ceiling tells "there are more". A FROM subquery is not in JPA's criteria
     * API; Hibernate's (which Keycloak runs on) has it.
     */
    private long cappedCount(CriteriaBuilder cb, RealmModel realm, ConsentQuery query, long ceiling) {
        HibernateCriteriaBuilder hcb = (HibernateCriteriaBuilder) cb;
        JpaCriteriaQuery<Long> capped = hcb.createQuery(Long.class);
        JpaSubQuery<Integer> matches = capped.subquery(Integer.class);
        Root<ConsentEntity> matchRoot = matches.from(ConsentEntity.class);
        JpaExpression<Integer> one = hcb.literal(1);
        one.alias("one"); // a FROM subquery's select items need names
        matches.select(one).where(predicates(cb, matchRoot, realm, query));
        matches.fetch((int) ceiling + 1);
        capped.from(matches);
        capped.select(hcb.count());
        return em.createQuery(capped).getSingleResult();
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

    List<Consent> findByClientAndUser(RealmModel realm, String clientId, String userId) {
        return byClientAndUser("kcc.consent.byRealmClientUser", realm, clientId, userId);
    }

    List<Consent> findAuthorisedByClientAndUser(RealmModel realm, String clientId, String userId) {
        return byClientAndUser("kcc.consent.authorisedByRealmClientUser", realm, clientId, userId);
    }

    private List<Consent> byClientAndUser(String query, RealmModel realm, String clientId, String userId) {
        return em.createNamedQuery(query, ConsentEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("clientId", clientId)
                .setParameter("userId", userId)
                .getResultList().stream()
                .map(e -> mapper.toModel(realm, e))
                .toList();
    }

    List<Consent> findByUser(RealmModel realm, String userId) {
        return em.createNamedQuery("kcc.consent.byRealmUser", ConsentEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("userId", userId)
                .getResultList().stream()
                .map(e -> mapper.toModel(realm, e))
                .toList();
    }

    /** Matches rows indexed under any of the realm's enabled blind-index keys, so a rotation loses no match. */
    List<Consent> findByDocument(RealmModel realm, DocumentKind kind, String document) {
        List<String> candidates = crypto.blindIndex(realm).candidates(kind, document);
        if (candidates.isEmpty()) {
            return List.of();
        }
        String query = kind == DocumentKind.CPF ? "kcc.consent.byCpfIndex" : "kcc.consent.byCnpjIndex";
        return em.createNamedQuery(query, ConsentEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("indexes", candidates)
                .getResultList().stream()
                .map(e -> mapper.toModel(realm, e))
                .toList();
    }

    List<ConsentCount> counts(RealmModel realm) {
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
}
