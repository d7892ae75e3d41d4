package io.github.kcconsent.testing;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import io.github.kcconsent.accounts.PixAccount;
import io.github.kcconsent.consent.Actor;
import io.github.kcconsent.consent.Channel;
import io.github.kcconsent.consent.ConcurrentConsentUpdateException;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentException;
import io.github.kcconsent.consent.ConsentNotFoundException;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.ConsentedResource;
import io.github.kcconsent.consent.IllegalConsentTransitionException;
import io.github.kcconsent.consent.NewConsent;
import io.github.kcconsent.consent.RejectedBy;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;
import io.github.kcconsent.crypto.DocumentKind;
import io.github.kcconsent.crypto.FieldCipher;
import io.github.kcconsent.crypto.FieldContext;
import io.github.kcconsent.crypto.FieldDecryptionException;
import io.github.kcconsent.crypto.MissingFieldKeyException;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentData;
import io.github.kcconsent.openbanking.renewal.ConsentExtension;
import io.github.kcconsent.openbanking.renewal.ConsentExtensionStore;
import io.github.kcconsent.openbanking.renewal.NewConsentExtension;
import io.github.kcconsent.store.ConsentStore;
import io.github.kcconsent.store.RealmConsentCrypto;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hibernate.Session;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * TEST ONLY. Drives the consent store over HTTP so integration tests can exercise it inside the real server
 * before (and independently of) the user-facing flows, and reads raw rows with plain SQL.
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConsentTestingResource {

    private final KeycloakSession session;
    private final RealmModel realm;

    public ConsentTestingResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    private ConsentStore store() {
        return session.getProvider(ConsentStore.class);
    }

    @POST
    @Path("consents")
    public Response create(Map<String, Object> body) {
        return handle(() -> {
            Object expiresIn = body.get("expiresInSeconds");
            NewConsent request = new NewConsent(
                    (String) body.get("clientId"),
                    (String) body.get("userId"),
                    ConsentType.valueOf((String) body.getOrDefault("type", "DATA_SHARING")),
                    ConsentOrigin.valueOf((String) body.getOrDefault("origin", "OPEN_FINANCE_API")),
                    castList(body.get("permissions")),
                    expiresIn == null ? null : now().plusSeconds(((Number) expiresIn).longValue()),
                    (String) body.get("cpf"),
                    (String) body.get("cnpj"),
                    (String) body.get("sessionMetadata"),
                    (String) body.get("paymentDetails"));
            Actor actor = Actor.client((String) body.get("clientId"));
            Object copies = body.get("copies");
            if (copies != null) {
                // Bulk data for searches over many matches, in one transaction.
                int n = ((Number) copies).intValue();
                for (int i = 0; i < n; i++) {
                    store().create(realm, request, actor, Channel.OPEN_FINANCE_API);
                }
                return Map.of("created", n);
            }
            return view(store().create(realm, request, actor, Channel.OPEN_FINANCE_API));
        });
    }

    @GET
    @Path("consents/{id}")
    public Response get(@PathParam("id") String id) {
        return handle(() -> view(store().find(realm, id).orElseThrow(() -> new ConsentNotFoundException(id))));
    }

    /**
     * The consent's row as stored, by plain SQL (no model, no status derived on read): what the sweeper wrote,
     * or 404.
     */
    @GET
    @Path("consents/{id}/stored")
    public Response stored(@PathParam("id") String id) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select STATUS, REJECTED_BY, REJECTION_REASON, VERSION from KCC_CONSENT where ID = ?1 and REALM_ID = ?2")
                .setParameter(1, id).setParameter(2, realm.getId()).getResultList();
        if (rows.isEmpty()) {
            return error(404, "not_found", new ConsentNotFoundException(id));
        }
        Object[] row = rows.get(0);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("status", row[0]);
        v.put("rejectedBy", row[1]);
        v.put("rejectionReason", row[2]);
        v.put("version", row[3] == null ? null : ((Number) row[3]).longValue());
        return Response.ok(v).build();
    }

    @GET
    @Path("consents/{id}/history")
    public Response history(@PathParam("id") String id) {
        return handle(() -> store().history(realm, id).stream().map(h -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("from", h.from() == null ? null : h.from().name());
            v.put("to", h.to().name());
            v.put("at", h.at().toString());
            v.put("actor", h.actor().asString());
            v.put("channel", h.channel().name());
            v.put("reason", h.reason() == null ? null : h.reason().name());
            v.put("additionalInformation", h.additionalInformation());
            return v;
        }).toList());
    }

    /**
     * Authorises as the consent screen does; with a {@code debtorAccount} member ({@code ispb}, {@code issuer},
     * {@code number}, {@code accountType}) a payment consent's details get that account as the one the
     * customer chose, exactly as the payment screen stores it.
     */
    @POST
    @Path("consents/{id}/authorise")
    public Response authorise(@PathParam("id") String id, Map<String, Object> body) {
        return handle(() -> {
            String paymentDetails = null;
            if (body.get("debtorAccount") != null) {
                Consent consent = store().find(realm, id).orElseThrow(() -> new ConsentNotFoundException(id));
                paymentDetails = PaymentConsentData.withDebtorAccount(consent.paymentDetails(),
                        PixAccount.fromJson(body.get("debtorAccount")));
            }
            return view(store().authorise(realm, id, (String) body.get("userId"), resources(body), paymentDetails,
                    Actor.user((String) body.get("userId")), Channel.AUTHORIZATION_FLOW));
        });
    }

    @POST
    @Path("consents/{id}/reject")
    public Response reject(@PathParam("id") String id, Map<String, Object> body) {
        return handle(() -> view(store().reject(realm, id,
                new Rejection(RejectedBy.valueOf((String) body.get("rejectedBy")),
                        RejectionReason.valueOf((String) body.get("reason")),
                        (String) body.get("additionalInformation")),
                Actor.system("test"), Channel.SYSTEM)));
    }

    @POST
    @Path("consents/{id}/consume")
    public Response consume(@PathParam("id") String id) {
        return handle(() -> view(store().consume(realm, id, Actor.system("test"), Channel.SYSTEM)));
    }

    /** A renewal as the store does it: {@code {"expiresInSeconds": n}} from now. */
    @POST
    @Path("consents/{id}/extend")
    public Response extend(@PathParam("id") String id, Map<String, Object> body) {
        return handle(() -> view(store().extend(realm, id,
                now().plusSeconds(((Number) body.get("expiresInSeconds")).longValue()), Actor.system("test"), Channel.SYSTEM)));
    }

    /**
     * Two transactions read the same awaiting consent, meet at a barrier, then both try to authorise it.
     * Returns each attempt's outcome.
     */
    @POST
    @Path("consents/{id}/race-authorise")
    public Response raceAuthorise(@PathParam("id") String id, Map<String, Object> body) throws Exception {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String realmId = realm.getId();
        String userId = (String) body.get("userId");
        List<ConsentedResource> resources = resources(body);
        CyclicBarrier bothRead = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> attempts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                attempts.add(pool.submit(() -> {
                    try {
                        return KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> {
                            RealmModel r = s.realms().getRealm(realmId);
                            s.getContext().setRealm(r);
                            ConsentStore st = s.getProvider(ConsentStore.class);
                            st.find(r, id).orElseThrow();
                            await(bothRead);
                            return st.authorise(r, id, userId, resources, Actor.user(userId), Channel.AUTHORIZATION_FLOW)
                                    .status().name();
                        });
                    } catch (ConcurrentConsentUpdateException e) {
                        return "concurrent_update";
                    } catch (IllegalConsentTransitionException e) {
                        return "illegal_transition";
                    } catch (RuntimeException e) {
                        return "error:" + e.getClass().getSimpleName();
                    }
                }));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> attempt : attempts) {
                outcomes.add(attempt.get(60, TimeUnit.SECONDS));
            }
            return Response.ok(Map.of("outcomes", outcomes)).build();
        } finally {
            pool.shutdownNow();
        }
    }

    @GET
    @Path("by-document")
    public Response byDocument(@QueryParam("kind") String kind, @QueryParam("value") String value) {
        return handle(() -> store().findByDocument(realm, DocumentKind.valueOf(kind), value).stream()
                .map(Consent::id).toList());
    }

    @POST
    @Path("reencrypt")
    public Response reencrypt() {
        return handle(() -> {
            var result = store().reencrypt(realm, 10_000);
            var renewals = session.getProvider(ConsentExtensionStore.class).reencrypt(realm, 10_000);
            return Map.of("reencrypted", result.moved(), "skipped", result.skipped(),
                    "renewalsReencrypted", renewals.moved(), "renewalsSkipped", renewals.skipped());
        });
    }

    /** What the maintenance task does for a realm, at once: seals the history written before sealing existed. */
    @POST
    @Path("seal-late-histories")
    public Response sealLateHistories() {
        return handle(() -> Map.of("sealed", store().sealLateHistories(realm, 10_000)));
    }

    /**
     * Tampers with a consent's stored history with plain SQL, as someone with database access would:
     * {@code {"op": "set", "sequence": n, "column": "ACTOR" | "TO_STATUS" | "CHANGED_AT" | "ADDITIONAL_INFO",
     * "value": "…"}}, {@code {"op": "delete", "sequence": n}}, or {@code {"op": "unseal"}}, which removes every
     * seal of the consent and its head, as on a row written before 0.4.0.
     */
    @POST
    @Path("consents/{id}/history-sql")
    public Response historySql(@PathParam("id") String id, Map<String, Object> body) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        if (em.createNativeQuery("select count(*) from KCC_CONSENT where ID = ?1 and REALM_ID = ?2")
                .setParameter(1, id).setParameter(2, realm.getId()).getSingleResult() instanceof Number n && n.intValue() == 0) {
            return Response.status(404).build();
        }
        String op = String.valueOf(body.get("op"));
        int updated = switch (op) {
            case "set" -> {
                String column = String.valueOf(body.get("column"));
                if (!List.of("ACTOR", "TO_STATUS", "CHANGED_AT", "ADDITIONAL_INFO").contains(column)) {
                    yield -1;
                }
                Object value = "CHANGED_AT".equals(column) ? Long.valueOf(String.valueOf(body.get("value"))) : body.get("value");
                yield em.createNativeQuery("update KCC_CONSENT_STATUS_HISTORY set " + column + " = ?1 where CONSENT_ID = ?2 and SEQ = ?3")
                        .setParameter(1, value).setParameter(2, id)
                        .setParameter(3, ((Number) body.get("sequence")).longValue()).executeUpdate();
            }
            case "delete" -> em.createNativeQuery("delete from KCC_CONSENT_STATUS_HISTORY where CONSENT_ID = ?1 and SEQ = ?2")
                    .setParameter(1, id).setParameter(2, ((Number) body.get("sequence")).longValue()).executeUpdate();
            case "unseal" -> em.createNativeQuery("update KCC_CONSENT_STATUS_HISTORY set ENTRY_MAC = null, PREV_MAC = null,"
                            + " MAC_KID = null, SEALED_LATE = null where CONSENT_ID = ?1").setParameter(1, id).executeUpdate()
                    + em.createNativeQuery("update KCC_CONSENT set HISTORY_HEAD = null, HEAD_KID = null where ID = ?1")
                    .setParameter(1, id).executeUpdate();
            default -> -1;
        };
        if (updated < 0) {
            return Response.status(400).entity(Map.of("error", "unknown op or column")).build();
        }
        return Response.ok(Map.of("updated", updated)).build();
    }

    /** Records a renewal (what POST …/extends stores) straight into the renewal store. */
    @POST
    @Path("consents/{id}/renewals")
    public Response recordRenewal(@PathParam("id") String id, Map<String, Object> body) {
        return handle(() -> {
            Consent consent = store().find(realm, id).orElseThrow(() -> new ConsentNotFoundException(id));
            ConsentExtension recorded = session.getProvider(ConsentExtensionStore.class).record(realm,
                    new NewConsentExtension(id, consent.clientId(), consent.userId(), now(),
                            now().plusSeconds(86_400), consent.expiresAt(), (String) body.get("cpf"),
                            (String) body.get("customerIpAddress"), (String) body.get("customerUserAgent")));
            return Map.of("id", recorded.id(), "sequence", recorded.sequence());
        });
    }

    /** Renewals of a consent as the renewal store reads (decrypts) them, newest first. */
    @GET
    @Path("consents/{id}/renewals")
    public Response renewals(@PathParam("id") String id) {
        return handle(() -> session.getProvider(ConsentExtensionStore.class).page(realm, id, 0, 100).items().stream()
                .map(e -> {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("id", e.id());
                    v.put("sequence", e.sequence());
                    v.put("cpf", e.loggedUserDocument());
                    v.put("customerIpAddress", e.customerIpAddress());
                    v.put("customerUserAgent", e.customerUserAgent());
                    return v;
                }).toList());
    }

    /**
     * Overwrites a consent's stored status with plain SQL: no history row, no listeners, so Keycloak's sessions
     * are not cut. It stands for the moment between a consent ending and its sessions ending (an expiry the
     * sweeper has not reached yet, a concurrent revocation), when the customer's token is still valid.
     */
    @POST
    @Path("consents/{id}/status-without-listeners")
    public Response statusWithoutListeners(@PathParam("id") String id, Map<String, Object> body) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        int updated = em.createNativeQuery("update KCC_CONSENT set STATUS = ?1 where ID = ?2 and REALM_ID = ?3")
                .setParameter(1, (String) body.get("status")).setParameter(2, id).setParameter(3, realm.getId())
                .executeUpdate();
        return Response.ok(Map.of("updated", updated)).build();
    }

    /**
     * Overwrites a consent's stored CPF blind index with plain SQL, leaving its encrypted CPF as it is: a
     * search that really goes through the index then finds the consent under the index's document, not its own.
     */
    @POST
    @Path("consents/{id}/cpf-index-without-listeners")
    public Response cpfIndexWithoutListeners(@PathParam("id") String id, Map<String, Object> body) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        int updated = em.createNativeQuery("update KCC_CONSENT set CPF_BIDX = ?1 where ID = ?2 and REALM_ID = ?3")
                .setParameter(1, (String) body.get("index")).setParameter(2, id).setParameter(3, realm.getId())
                .executeUpdate();
        return Response.ok(Map.of("updated", updated)).build();
    }

    /**
     * Writes a payment idempotency record aged {@code ageMinutes} with plain SQL, as if a request of that long
     * ago had left it: the purge task's work, without waiting a day.
     */
    @POST
    @Path("payment-idempotency")
    public Response agedIdempotencyRecord(Map<String, Object> body) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        String id = KeycloakModelUtils.generateId();
        long createdAt = now().toEpochMilli() - ((Number) body.get("ageMinutes")).longValue() * 60_000L;
        em.createNativeQuery("insert into KCC_PAYMENT_IDEMPOTENCY (ID, REALM_ID, CLIENT_ID, KEY_HASH, DATA_HASH, CONSENT_ID,"
                        + " CREATED_AT) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, id).setParameter(2, realm.getId()).setParameter(3, (String) body.get("clientId"))
                .setParameter(4, (String) body.get("keyHash")).setParameter(5, "0".repeat(64))
                .setParameter(6, (String) body.get("consentId")).setParameter(7, createdAt)
                .executeUpdate();
        return Response.ok(Map.of("id", id)).build();
    }

    /**
     * Moves this node's clock as Keycloak's own test suite does ({@code Time.setOffset}): everything kc-consent
     * takes as "now" moves by {@code {"seconds": n}}; 0 puts it back. For rules about the calendar (a payment's
     * day ending at midnight in Brasília), which no realm attribute can shorten.
     */
    @POST
    @Path("time-offset")
    public Response timeOffset(Map<String, Object> body) {
        Time.setOffset(((Number) body.get("seconds")).intValue());
        return Response.ok(Map.of("seconds", Time.getOffset())).build();
    }

    /** Rows left in KCC_CONSENT for any realm id, e.g. one that was just removed. */
    @GET
    @Path("count-for-realm/{realmId}")
    public Response countForRealm(@PathParam("realmId") String realmId) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        Number count = (Number) em.createNativeQuery("select count(*) from KCC_CONSENT where REALM_ID = ?1")
                .setParameter(1, realmId).getSingleResult();
        return Response.ok(Map.of("count", count.longValue())).build();
    }

    /**
     * Raw rows as a map column name → value, for checks on one named column (ENC_KEY_ID) or every ciphertext
     * cell. Same tables and filters as {@link #raw(String)}.
     */
    @GET
    @Path("raw-named")
    public Response rawNamed(@QueryParam("table") String table) {
        String sql = switch (table) {
            case "KCC_CONSENT" -> "select * from KCC_CONSENT where REALM_ID = ?";
            case "KCC_CONSENT_RESOURCE" -> "select r.* from KCC_CONSENT_RESOURCE r join KCC_CONSENT c on c.ID = r.CONSENT_ID where c.REALM_ID = ?";
            case "KCC_CONSENT_STATUS_HISTORY" -> "select h.* from KCC_CONSENT_STATUS_HISTORY h join KCC_CONSENT c on c.ID = h.CONSENT_ID where c.REALM_ID = ?";
            case "KCC_WEBHOOK_OUTBOX" -> "select * from KCC_WEBHOOK_OUTBOX where REALM_ID = ?";
            case "KCC_OB_CONSENT_EXTENSION" -> "select * from KCC_OB_CONSENT_EXTENSION where REALM_ID = ?";
            case "KCC_PAYMENT_IDEMPOTENCY" -> "select * from KCC_PAYMENT_IDEMPOTENCY where REALM_ID = ?";
            case "KCC_CONSENT_RECEIPT" -> "select * from KCC_CONSENT_RECEIPT where REALM_ID = ?";
            case "KCC_CONSENT_DATA_KEY" -> "select * from KCC_CONSENT_DATA_KEY where REALM_ID = ?";
            default -> null;
        };
        if (sql == null) {
            return Response.status(400).entity(Map.of("error", "unknown table")).build();
        }
        Session hibernate = session.getProvider(JpaConnectionProvider.class).getEntityManager().unwrap(Session.class);
        List<Map<String, String>> out = new ArrayList<>();
        hibernate.doWork(connection -> {
            try (PreparedStatement st = connection.prepareStatement(sql)) {
                st.setString(1, realm.getId());
                try (ResultSet rs = st.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, String> row = new LinkedHashMap<>();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.put(md.getColumnLabel(i).toUpperCase(Locale.ROOT), rs.getString(i));
                        }
                        out.add(row);
                    }
                }
            }
        });
        return Response.ok(out).build();
    }

    /**
     * Rows that name one consent id in each of our tables, counted by their own CONSENT_ID column without a
     * join and without a realm filter, so rows left behind by a removed consent (orphans) show up. Two of the
     * tables (webhook outbox, renewals) have no foreign key to KCC_CONSENT.
     */
    @GET
    @Path("rows-for-consent/{id}")
    public Response rowsForConsent(@PathParam("id") String id) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("KCC_CONSENT", count(em, "select count(*) from KCC_CONSENT where ID = ?1", id));
        for (String table : List.of("KCC_CONSENT_RESOURCE", "KCC_CONSENT_STATUS_HISTORY", "KCC_WEBHOOK_OUTBOX",
                "KCC_OB_CONSENT_EXTENSION")) {
            out.put(table, count(em, "select count(*) from " + table + " where CONSENT_ID = ?1", id));
        }
        return Response.ok(out).build();
    }

    /** Row counts of our tables for this realm, to show that a refused request wrote nothing. */
    @GET
    @Path("row-counts")
    public Response rowCounts() {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        String realmId = realm.getId();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("KCC_CONSENT", count(em, "select count(*) from KCC_CONSENT where REALM_ID = ?1", realmId));
        out.put("KCC_CONSENT_RESOURCE", count(em, "select count(*) from KCC_CONSENT_RESOURCE r join KCC_CONSENT c "
                + "on c.ID = r.CONSENT_ID where c.REALM_ID = ?1", realmId));
        out.put("KCC_CONSENT_STATUS_HISTORY", count(em, "select count(*) from KCC_CONSENT_STATUS_HISTORY h join "
                + "KCC_CONSENT c on c.ID = h.CONSENT_ID where c.REALM_ID = ?1", realmId));
        out.put("KCC_WEBHOOK_OUTBOX", count(em, "select count(*) from KCC_WEBHOOK_OUTBOX where REALM_ID = ?1", realmId));
        out.put("KCC_OB_CONSENT_EXTENSION", count(em, "select count(*) from KCC_OB_CONSENT_EXTENSION where REALM_ID = ?1",
                realmId));
        out.put("KCC_PAYMENT_IDEMPOTENCY", count(em, "select count(*) from KCC_PAYMENT_IDEMPOTENCY where REALM_ID = ?1",
                realmId));
        return Response.ok(out).build();
    }

    /**
     * Identifies the running server: when Keycloak's session factory started (new on every start, also when
     * the test framework restarts an embedded server inside the same JVM), the process id and the JVM's
     * start time. A test on a restarted server compares them with what it recorded before the restart.
     */
    @GET
    @Path("server-instance")
    public Response serverInstance() {
        return Response.ok(Map.of(
                "serverStartedAt", session.getKeycloakSessionFactory().getServerStartupTimestamp(),
                "pid", ProcessHandle.current().pid(),
                "jvmStartedAt", ManagementFactory.getRuntimeMXBean().getStartTime())).build();
    }

    private static long count(EntityManager em, String sql, String parameter) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, parameter).getSingleResult()).longValue();
    }

    /** Plain SQL over our tables for this realm's consents: what an attacker with a database dump would see. */
    @GET
    @Path("raw")
    public Response raw(@QueryParam("table") String table) {
        String sql = switch (table) {
            case "KCC_CONSENT" -> "select * from KCC_CONSENT where REALM_ID = ?1";
            case "KCC_CONSENT_RESOURCE" -> "select r.* from KCC_CONSENT_RESOURCE r join KCC_CONSENT c on c.ID = r.CONSENT_ID where c.REALM_ID = ?1";
            case "KCC_CONSENT_STATUS_HISTORY" -> "select h.* from KCC_CONSENT_STATUS_HISTORY h join KCC_CONSENT c on c.ID = h.CONSENT_ID where c.REALM_ID = ?1";
            case "KCC_WEBHOOK_OUTBOX" -> "select * from KCC_WEBHOOK_OUTBOX where REALM_ID = ?1";
            case "KCC_OB_CONSENT_EXTENSION" -> "select * from KCC_OB_CONSENT_EXTENSION where REALM_ID = ?1";
            default -> null;
        };
        if (sql == null) {
            return Response.status(400).entity(Map.of("error", "unknown table")).build();
        }
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        return Response.ok(rows(em, sql, realm.getId())).build();
    }

    /**
     * The decrypted payloads of a consent's webhook events, as whoever holds the realm's field key could read
     * them from the outbox table: what erasure must have scrubbed.
     */
    @GET
    @Path("webhook-payloads/{consentId}")
    public Response webhookPayloads(@PathParam("consentId") String consentId) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        FieldCipher cipher = new RealmConsentCrypto(session).cipher(realm);
        List<String> out = new ArrayList<>();
        for (List<String> row : rows(em, "select ID, CONSENT_ID, cast(PAYLOAD_ENC as varchar(16000)) from KCC_WEBHOOK_OUTBOX"
                + " where REALM_ID = ?1", realm.getId())) {
            if (consentId.equals(row.get(1))) {
                out.add(cipher.decrypt(new FieldContext(realm.getId(), consentId, "webhook:" + row.get(0)), row.get(2)));
            }
        }
        return Response.ok(out).build();
    }

    /** A component of this realm's stored configuration, as the database holds it ({@code COMPONENT_CONFIG}). */
    @GET
    @Path("component-config/{componentId}")
    public Response componentConfig(@PathParam("componentId") String componentId) {
        Session hibernate = session.getProvider(JpaConnectionProvider.class).getEntityManager().unwrap(Session.class);
        Map<String, String> config = new LinkedHashMap<>();
        // Plain JDBC and getString: VALUE is a CLOB on H2, which the JPA native query hands back as a Clob.
        hibernate.doWork(connection -> {
            try (PreparedStatement st = connection.prepareStatement("select cc.NAME, cc.VALUE from COMPONENT_CONFIG cc"
                    + " join COMPONENT c on c.ID = cc.COMPONENT_ID where c.REALM_ID = ? and c.ID = ?")) {
                st.setString(1, realm.getId());
                st.setString(2, componentId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        config.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        });
        return Response.ok(config).build();
    }

    /**
     * The realm's webhook outbox rows as plain SQL reads them: state, claim, and the key id recorded on the row
     * next to the one embedded in the encrypted payload (they must agree). No payload is returned.
     */
    @GET
    @Path("webhook-outbox")
    public Response webhookOutbox() {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<String> row : rows(em, "select ID, CONSENT_ID, CLIENT_ID, STATE, ATTEMPTS, ENC_KEY_ID, cast(PAYLOAD_ENC as varchar(16000)),"
                + " CLAIMED_BY, LAST_ERROR, EVENT_TYPE, KIND from KCC_WEBHOOK_OUTBOX where REALM_ID = ?1", realm.getId())) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", row.get(0));
            r.put("consentId", row.get(1));
            r.put("clientId", row.get(2));
            r.put("state", row.get(3));
            r.put("attempts", Integer.valueOf(row.get(4)));
            r.put("keyId", row.get(5));
            String[] payload = row.get(6).split("\\.");
            // v1.<base64url kid>.<iv>.<ciphertext>
            r.put("payloadKeyId", payload.length > 1
                    ? new String(Base64.getUrlDecoder().decode(payload[1]), StandardCharsets.UTF_8) : null);
            r.put("claimedBy", row.get(7));
            r.put("lastError", row.get(8));
            r.put("type", row.get(9));
            r.put("kind", row.get(10));
            out.add(r);
        }
        return Response.ok(out).build();
    }

    /**
     * Keycloak's own rows about one user, as plain SQL reads them: the persisted user and client sessions
     * (Keycloak 26 persists online sessions too) and the realm's stored events. What an attacker with a
     * database dump would see of the sessions and events our flows leave behind.
     */
    @GET
    @Path("raw-keycloak")
    public Response rawKeycloak(@QueryParam("userId") String userId) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userSessions", rows(em, "select * from OFFLINE_USER_SESSION where USER_ID = ?1", userId));
        out.put("clientSessions", rows(em, "select c.* from OFFLINE_CLIENT_SESSION c where c.USER_SESSION_ID in "
                + "(select u.USER_SESSION_ID from OFFLINE_USER_SESSION u where u.USER_ID = ?1)", userId));
        out.put("events", rows(em, "select * from EVENT_ENTITY where REALM_ID = ?1", realm.getId()));
        out.put("userConsents", rows(em, "select * from USER_CONSENT where USER_ID = ?1", userId));
        return Response.ok(out).build();
    }

    private static List<List<String>> rows(EntityManager em, String sql, String parameter) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(sql).setParameter(1, parameter).getResultList();
        List<List<String>> out = new ArrayList<>();
        for (Object row : rows) {
            Object[] cells = row instanceof Object[] a ? a : new Object[] {row};
            List<String> values = new ArrayList<>();
            for (Object cell : cells) {
                values.add(text(cell));
            }
            out.add(values);
        }
        return out;
    }

    /**
     * A cell as text. Large-object cells (Keycloak keeps session data and long event details in CLOBs) are read
     * whole: their {@code toString()} is the driver's handle, so a check for personal data would never see them.
     */
    private static String text(Object cell) {
        try {
            if (cell instanceof Clob clob) {
                return clob.getSubString(1, (int) clob.length());
            }
            if (cell instanceof Blob blob) {
                return new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.UTF_8);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a large object", e);
        }
        return cell == null ? null : cell.toString();
    }

    // ---------------------------------------------------------------------------------------------------

    private interface Action {
        Object run();
    }

    private Response handle(Action action) {
        try {
            return Response.ok(action.run()).build();
        } catch (ConsentNotFoundException e) {
            return error(404, "not_found", e);
        } catch (ConcurrentConsentUpdateException e) {
            return error(409, "concurrent_update", e);
        } catch (IllegalConsentTransitionException e) {
            return error(409, "illegal_transition", e);
        } catch (ConsentException | IllegalArgumentException e) {
            return error(400, "invalid", e);
        } catch (MissingFieldKeyException e) {
            return error(503, "missing_key", e);
        } catch (FieldDecryptionException e) {
            return error(500, "decryption_failed", e);
        }
    }

    private static Response error(int status, String code, Exception e) {
        return Response.status(status).entity(Map.of("error", code, "message", String.valueOf(e.getMessage()))).build();
    }

    private Map<String, Object> view(Consent c) {
        Instant now = now();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", c.id());
        v.put("clientId", c.clientId());
        v.put("userId", c.userId());
        v.put("type", c.type().name());
        v.put("origin", c.origin().name());
        v.put("status", c.status().name());
        v.put("effectiveStatus", c.effectiveStatus(now).name());
        v.put("permissions", c.permissions());
        v.put("resources", c.resources());
        v.put("createdAt", c.createdAt().toString());
        v.put("statusUpdatedAt", c.statusUpdatedAt().toString());
        v.put("expiresAt", c.expiresAt() == null ? null : c.expiresAt().toString());
        v.put("authorisationDeadline", c.authorisationDeadline() == null ? null : c.authorisationDeadline().toString());
        v.put("cpf", c.loggedUserDocument());
        v.put("cnpj", c.businessEntityDocument());
        v.put("sessionMetadata", c.sessionMetadata());
        v.put("paymentDetails", c.paymentDetails());
        var rejection = c.effectiveRejection(now);
        v.put("rejectedBy", rejection == null ? null : rejection.rejectedBy().name());
        v.put("rejectionReason", rejection == null ? null : rejection.reason().name());
        v.put("version", c.version());
        return v;
    }

    @SuppressWarnings("unchecked")
    private static List<ConsentedResource> resources(Map<String, Object> body) {
        List<ConsentedResource> out = new ArrayList<>();
        for (Map<String, Object> r : (List<Map<String, Object>>) body.getOrDefault("resources", List.of())) {
            out.add(new ConsentedResource((String) r.get("resourceId"), (String) r.get("type"), (String) r.get("label")));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other attempt never arrived", e);
        }
    }
}
