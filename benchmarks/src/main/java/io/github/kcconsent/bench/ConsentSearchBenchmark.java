package io.github.kcconsent.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import io.github.kcconsent.backoffice.ConsentSearchParameters;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.StatusChange;
import io.github.kcconsent.crypto.ActiveKey;
import io.github.kcconsent.crypto.AesGcmFieldCipher;
import io.github.kcconsent.crypto.BlindIndex;
import io.github.kcconsent.crypto.EnvelopeFieldKeys;
import io.github.kcconsent.crypto.FieldCipher;
import io.github.kcconsent.crypto.FieldKeys;
import io.github.kcconsent.crypto.HistoryMac;
import io.github.kcconsent.store.ConsentCrypto;
import io.github.kcconsent.store.ConsentPage;
import io.github.kcconsent.store.ConsentQuery;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The back-office reads at two dataset sizes in the same run, on PostgreSQL, through the real
 * {@link JpaConsentStore} and Hibernate 7.2 (Keycloak's persistence settings), AES-GCM decryption included:
 *
 * <ul>
 *   <li>{@code searchByCpf}: {@code ConsentStore.search} with a CPF (blind index), page 1 of 25, default order;</li>
 *   <li>{@code searchByClientAndStatus}: client + status AUTHORISED, page 1 of 25, default order (newest first),
 *   among the clients with at least 25 AUTHORISED consents (a full page at both sizes),
 *   total exact up to {@link ConsentSearchParameters#COUNT_LIMIT} matches and "at least" beyond: what the
 *   back-office search endpoint does by default;</li>
 *   <li>{@code searchByClientAndStatusExactTotal}: the same with {@code exact-total=true} (every match counted;
 *   reported for information, its cost grows with the partner's size by design);</li>
 *   <li>{@code detailLookup}: {@code find} by id + {@code history}, what the admin detail endpoint does.</li>
 * </ul>
 *
 * Every invocation is one "request": a fresh EntityManager, transaction and store, and a target drawn at
 * random from pools collected at setup (every CPF, every client, 20,000 random consent ids), so no single row
 * is served from a cache. Mode is SampleTime, so JMH reports percentiles; {@link SearchReport} prints p95 per
 * size, the 1M / 10k ratio and the verdict. The data is described in {@link SearchDataset} and the README.
 *
 * <p>Goal: p95 under 50 ms at 1,000,000 consents and p95(1M) / p95(10k) at most 1.5.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 4, time = 5)
public class ConsentSearchBenchmark {

    static final int PAGE_SIZE = 25;
    static final int ID_POOL = 20_000;

    /** Strong references, or the JUL loggers (and their levels) may be collected. */
    private static final Logger HIBERNATE_LOG = Logger.getLogger("org.hibernate");
    private static final Logger POOL_LOG = Logger.getLogger("org.hibernate.orm.connections.pooling");

    @State(Scope.Benchmark)
    public static class Data {

        /** Number of consents in the database. */
        @Param({"10000", "1000000"})
        public int size;

        EntityManagerFactory emf;
        ConsentCrypto crypto;
        RealmModel realm;
        final Supplier<Instant> clock = Instant::now;
        String[] cpfs;
        String[] clients;
        String[] ids;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            HIBERNATE_LOG.setLevel(java.util.logging.Level.WARNING);
            POOL_LOG.setLevel(java.util.logging.Level.SEVERE);
            SearchDataset dataset = new SearchDataset(size, SearchDataset.cpfPoolFor(size));
            dataset.prepare();

            FieldKeys keys = SearchDataset.keys();
            FieldCipher cipher = new AesGcmFieldCipher(keys);
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
                    return new AesGcmFieldCipher(new EnvelopeFieldKeys(keys, dataKey));
                }
            };
            realm = ConsentStoreCryptoBenchmark.realm(SearchDataset.REALM_ID, SearchDataset.REALM_NAME);
            emf = new Configuration()
                    .addAnnotatedClass(ConsentEntity.class)
                    .addAnnotatedClass(ConsentResourceEntity.class)
                    .addAnnotatedClass(ConsentStatusChangeEntity.class)
                    .addAnnotatedClass(ConsentDataKeyEntity.class)
                    .setProperty("hibernate.connection.url", dataset.url)
                    .setProperty("hibernate.connection.username", SearchDataset.USER)
                    .setProperty("hibernate.connection.password", SearchDataset.PASSWORD)
                    .setProperty("hibernate.connection.pool_size", "2")
                    .setProperty("hibernate.hbm2ddl.auto", "none")
                    // What Keycloak 26.7.0 sets (keycloak-model-jpa default-persistence.xml).
                    .setProperty("hibernate.jdbc.batch_size", "32")
                    .setProperty("hibernate.order_inserts", "true")
                    .setProperty("hibernate.order_updates", "true")
                    .setProperty("hibernate.default_batch_fetch_size", "8")
                    .setProperty("hibernate.query.in_clause_parameter_padding", "true")
                    .setProperty("hibernate.jdbc.fetch_size", "64")
                    .setProperty("hibernate.show_sql", Boolean.getBoolean("kcconsent.bench.show-sql") ? "true" : "false")
                    .buildSessionFactory();

            collectTargets(dataset);
            sanityCheck();
            checkpoint(dataset);
            prewarm(dataset);
        }

        /**
         * Reads every table and index of the measured database into the operating system's cache
         * ({@code pg_prewarm}, mode {@code read}; shared buffers stay as configured), so both sizes are measured
         * with their data in memory rather than with whatever the benchmarks before them left there. On the
         * development machine the page cache did not keep the 3 GB 1M database through the other benchmarks of
         * benchmarks/all.sh, and in the full run of 2026-12-03 the 1M detail lookups were still reading from disk
         * after the warm-up (p95 of the four measured iterations 0.755, 0.460, 0.432, 0.374 ms). Needs the
         * pg_prewarm extension (PostgreSQL's contrib, in Debian's server package) and a user that may create it;
         * without them the run goes on and says so.
         */
        private static void prewarm(SearchDataset dataset) {
            long started = System.nanoTime();
            try (Connection c = dataset.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm");
                try (ResultSet rs = st.executeQuery("SELECT count(*), coalesce(sum(pg_prewarm(c.oid, 'read')), 0)"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'i', 't') AND n.nspname NOT IN ('pg_catalog', 'information_schema')")) {
                    rs.next();
                    System.out.printf(Locale.ROOT, "[dataset] pg_prewarm read %d relations, %,d blocks, in %.1f s%n",
                            rs.getLong(1), rs.getLong(2), (System.nanoTime() - started) / 1e9);
                }
            } catch (SQLException e) {
                System.out.println("[dataset] pg_prewarm not available (" + e.getSQLState() + "): the 1M lookups may"
                        + " read from disk during the measurement");
            }
        }

        /**
         * Writes out what earlier work on this PostgreSQL server left dirty in its shared buffers, before the
         * measurement. Otherwise the lookups that evict those pages write them first: right after the store
         * benchmark (which runs just before this one in benchmarks/all.sh and writes about 1 GB), p95 at 1M was
         * 0.54 ms instead of 0.42 ms with the checkpoint, ratio 1.61 instead of 1.06 (2026-12-03, same machine).
         * Needs a superuser or the pg_checkpoint role; without either the run goes on and says so.
         */
        private static void checkpoint(SearchDataset dataset) {
            try (Connection c = dataset.connect(); Statement st = c.createStatement()) {
                st.execute("CHECKPOINT");
            } catch (SQLException e) {
                System.out.println("[dataset] CHECKPOINT refused (" + e.getSQLState() + "): dirty buffers left by"
                        + " earlier work may slow the 1M lookups");
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            if (emf != null) {
                emf.close();
            }
        }

        /** The search targets: every CPF, every client with a full first page, and a random sample of consent ids. */
        private void collectTargets(SearchDataset dataset) throws Exception {
            Map<String, String> cpfByIndex = dataset.cpfsByIndex();
            List<String> cpfList = new ArrayList<>();
            List<String> clientList = new ArrayList<>();
            List<String> idList = new ArrayList<>();
            List<Long> perClient = new ArrayList<>();
            List<Long> perCpf = new ArrayList<>();
            try (Connection c = dataset.connect(); Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT cpf_bidx, count(*) FROM kcc_consent GROUP BY cpf_bidx")) {
                    while (rs.next()) {
                        String cpf = cpfByIndex.get(rs.getString(1));
                        if (cpf == null) {
                            throw new IllegalStateException("a stored CPF index is not from this generator's keys");
                        }
                        cpfList.add(cpf);
                        perCpf.add(rs.getLong(2));
                    }
                }
                // Only clients whose first page is full (at least PAGE_SIZE AUTHORISED): at 10k the median client
                // has 7, at 1M 663, so drawing from all clients would compare 7-row pages with 25-row pages and
                // measure the result size, not the table size (the same reasoning as the CPF pool, see README).
                try (ResultSet rs = st.executeQuery("SELECT client_id, count(*) FILTER (WHERE status = 'AUTHORISED') "
                        + "FROM kcc_consent GROUP BY client_id HAVING count(*) FILTER (WHERE status = 'AUTHORISED') >= "
                        + PAGE_SIZE)) {
                    while (rs.next()) {
                        clientList.add(rs.getString(1));
                        perClient.add(rs.getLong(2));
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT id FROM kcc_consent ORDER BY random() LIMIT " + ID_POOL)) {
                    while (rs.next()) {
                        idList.add(rs.getString(1));
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT string_agg(indexname, ', ' ORDER BY indexname) FROM pg_indexes "
                        + "WHERE tablename IN ('kcc_consent', 'kcc_consent_resource', 'kcc_consent_status_history')")) {
                    rs.next();
                    System.out.println("[dataset] indexes: " + rs.getString(1));
                }
            }
            cpfs = cpfList.toArray(String[]::new);
            clients = clientList.toArray(String[]::new);
            ids = idList.toArray(String[]::new);
            System.out.printf(Locale.ROOT, "[dataset] %s: %,d consents; targets: %,d CPFs (consents per CPF %s), "
                            + "%d clients (AUTHORISED per client %s), %,d ids%n",
                    dataset.database, size, cpfs.length, spread(perCpf), clients.length, spread(perClient), ids.length);
        }

        private static String spread(List<Long> counts) {
            long[] v = counts.stream().mapToLong(Long::longValue).sorted().toArray();
            return String.format(Locale.ROOT, "min %d / median %d / p95 %d / max %d", v[0], v[v.length / 2],
                    v[(int) Math.min(v.length - 1, Math.ceil(v.length * 0.95) - 1)], v[v.length - 1]);
        }

        /** Fails the trial if the store does not return what the benchmark claims to measure. */
        private void sanityCheck() {
            for (int i = 0; i < 3; i++) {
                String cpf = cpfs[i * 7 % cpfs.length];
                ConsentPage page = inRequest(store -> store.search(realm, byCpf(cpf)));
                if (page.total() < 1 || page.items().isEmpty()
                        || page.items().stream().anyMatch(c -> !cpf.equals(c.loggedUserDocument()))) {
                    throw new IllegalStateException("CPF search did not return that CPF's consents");
                }
                String client = clients[i * 13 % clients.length];
                ConsentPage byClient = inRequest(store -> store.search(realm, byClientAuthorised(client)));
                if (byClient.items().stream().anyMatch(c -> !client.equals(c.clientId())
                        || c.status() != ConsentStatus.AUTHORISED || c.sessionMetadata() == null)) {
                    throw new IllegalStateException("client + status search returned other consents");
                }
                ConsentPage exactTotal = inRequest(store -> store.search(realm, byClientAuthorisedExactTotal(client)));
                long ceiling = byClientAuthorised(client).countCeiling();
                boolean consistent = exactTotal.total() <= ceiling
                        ? byClient.totalExact() && byClient.total() == exactTotal.total()
                        : !byClient.totalExact() && byClient.total() == ceiling + 1;
                if (!exactTotal.totalExact() || !consistent) {
                    throw new IllegalStateException("capped total " + byClient.total() + " does not agree with exact "
                            + exactTotal.total());
                }
                String id = ids[i * 17 % ids.length];
                Detail detail = inRequest(store -> detail(store, realm, id));
                if (detail.history().size() != detail.consent().version() + 1 || detail.consent().loggedUserDocument() == null) {
                    throw new IllegalStateException("detail lookup is incomplete");
                }
            }
        }

        <T> T inRequest(Function<JpaConsentStore, T> work) {
            EntityManager em = emf.createEntityManager();
            EntityTransaction tx = em.getTransaction();
            try {
                tx.begin();
                T result = work.apply(new JpaConsentStore(em, crypto, clock));
                tx.commit();
                return result;
            } finally {
                if (tx.isActive()) {
                    tx.rollback();
                }
                em.close();
            }
        }
    }

    /** The queries the back-office endpoint builds by default (capped total). */
    static ConsentQuery byCpf(String cpf) {
        return new ConsentQuery(cpf, null, null, null, null, null, null, null, null, null, 0, PAGE_SIZE,
                ConsentSearchParameters.COUNT_LIMIT);
    }

    static ConsentQuery byClientAuthorised(String clientId) {
        return new ConsentQuery(null, null, clientId, null, null, Set.of(ConsentStatus.AUTHORISED),
                null, null, null, null, 0, PAGE_SIZE, ConsentSearchParameters.COUNT_LIMIT);
    }

    static ConsentQuery byClientAuthorisedExactTotal(String clientId) {
        return new ConsentQuery(null, null, clientId, null, null, Set.of(ConsentStatus.AUTHORISED),
                null, null, null, null, 0, PAGE_SIZE, ConsentQuery.EXACT_TOTAL);
    }

    record Detail(Consent consent, List<StatusChange> history) {
    }

    static Detail detail(JpaConsentStore store, RealmModel realm, String id) {
        Optional<Consent> consent = store.find(realm, id);
        if (consent.isEmpty()) {
            throw new IllegalStateException("consent " + id + " not found");
        }
        return new Detail(consent.get(), store.history(realm, id));
    }

    private static String pick(String[] pool) {
        return pool[ThreadLocalRandom.current().nextInt(pool.length)];
    }

    @Benchmark
    public ConsentPage searchByCpf(Data data) {
        String cpf = pick(data.cpfs);
        return data.inRequest(store -> store.search(data.realm, byCpf(cpf)));
    }

    @Benchmark
    public ConsentPage searchByClientAndStatus(Data data) {
        String client = pick(data.clients);
        return data.inRequest(store -> store.search(data.realm, byClientAuthorised(client)));
    }

    @Benchmark
    public ConsentPage searchByClientAndStatusExactTotal(Data data) {
        String client = pick(data.clients);
        return data.inRequest(store -> store.search(data.realm, byClientAuthorisedExactTotal(client)));
    }

    @Benchmark
    public Detail detailLookup(Data data) {
        String id = pick(data.ids);
        return data.inRequest(store -> detail(store, data.realm, id));
    }

    /** For a quick look without JMH: {@code java -cp benchmarks.jar …ConsentSearchBenchmark 10000}. */
    public static void main(String[] args) throws Exception {
        Data data = new Data();
        data.size = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        data.setUp();
        try {
            for (String name : List.of("searchByCpf", "searchByClientAndStatus", "searchByClientAndStatusExactTotal",
                    "detailLookup")) {
                ConsentSearchBenchmark b = new ConsentSearchBenchmark();
                long[] nanos = new long[2_000];
                for (int i = 0; i < nanos.length; i++) {
                    long t = System.nanoTime();
                    switch (name) {
                        case "searchByCpf" -> b.searchByCpf(data);
                        case "searchByClientAndStatus" -> b.searchByClientAndStatus(data);
                        case "searchByClientAndStatusExactTotal" -> b.searchByClientAndStatusExactTotal(data);
                        default -> b.detailLookup(data);
                    }
                    nanos[i] = System.nanoTime() - t;
                }
                long[] last = Arrays.copyOfRange(nanos, nanos.length / 2, nanos.length);
                Arrays.sort(last);
                System.out.printf(Locale.ROOT, "%-24s p50 %.2f ms  p95 %.2f ms  (last 1,000 of 2,000)%n", name,
                        last[last.length / 2] / 1e6, last[(int) (last.length * 0.95)] / 1e6);
            }
        } finally {
            data.close();
        }
    }
}
