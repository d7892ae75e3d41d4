package io.github.kcconsent.bench;

import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import io.github.kcconsent.consent.Actor;
import io.github.kcconsent.consent.Channel;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.ConsentedResource;
import io.github.kcconsent.consent.NewConsent;
import io.github.kcconsent.crypto.ActiveKey;
import io.github.kcconsent.crypto.AesGcmFieldCipher;
import io.github.kcconsent.crypto.BlindIndex;
import io.github.kcconsent.crypto.CanonicalBytes;
import io.github.kcconsent.crypto.EnvelopeFieldKeys;
import io.github.kcconsent.crypto.FieldCipher;
import io.github.kcconsent.crypto.FieldContext;
import io.github.kcconsent.crypto.FieldKeys;
import io.github.kcconsent.crypto.HistoryMac;
import io.github.kcconsent.crypto.NoOpFieldCipher;
import io.github.kcconsent.store.ConsentCrypto;
import io.github.kcconsent.store.ConsentEvents;
import io.github.kcconsent.store.jpa.ConsentDataKeyEntity;
import io.github.kcconsent.store.jpa.ConsentEntity;
import io.github.kcconsent.store.jpa.ConsentResourceEntity;
import io.github.kcconsent.store.jpa.ConsentStatusChangeEntity;
import io.github.kcconsent.store.jpa.JpaConsentStore;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import org.hibernate.cfg.Configuration;
import org.keycloak.models.RealmModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What field encryption costs a consent's life: create (CPF, CNPJ, ~200 bytes of session metadata, three
 * permissions) + authorise (two resources with labels) in one transaction, then {@code find} by id in a fresh
 * EntityManager so the read decrypts every field. Both rows go through the real {@link JpaConsentStore} and
 * Hibernate on an in-memory H2 database; they differ only in the {@link FieldCipher}:
 * {@code aesGcm} uses {@link AesGcmFieldCipher} over in-memory keys, {@code noOpBaseline} the plaintext
 * {@link NoOpFieldCipher}. The blind index (HMAC-SHA256 of CPF and CNPJ) runs in both, so the difference is
 * encryption alone. Goal: AES-GCM loses at most 10% of the baseline's throughput.
 *
 * <p>In-memory H2 makes the database part as cheap as it gets, so the share measured here is an upper bound of
 * what encryption costs against a real database over the network.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ConsentStoreCryptoBenchmark {

    static final String CPF = "52998224725";
    static final String CNPJ = "11222333000181";
    static final String SESSION_METADATA = "{\"partner_session_id\":\"8f14e45f-ceea-467f-a0e6-1c3b2a9d4e71\","
            + "\"channel\":\"mobile-app\",\"device\":{\"os\":\"android\",\"app_version\":\"5.12.0\"},"
            + "\"ip\":\"203.0.113.45\",\"journey\":\"account-aggregation\",\"locale\":\"pt-BR\"}";
    static final List<String> PERMISSIONS = List.of("ACCOUNTS_READ", "ACCOUNTS_BALANCES_READ", "RESOURCES_READ");
    static final List<ConsentedResource> RESOURCES = List.of(
            new ConsentedResource("acc-0001", "ACCOUNT", "Conta corrente ****1234"),
            new ConsentedResource("acc-0002", "ACCOUNT", "Poupança ****9876"));

    /**
     * The database: in-memory H2 by default (the cheapest database, so the worst case for encryption's share);
     * {@code -Dkcconsent.bench.jdbc-url=jdbc:postgresql://127.0.0.1:5432/kc_consent_bench} (with
     * {@code -Dkcconsent.bench.jdbc-user}/{@code -password}) measures against PostgreSQL, what production runs.
     */
    static final String JDBC_URL = System.getProperty("kcconsent.bench.jdbc-url", "");
    /** PostgreSQL empties its tables differently and reports its WAL; see {@code emptyTables} and {@code walPosition}. */
    static final boolean ON_POSTGRES = JDBC_URL.startsWith("jdbc:postgresql:");

    /** Strong references, or the JUL loggers (and their levels) may be collected. */
    private static final Logger HIBERNATE_LOG = Logger.getLogger("org.hibernate");
    /** Only says "built-in connection pool, not for production" (HHH10001002): true, and in the way of the table. */
    private static final Logger POOL_LOG = Logger.getLogger("org.hibernate.orm.connections.pooling");

    /** A fresh H2 database and EntityManagerFactory per trial (so per benchmark row and fork). */
    public abstract static class StoreState {

        EntityManagerFactory emf;
        ConsentCrypto crypto;
        RealmModel realm;
        String clientId;
        String userId;
        final Supplier<Instant> clock = Instant::now;
        /** Round trips since the trial began, and PostgreSQL's WAL position then (-1 on H2): see {@link #close}. */
        long ops;
        long walAtStart = -1;

        abstract FieldCipher cipher(FieldKeys keys);

        /** The cipher of one customer's data key; by default the row cipher itself (no envelope). */
        FieldCipher dataKeyCipher(FieldKeys keys, ActiveKey dataKey) {
            return cipher(keys);
        }

        /** Whether consents go under per-customer data keys (the store's default since 0.4.0). */
        boolean perCustomerKeys() {
            return false;
        }

        /** What every stored personal-data column of this cipher starts with. */
        abstract String storedPrefix();

        @Setup(Level.Trial)
        public void setUp() {
            HIBERNATE_LOG.setLevel(java.util.logging.Level.WARNING);
            POOL_LOG.setLevel(java.util.logging.Level.SEVERE);
            emf = new Configuration()
                    .addAnnotatedClass(ConsentEntity.class)
                    .addAnnotatedClass(ConsentResourceEntity.class)
                    .addAnnotatedClass(ConsentStatusChangeEntity.class)
                    .addAnnotatedClass(ConsentDataKeyEntity.class)
                    .setProperty("hibernate.connection.url", JDBC_URL.isBlank()
                            ? "jdbc:h2:mem:kcc-bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" : JDBC_URL)
                    .setProperty("hibernate.connection.username", System.getProperty("kcconsent.bench.jdbc-user", "sa"))
                    .setProperty("hibernate.connection.password", System.getProperty("kcconsent.bench.jdbc-password", ""))
                    .setProperty("hibernate.connection.pool_size", "4")
                    // benchmark only: Keycloak creates these tables with our Liquibase changelog
                    .setProperty("hibernate.hbm2ddl.auto", "create")
                    .setProperty("hibernate.show_sql", "false")
                    .buildSessionFactory();

            FieldKeys keys = new StaticFieldKeys(aes256(), hmacKey());
            FieldCipher cipher = cipher(keys);
            BlindIndex blindIndex = new BlindIndex(keys);
            HistoryMac historyMac = new HistoryMac(keys);
            crypto = new ConsentCrypto() {
                @Override
                public FieldCipher cipher(RealmModel r) {
                    return cipher;
                }

                @Override
                public BlindIndex blindIndex(RealmModel r) {
                    return blindIndex;
                }

                @Override
                public HistoryMac historyMac(RealmModel r) {
                    return historyMac;
                }

                @Override
                public FieldCipher dataKeyCipher(RealmModel r, ActiveKey dataKey) {
                    return StoreState.this.dataKeyCipher(keys, dataKey);
                }
            };
            realm = realm(UUID.randomUUID().toString(), "bench");
            clientId = UUID.randomUUID().toString();
            userId = UUID.randomUUID().toString();

            // Sanity: the round trip returns what went in, and the columns hold this cipher's format.
            Consent read = createAuthoriseRead();
            if (read.status() != ConsentStatus.AUTHORISED || !CPF.equals(read.loggedUserDocument())
                    || !CNPJ.equals(read.businessEntityDocument()) || !SESSION_METADATA.equals(read.sessionMetadata())
                    || !RESOURCES.equals(read.resources())) {
                throw new IllegalStateException("round trip through the store lost data");
            }
            EntityManager em = emf.createEntityManager();
            try {
                ConsentEntity row = em.find(ConsentEntity.class, read.id());
                if (!row.getCpfEncrypted().startsWith(storedPrefix())
                        || !row.getSessionMetadataEncrypted().startsWith(storedPrefix())
                        || !row.getResources().get(0).getLabelEncrypted().startsWith(storedPrefix())) {
                    throw new IllegalStateException("stored columns are not in the expected cipher format");
                }
            } finally {
                em.close();
            }
            ops = 0;
            walAtStart = walPosition();
        }

        /**
         * Keeps the table size flat across iterations; not measured. On PostgreSQL a {@code DELETE} leaves every
         * row behind as a dead tuple until a vacuum (and the development server runs without autovacuum), so the
         * tables and their indexes grew through the trial, faster for the row whose rows are larger: a
         * {@code TRUNCATE} gives every iteration of both rows the same empty tables. H2 cannot truncate a table
         * that a foreign key refers to, and keeps no dead rows, so it deletes.
         */
        @TearDown(Level.Iteration)
        public void emptyTables() {
            EntityManager em = emf.createEntityManager();
            try {
                em.getTransaction().begin();
                if (ON_POSTGRES) {
                    em.createNativeQuery("TRUNCATE KCC_CONSENT_STATUS_HISTORY, KCC_CONSENT_RESOURCE, KCC_CONSENT").executeUpdate();
                } else {
                    em.createNativeQuery("DELETE FROM KCC_CONSENT_STATUS_HISTORY").executeUpdate();
                    em.createNativeQuery("DELETE FROM KCC_CONSENT_RESOURCE").executeUpdate();
                    em.createNativeQuery("DELETE FROM KCC_CONSENT").executeUpdate();
                }
                em.getTransaction().commit();
            } finally {
                em.close();
            }
        }

        /**
         * On PostgreSQL, says how many bytes of write-ahead log a round trip wrote (warm-up included, the
         * emptying's few bytes too): larger encrypted rows cost the database in WAL and pages, not the JVM in
         * cipher time, and this is where that shows. The position is the server's, so it assumes no other
         * writer on that server during the trial.
         */
        @TearDown(Level.Trial)
        public void close() {
            if (walAtStart >= 0 && ops > 0) {
                System.out.printf("%s: %d bytes of PostgreSQL WAL per create + authorise + read (%d round trips)%n",
                        rowName(), (walPosition() - walAtStart) / ops, ops);
            }
            if (emf != null) {
                emf.close();
            }
        }

        Consent createAuthoriseRead() {
            String id;
            EntityManager em = emf.createEntityManager();
            EntityTransaction tx = em.getTransaction();
            try {
                tx.begin();
                JpaConsentStore store = new JpaConsentStore(em, crypto, clock, ConsentEvents.NONE, perCustomerKeys());
                NewConsent request = new NewConsent(clientId, userId, ConsentType.DATA_SHARING,
                        ConsentOrigin.CONSENT_LINK, PERMISSIONS, clock.get().plus(Duration.ofDays(365)),
                        CPF, CNPJ, SESSION_METADATA, null);
                id = store.create(realm, request, Actor.client(clientId), Channel.CONSENT_LINK).id();
                store.authorise(realm, id, userId, RESOURCES, Actor.user(userId), Channel.CONSENT_LINK);
                tx.commit();
            } finally {
                if (tx.isActive()) {
                    tx.rollback();
                }
                em.close();
            }
            EntityManager read = emf.createEntityManager();
            try {
                Optional<Consent> found = new JpaConsentStore(read, crypto, clock, ConsentEvents.NONE, perCustomerKeys())
                        .find(realm, id);
                return found.orElseThrow(() -> new IllegalStateException("consent not found after commit"));
            } finally {
                read.close();
                ops++;
            }
        }

        /** This state's class as written here, not JMH's generated subclass of it. */
        String rowName() {
            Class<?> c = getClass();
            while (c.getSimpleName().contains("_jmhType")) {
                c = c.getSuperclass();
            }
            return c.getSimpleName();
        }

        /** PostgreSQL's current WAL position in bytes, or -1 on any other database. */
        long walPosition() {
            if (!ON_POSTGRES) {
                return -1;
            }
            EntityManager em = emf.createEntityManager();
            try {
                return ((Number) em.createNativeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn").getSingleResult()).longValue();
            } finally {
                em.close();
            }
        }
    }

    @State(Scope.Thread)
    public static class AesGcmStore extends StoreState {
        @Override
        FieldCipher cipher(FieldKeys keys) {
            return new AesGcmFieldCipher(keys);
        }

        @Override
        String storedPrefix() {
            return AesGcmFieldCipher.storedPrefixFor(StaticFieldKeys.ENCRYPTION_KID);
        }
    }

    /** AES-GCM under a per-customer data key wrapped by the realm key: envelope encryption, the 0.4.0 default. */
    @State(Scope.Thread)
    public static class EnvelopeStore extends StoreState {
        @Override
        FieldCipher cipher(FieldKeys keys) {
            return new AesGcmFieldCipher(keys);
        }

        @Override
        FieldCipher dataKeyCipher(FieldKeys keys, ActiveKey dataKey) {
            return new AesGcmFieldCipher(new EnvelopeFieldKeys(keys, dataKey));
        }

        @Override
        boolean perCustomerKeys() {
            return true;
        }

        @Override
        String storedPrefix() {
            return "v1."; // AES-GCM under each data key's own kid
        }
    }

    @State(Scope.Thread)
    public static class NoOpStore extends StoreState {
        @Override
        FieldCipher cipher(FieldKeys keys) {
            return new NoOpFieldCipher();
        }

        @Override
        String storedPrefix() {
            return "plain.";
        }
    }

    @Benchmark
    public Consent aesGcm(AesGcmStore state) {
        return state.createAuthoriseRead();
    }

    @Benchmark
    public Consent aesGcmEnvelope(EnvelopeStore state) {
        return state.createAuthoriseRead();
    }

    /**
     * One history seal as the store makes it (HMAC-SHA256 under the derived key, over an entry of typical size):
     * a create + authorise makes two, so the report can take them out of {@code aesGcm} to get the path without
     * sealing (before 0.4.0), which the store itself no longer has.
     */
    @State(Scope.Thread)
    public static class SealState {
        final HistoryMac mac = new HistoryMac(new StaticFieldKeys(aes256(), hmacKey()));
        final byte[] entry = new CanonicalBytes("kcconsent/history-entry/v1").text(UUID.randomUUID().toString())
                .text("urn:bench:" + UUID.randomUUID()).number(1).text("AWAITING_AUTHORISATION").text("AUTHORISED")
                .number(System.currentTimeMillis()).text("user:" + UUID.randomUUID()).text("CONSENT_LINK")
                .text(null).text(null).text("sealed").text("x".repeat(43)).toByteArray();
    }

    @Benchmark
    public HistoryMac.Seal historySeal(SealState state) {
        return state.mac.seal(state.entry);
    }

    /**
     * One field as the store seals and opens it (the session metadata, about 220 bytes, under the realm key):
     * what a store round trip pays per encrypted value, without the database. A round trip of {@code aesGcm}
     * seals five values and opens five.
     */
    @State(Scope.Thread)
    public static class FieldState {
        final FieldCipher cipher = new AesGcmFieldCipher(new StaticFieldKeys(aes256(), hmacKey()));
        final FieldContext context = new FieldContext(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                "session_metadata");
        final String sealed = cipher.encrypt(context, SESSION_METADATA);
    }

    @Benchmark
    public String fieldSeal(FieldState state) {
        return state.cipher.encrypt(state.context, SESSION_METADATA);
    }

    @Benchmark
    public String fieldOpen(FieldState state) {
        return state.cipher.decrypt(state.context, state.sealed);
    }

    @Benchmark
    public Consent noOpBaseline(NoOpStore state) {
        return state.createAuthoriseRead();
    }

    // ---------------------------------------------------------------------------------------------------

    /** A RealmModel that answers what the store asks: id, name, and no attributes (so default settings). */
    static RealmModel realm(String id, String name) {
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[]{RealmModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "getName" -> name;
                    // getAttribute(name) → null; getAttribute(name, default) → the default
                    case "getAttribute" -> args != null && args.length == 2 ? args[1] : null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "RealmModel[" + name + "]";
                    default -> throw new UnsupportedOperationException("RealmModel." + method.getName());
                });
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    static SecretKey aes256() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }

    static SecretKey hmacKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** One active encryption key and one active blind-index key, in memory. */
    static final class StaticFieldKeys implements FieldKeys {
        static final String ENCRYPTION_KID = "bench-enc";
        static final String BLIND_INDEX_KID = "bench-bidx";

        private final ActiveKey encryption;
        private final ActiveKey blindIndex;

        StaticFieldKeys(SecretKey encryption, SecretKey blindIndex) {
            this.encryption = new ActiveKey(ENCRYPTION_KID, encryption);
            this.blindIndex = new ActiveKey(BLIND_INDEX_KID, blindIndex);
        }

        @Override
        public ActiveKey activeEncryptionKey() {
            return encryption;
        }

        @Override
        public Optional<SecretKey> encryptionKey(String kid) {
            return ENCRYPTION_KID.equals(kid) ? Optional.of(encryption.secretKey()) : Optional.empty();
        }

        @Override
        public ActiveKey activeBlindIndexKey() {
            return blindIndex;
        }

        @Override
        public List<ActiveKey> blindIndexKeys() {
            return List.of(blindIndex);
        }
    }
}
