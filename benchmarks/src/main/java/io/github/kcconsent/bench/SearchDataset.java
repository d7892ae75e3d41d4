package io.github.kcconsent.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.github.kcconsent.crypto.AesGcmFieldCipher;
import io.github.kcconsent.crypto.BlindIndex;
import io.github.kcconsent.crypto.DocumentKind;
import io.github.kcconsent.crypto.FieldContext;
import io.github.kcconsent.crypto.FieldKeys;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.ui.LoggerUIService;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The PostgreSQL databases {@link ConsentSearchBenchmark} measures: one per dataset size, named
 * {@code kc_consent_bench_<size>} ({@code …_cpf<pool>} with a non-default CPF pool), created on first use and
 * reused afterwards when it still holds exactly what this generator produces.
 *
 * <p>Schema: our real Liquibase changelog ({@code META-INF/kcconsent-changelog-master.xml}, Liquibase 4.33.0
 * like Keycloak 26.7.0). For a fast load the changelog's secondary indexes and foreign keys are dropped, the
 * rows are streamed in with {@code COPY}, then the very same definitions (read back from
 * {@code pg_get_indexdef}/{@code pg_get_constraintdef} before dropping) are re-created, and the tables are
 * {@code VACUUM ANALYZE}d. On reuse the changelog is applied again, so a changeset added to consent-spi (e.g.
 * a new index) is built on the existing rows before measuring.
 *
 * <p>Rows are real: every personal-data column is an AES-256-GCM ciphertext made by the project's
 * {@link AesGcmFieldCipher} with this row's own {@link FieldContext}, CPF/CNPJ indexes come from
 * {@link BlindIndex}, both under fixed benchmark-only keys (so a reused database still decrypts).
 */
final class SearchDataset {

    /** Bump when the generated data changes, so old databases are rebuilt instead of reused. */
    static final int GENERATOR_VERSION = 2;

    static final String REALM_ID = "5e0c1d2a-9b7f-4c3e-8a61-2f4b6d8e0a13";
    static final String REALM_NAME = "bench";
    static final int CLIENTS = 200;
    /** Default CPF pool: size / 20, i.e. ~20 consents per CPF (Poisson) at every size. */
    static final int DEFAULT_CONSENTS_PER_CPF = 20;
    static final int BUSINESS_PERCENT = 15;
    static final int CPFS_PER_CNPJ = 10;
    static final Duration SPAN = Duration.ofDays(365);

    static final String SERVER = System.getProperty("kcconsent.bench.pg-server", "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getProperty("kcconsent.bench.jdbc-user", "postgres");
    static final String PASSWORD = System.getProperty("kcconsent.bench.jdbc-password", "");
    static final String CHANGELOG = "META-INF/kcconsent-changelog-master.xml";

    private static final List<String> TABLES = List.of("kcc_consent", "kcc_consent_resource", "kcc_consent_status_history");
    private static final int CHUNK = 5_000;
    /** A strong reference, or the JUL logger (and its level) may be collected. */
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

    /** Benchmark-only keys, fixed so that a reused database decrypts in the next run. Never use them elsewhere. */
    static FieldKeys keys() {
        return new ConsentStoreCryptoBenchmark.StaticFieldKeys(
                fixedKey("kc-consent search benchmark encryption key v1", "AES"),
                fixedKey("kc-consent search benchmark blind-index key v1", "HmacSHA256"));
    }

    final int size;
    final int cpfPool;
    final String database;
    final String url;

    SearchDataset(int size, int cpfPool) {
        this.size = size;
        this.cpfPool = cpfPool;
        String suffix = System.getProperty("kcconsent.bench.database-suffix", "");
        if (!suffix.matches("[a-z0-9_]*")) {
            throw new IllegalArgumentException("kcconsent.bench.database-suffix: lower-case letters, digits and _ only");
        }
        this.database = "kc_consent_bench_" + size
                + (cpfPool == Math.max(1, size / DEFAULT_CONSENTS_PER_CPF) ? "" : "_cpf" + cpfPool) + suffix;
        this.url = SERVER + database;
    }

    /** The CPF pool the system properties ask for: {@code kcconsent.bench.cpf-pool}, else size / 20. */
    static int cpfPoolFor(int size) {
        String fixed = System.getProperty("kcconsent.bench.cpf-pool", "");
        return fixed.isBlank() ? Math.max(1, size / DEFAULT_CONSENTS_PER_CPF) : Integer.parseInt(fixed.trim());
    }

    Connection connect() throws SQLException {
        return connect(url);
    }

    static Connection connect(String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", PASSWORD);
        p.setProperty("ApplicationName", "kc-consent-search-benchmark");
        return DriverManager.getConnection(url, p);
    }

    // ------------------------------------------------------------------------------------------ prepare

    /** Makes sure the database exists with exactly this generator's rows; builds it if not. */
    void prepare() throws Exception {
        System.setProperty("liquibase.analytics.enabled", "false"); // no usage reports from a benchmark
        System.setProperty("liquibase.showSummaryOutput", "log");
        LIQUIBASE_LOG.setLevel(Level.WARNING);
        if (reusable()) {
            System.out.printf(Locale.ROOT, "[dataset] reusing %s (%,d consents)%n", database, size);
            return;
        }
        long t0 = System.nanoTime();
        try (Connection admin = connect(SERVER + "postgres"); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + database);
        }
        System.out.printf(Locale.ROOT, "[dataset] building %s: %,d consents, %,d CPFs, %d clients%n",
                database, size, cpfPool, CLIENTS);
        try (Connection c = connect()) {
            c.setAutoCommit(true);
            liquibaseUpdate(c);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE kcc_bench_meta (generator_version INT NOT NULL, consents INT NOT NULL, "
                        + "cpf_pool INT NOT NULL, generated_at BIGINT NOT NULL, load_seconds DOUBLE PRECISION)");
            }
            List<String> indexes = new ArrayList<>();
            List<String> foreignKeys = new ArrayList<>();
            dropSecondaryIndexesAndForeignKeys(c, indexes, foreignKeys);

            long now = System.currentTimeMillis();
            long tLoad = System.nanoTime();
            load(now);
            double loadSeconds = (System.nanoTime() - tLoad) / 1e9;

            long tIndex = System.nanoTime();
            try (Statement st = c.createStatement()) {
                st.execute("SET maintenance_work_mem = '256MB'");
                for (String ddl : indexes) {
                    st.execute(ddl);
                }
                for (String ddl : foreignKeys) {
                    st.execute(ddl);
                }
                for (String table : TABLES) {
                    st.execute("VACUUM (ANALYZE) " + table);
                }
            }
            double indexSeconds = (System.nanoTime() - tIndex) / 1e9;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO kcc_bench_meta VALUES (?, ?, ?, ?, ?)")) {
                ps.setInt(1, GENERATOR_VERSION);
                ps.setInt(2, size);
                ps.setInt(3, cpfPool);
                ps.setLong(4, now);
                ps.setDouble(5, loadSeconds);
                ps.executeUpdate();
            }
            System.out.printf(Locale.ROOT, "[dataset] %s built in %.1f s (COPY %.1f s, indexes + FKs + VACUUM ANALYZE "
                    + "%.1f s)%n", database, (System.nanoTime() - t0) / 1e9, loadSeconds, indexSeconds);
        }
    }

    /** True if the database holds a complete load of this generator with this size and CPF pool. */
    private boolean reusable() throws Exception {
        try (Connection admin = connect(SERVER + "postgres");
             PreparedStatement ps = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
            }
        }
        try (Connection c = connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('kcc_bench_meta') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return false;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT generator_version, consents, cpf_pool FROM kcc_bench_meta")) {
                if (!rs.next() || rs.getInt(1) != GENERATOR_VERSION || rs.getInt(2) != size || rs.getInt(3) != cpfPool) {
                    return false;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM kcc_consent")) {
                rs.next();
                if (rs.getLong(1) != size) {
                    return false;
                }
            }
            // New changesets in consent-spi (e.g. an index) are applied to the existing rows.
            long before = appliedChangeSets(st);
            try {
                liquibaseUpdate(c);
            } catch (Exception e) {
                System.out.println("[dataset] changelog does not apply to " + database + " (" + e.getMessage()
                        + "): rebuilding");
                return false;
            }
            long after = appliedChangeSets(st);
            if (after != before) {
                System.out.printf(Locale.ROOT, "[dataset] applied %d new changeset(s) to %s; ANALYZE%n",
                        after - before, database);
                for (String table : TABLES) {
                    st.execute("VACUUM (ANALYZE) " + table);
                }
            }
            return true;
        }
    }

    private static long appliedChangeSets(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM databasechangelog")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @SuppressWarnings("deprecation") // the Liquibase facade is what Keycloak 26 itself still calls
    private static void liquibaseUpdate(Connection c) throws Exception {
        Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), db);
        // Its progress goes to the (JUL) log, not to stdout in the middle of the JMH output.
        Scope.child(Scope.Attr.ui.name(), new LoggerUIService(),
                () -> liquibase.update(new Contexts(), new LabelExpression()));
        // Liquibase's JdbcConnection turned auto-commit off: commit and restore it, or this connection keeps
        // its locks. Not closing the Liquibase/Database: that would close the caller's connection.
        c.commit();
        c.setAutoCommit(true);
    }

    /** Reads back the changelog's secondary indexes and foreign keys as DDL, then drops them for the load. */
    private static void dropSecondaryIndexesAndForeignKeys(Connection c, List<String> indexes, List<String> fks)
            throws SQLException {
        String tables = "('" + String.join("','", TABLES) + "')";
        List<String> drops = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT quote_ident(t.relname), quote_ident(con.conname), "
                    + "pg_get_constraintdef(con.oid) FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid "
                    + "WHERE con.contype = 'f' AND t.relname IN " + tables + " ORDER BY 1, 2")) {
                while (rs.next()) {
                    drops.add("ALTER TABLE " + rs.getString(1) + " DROP CONSTRAINT " + rs.getString(2));
                    fks.add("ALTER TABLE " + rs.getString(1) + " ADD CONSTRAINT " + rs.getString(2) + " " + rs.getString(3));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT quote_ident(i.relname), pg_get_indexdef(ix.indexrelid) "
                    + "FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid "
                    + "WHERE t.relname IN " + tables + " AND NOT ix.indisprimary AND NOT ix.indisunique ORDER BY 1")) {
                while (rs.next()) {
                    drops.add("DROP INDEX " + rs.getString(1));
                    indexes.add(rs.getString(2));
                }
            }
            for (String ddl : drops) {
                st.execute(ddl);
            }
        }
        if (indexes.size() < 8) {
            throw new IllegalStateException("expected the changelog's indexes on " + tables + ", found " + indexes);
        }
    }

    // ------------------------------------------------------------------------------------------ generation

    /** Streams all rows with COPY, in chunks of 5,000 consents, on one connection per core. */
    private void load(long now) throws Exception {
        FieldKeys keys = keys();
        Generator generator = new Generator(this, now, new AesGcmFieldCipher(keys), new BlindIndex(keys));
        int chunks = (size + CHUNK - 1) / CHUNK;
        int threads = Math.max(1, Math.min(chunks, Integer.getInteger("kcconsent.bench.load-threads",
                Runtime.getRuntime().availableProcessors())));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    try (Connection c = connect()) {
                        try (Statement st = c.createStatement()) {
                            st.execute("SET synchronous_commit = off");
                        }
                        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                        for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) {
                            Generator.Chunk rows = generator.chunk(chunk, chunk * CHUNK, Math.min(size, (chunk + 1) * CHUNK));
                            copy.copyIn("COPY kcc_consent (" + Generator.CONSENT_COLUMNS + ") FROM STDIN", rows.consents());
                            copy.copyIn("COPY kcc_consent_resource (" + Generator.RESOURCE_COLUMNS + ") FROM STDIN", rows.resources());
                            copy.copyIn("COPY kcc_consent_status_history (" + Generator.HISTORY_COLUMNS + ") FROM STDIN", rows.history());
                            int d = done.incrementAndGet();
                            if (chunks >= 20 && d % (chunks / 10) == 0) {
                                System.out.printf(Locale.ROOT, "[dataset]   %d%%%n", 100 * d / chunks);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Deterministic per chunk (seeded by its index); only the AES-GCM nonces are random. */
    static final class Generator {

        static final String CONSENT_COLUMNS = "id, version, realm_id, client_id, user_id, consent_type, origin, status, "
                + "permissions, created_at, status_updated_at, expires_at, auth_deadline, rejected_by, rejection_reason, "
                + "rejection_info, enc_key_id, cpf_enc, cpf_bidx, cnpj_enc, cnpj_bidx, session_metadata_enc, payment_enc";
        static final String RESOURCE_COLUMNS = "id, consent_id, position, resource_id, resource_type, label_enc";
        static final String HISTORY_COLUMNS = "id, consent_id, seq, from_status, to_status, changed_at, actor, channel, "
                + "reason, additional_info";

        private static final long SEED = 0x6b63_636f_6e73_656eL;
        private static final long MINUTE = 60_000L;
        private static final long HOUR = 60 * MINUTE;
        private static final long DAY = 24 * HOUR;
        private static final String[] DATA_PERMISSIONS = {
                "[\"ACCOUNTS_READ\",\"ACCOUNTS_BALANCES_READ\",\"RESOURCES_READ\"]",
                "[\"ACCOUNTS_READ\",\"ACCOUNTS_BALANCES_READ\",\"ACCOUNTS_TRANSACTIONS_READ\",\"RESOURCES_READ\"]",
                "[\"ACCOUNTS_READ\",\"ACCOUNTS_BALANCES_READ\",\"ACCOUNTS_TRANSACTIONS_READ\",\"ACCOUNTS_OVERDRAFT_LIMITS_READ\","
                        + "\"CREDIT_CARDS_ACCOUNTS_READ\",\"CREDIT_CARDS_ACCOUNTS_BILLS_READ\",\"CREDIT_CARDS_ACCOUNTS_TRANSACTIONS_READ\","
                        + "\"CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ\",\"CUSTOMERS_PERSONAL_ADITTIONALINFO_READ\",\"RESOURCES_READ\"]",
                "[\"CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ\",\"RESOURCES_READ\"]",
        };
        private static final String PAYMENT_PERMISSIONS = "[\"PAYMENTS_INITIATE\"]";
        private static final String[] LABELS = {"Conta corrente ****", "Poupança ****", "Cartão Platinum ****"};
        private static final String[] RESOURCE_TYPES = {"ACCOUNT", "ACCOUNT", "CREDIT_CARD_ACCOUNT"};

        final long now;
        final AesGcmFieldCipher cipher;
        final String keyId;
        final String[] clients = new String[CLIENTS];
        final double[] clientCdf = new double[CLIENTS];
        final String[] cpfIndexes;
        final String[] cnpjs;
        final String[] cnpjIndexes;
        final int cpfPool;

        Generator(SearchDataset ds, long now, AesGcmFieldCipher cipher, BlindIndex blindIndex) {
            this.now = now;
            this.cipher = cipher;
            this.keyId = cipher.activeKeyId();
            this.cpfPool = ds.cpfPool;
            double sum = 0;
            for (int k = 0; k < CLIENTS; k++) {
                clients[k] = clientId(k);
                sum += 1.0 / (k + 1);
                clientCdf[k] = sum;
            }
            for (int k = 0; k < CLIENTS; k++) {
                clientCdf[k] /= sum;
            }
            cpfIndexes = new String[cpfPool];
            for (int i = 0; i < cpfPool; i++) {
                cpfIndexes[i] = blindIndex.index(DocumentKind.CPF, cpf(i));
            }
            int cnpjPool = Math.max(1, cpfPool / CPFS_PER_CNPJ);
            cnpjs = new String[cnpjPool];
            cnpjIndexes = new String[cnpjPool];
            for (int i = 0; i < cnpjPool; i++) {
                cnpjs[i] = cnpj(i);
                cnpjIndexes[i] = blindIndex.index(DocumentKind.CNPJ, cnpjs[i]);
            }
        }

        record Chunk(ByteArrayInputStream consents, ByteArrayInputStream resources, ByteArrayInputStream history) {
        }

        Chunk chunk(int chunkIndex, int from, int to) {
            SplittableRandom rnd = new SplittableRandom(SEED + 1_000_003L * chunkIndex);
            StringBuilder consents = new StringBuilder((to - from) * 900);
            StringBuilder resources = new StringBuilder((to - from) * 250);
            StringBuilder history = new StringBuilder((to - from) * 450);
            for (int n = from; n < to; n++) {
                row(rnd, consents, resources, history);
            }
            return new Chunk(bytes(consents), bytes(resources), bytes(history));
        }

        private void row(SplittableRandom rnd, StringBuilder out, StringBuilder resOut, StringBuilder histOut) {
            String id = "urn:" + REALM_NAME + ":" + uuid(rnd);
            boolean payment = rnd.nextInt(100) < 30;
            String type = payment ? "PAYMENT" : "DATA_SHARING";
            String origin = rnd.nextInt(100) < 60 ? "CONSENT_LINK" : "OPEN_FINANCE_API";
            String clientId = clients[client(rnd.nextDouble())];
            int cpfIdx = rnd.nextInt(cpfPool);
            String cpf = cpf(cpfIdx);
            String userId = userId(cpfIdx);
            int cnpjIdx = rnd.nextInt(100) < BUSINESS_PERCENT ? rnd.nextInt(cnpjs.length) : -1;
            long window = payment ? 5 * MINUTE : 60 * MINUTE;

            // Lifecycle: created → [authorised → [consumed | revoked/expired]] | rejected/expired while awaiting.
            int roll = rnd.nextInt(1000);
            boolean authorised;
            String finalStatus;
            String reason = null;
            String rejectedBy = null;
            long created;
            if (roll < 10) { // 1 %: still awaiting, created within its window
                finalStatus = "AWAITING_AUTHORISATION";
                authorised = false;
                created = now - rnd.nextLong(window);
            } else if (payment) {
                created = now - rnd.nextLong(SPAN.toMillis());
                if (roll < 50) { // 4 %: authorised, not yet consumed (recent)
                    finalStatus = "AUTHORISED";
                    authorised = true;
                    created = now - rnd.nextLong(DAY);
                } else if (roll < 800) { // 75 %: consumed
                    finalStatus = "CONSUMED";
                    authorised = true;
                } else if (roll < 950) { // 15 %: rejected while awaiting
                    finalStatus = "REJECTED";
                    authorised = false;
                    int r = rnd.nextInt(4);
                    reason = r == 0 ? "TEMPO_EXPIRADO_AUTORIZACAO" : r == 1 ? "REJEITADO_USUARIO"
                            : r == 2 ? "SALDO_INSUFICIENTE" : "VALOR_ACIMA_LIMITE";
                    rejectedBy = r == 1 ? "USER" : "ASPSP";
                } else { // 5 %: authorised, never consumed
                    finalStatus = "REJECTED";
                    authorised = true;
                    reason = "TEMPO_EXPIRADO_CONSUMO";
                    rejectedBy = "ASPSP";
                }
            } else {
                created = now - rnd.nextLong(SPAN.toMillis());
                if (roll < 560) { // 55 %: authorised (valid for 12 months, so not expired)
                    finalStatus = "AUTHORISED";
                    authorised = true;
                } else if (roll < 690) { // 13 %: the customer said no, or let the link lapse
                    finalStatus = "REJECTED";
                    authorised = false;
                    boolean lapsed = rnd.nextBoolean();
                    reason = lapsed ? "CONSENT_EXPIRED" : "CUSTOMER_MANUALLY_REJECTED";
                    rejectedBy = lapsed ? "ASPSP" : "USER";
                } else if (roll < 980) { // 29 %: revoked later
                    finalStatus = "REJECTED";
                    authorised = true;
                    reason = "CUSTOMER_MANUALLY_REVOKED";
                    rejectedBy = rnd.nextInt(4) == 0 ? "TPP" : "USER";
                } else { // 2 %: revoked by the bank
                    finalStatus = "REJECTED";
                    authorised = true;
                    reason = "INTERNAL_SECURITY_REASON";
                    rejectedBy = "ASPSP";
                }
            }
            long expires = payment ? created + DAY : created + 365 * DAY;
            long authorisedAt = created + 10_000 + rnd.nextLong(5 * MINUTE);
            long updated;
            List<String[]> steps = new ArrayList<>(3); // from, to, at, actor, channel, reason
            String linkChannel = origin.equals("CONSENT_LINK") ? "CONSENT_LINK" : "OPEN_FINANCE_API";
            steps.add(new String[]{null, "AWAITING_AUTHORISATION", Long.toString(created), "client:" + clientId, linkChannel, null});
            if (finalStatus.equals("AWAITING_AUTHORISATION")) {
                updated = created;
            } else if (!authorised) {
                updated = reason.equals("CONSENT_EXPIRED") || reason.equals("TEMPO_EXPIRADO_AUTORIZACAO")
                        ? created + window : created + 5_000 + rnd.nextLong(window);
                boolean byUser = "USER".equals(rejectedBy);
                steps.add(new String[]{"AWAITING_AUTHORISATION", "REJECTED", Long.toString(updated),
                        byUser ? "user:" + userId : "system:expiry", byUser ? "AUTHORIZATION_FLOW" : "SCHEDULER", reason});
            } else {
                steps.add(new String[]{"AWAITING_AUTHORISATION", "AUTHORISED", Long.toString(authorisedAt), "user:" + userId,
                        "AUTHORIZATION_FLOW", null});
                updated = authorisedAt;
                if (finalStatus.equals("CONSUMED")) {
                    updated = authorisedAt + 1_000 + rnd.nextLong(MINUTE);
                    steps.add(new String[]{"AUTHORISED", "CONSUMED", Long.toString(updated), "client:" + clientId,
                            "OPEN_FINANCE_API", null});
                } else if (finalStatus.equals("REJECTED")) {
                    long latest = Math.max(authorisedAt + 1, Math.min(now, expires));
                    updated = reason.equals("TEMPO_EXPIRADO_CONSUMO") ? Math.min(now, expires)
                            : authorisedAt + rnd.nextLong(latest - authorisedAt);
                    String actor = switch (rejectedBy) {
                        case "USER" -> rnd.nextBoolean() ? "user:" + userId : "admin:" + uuid(rnd);
                        case "TPP" -> "client:" + clientId;
                        default -> "system:" + (reason.startsWith("TEMPO") ? "expiry" : "fraud-monitor");
                    };
                    String channel = switch (rejectedBy) {
                        case "USER" -> actor.startsWith("admin:") ? "BACK_OFFICE" : "SELF_SERVICE";
                        case "TPP" -> "OPEN_FINANCE_API";
                        default -> reason.startsWith("TEMPO") ? "SCHEDULER" : "SYSTEM";
                    };
                    steps.add(new String[]{"AUTHORISED", "REJECTED", Long.toString(updated), actor, channel, reason});
                }
            }

            // KCC_CONSENT
            col(out, id).tab();
            out.append(steps.size() - 1).append('\t');
            col(out, REALM_ID).tab();
            col(out, clientId).tab();
            col(out, finalStatus.equals("AWAITING_AUTHORISATION") ? null : userId).tab();
            col(out, type).tab();
            col(out, origin).tab();
            col(out, finalStatus).tab();
            col(out, payment ? PAYMENT_PERMISSIONS : DATA_PERMISSIONS[rnd.nextInt(DATA_PERMISSIONS.length)]).tab();
            out.append(created).append('\t').append(updated).append('\t').append(expires).append('\t')
                    .append(created + window).append('\t');
            col(out, rejectedBy).tab();
            col(out, reason).tab();
            col(out, null).tab();
            col(out, keyId).tab();
            col(out, encrypt(id, "cpf", cpf)).tab();
            col(out, cpfIndexes[cpfIdx]).tab();
            col(out, cnpjIdx < 0 ? null : encrypt(id, "cnpj", cnpjs[cnpjIdx])).tab();
            col(out, cnpjIdx < 0 ? null : cnpjIndexes[cnpjIdx]).tab();
            col(out, encrypt(id, "session_metadata", sessionMetadata(rnd))).tab();
            col(out, payment ? encrypt(id, "payment", paymentDetails(rnd, created)) : null);
            out.append('\n');

            // KCC_CONSENT_RESOURCE: what the customer selected when authorising
            if (authorised) {
                int count = payment ? 1 : 1 + rnd.nextInt(3);
                for (int p = 0; p < count; p++) {
                    int kind = payment ? 0 : rnd.nextInt(LABELS.length);
                    String resourceId = "acc-" + Long.toHexString(rnd.nextLong() & 0xffff_ffffL);
                    col(resOut, uuid(rnd)).tab();
                    col(resOut, id).tab();
                    resOut.append(p).append('\t');
                    col(resOut, resourceId).tab();
                    col(resOut, RESOURCE_TYPES[kind]).tab();
                    col(resOut, encrypt(id, "resource_label:" + resourceId,
                            LABELS[kind] + String.format(Locale.ROOT, "%04d", rnd.nextInt(10_000))));
                    resOut.append('\n');
                }
            }

            // KCC_CONSENT_STATUS_HISTORY
            for (int s = 0; s < steps.size(); s++) {
                String[] h = steps.get(s);
                col(histOut, uuid(rnd)).tab();
                col(histOut, id).tab();
                histOut.append(s).append('\t');
                col(histOut, h[0]).tab();
                col(histOut, h[1]).tab();
                histOut.append(h[2]).append('\t');
                col(histOut, h[3]).tab();
                col(histOut, h[4]).tab();
                col(histOut, h[5]).tab();
                col(histOut, null);
                histOut.append('\n');
            }
        }

        private String encrypt(String consentId, String field, String value) {
            return cipher.encrypt(new FieldContext(REALM_ID, consentId, field), value);
        }

        private int client(double u) {
            int lo = 0;
            int hi = CLIENTS - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (clientCdf[mid] < u) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        private static String sessionMetadata(SplittableRandom rnd) {
            return "{\"partner_session_id\":\"" + uuid(rnd) + "\",\"channel\":\""
                    + (rnd.nextInt(4) == 0 ? "web" : "mobile-app") + "\",\"device\":{\"os\":\""
                    + (rnd.nextBoolean() ? "android" : "ios") + "\",\"app_version\":\"5." + rnd.nextInt(20) + ".0\"},"
                    + "\"ip\":\"203.0." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "\",\"journey\":\"account-aggregation\","
                    + "\"locale\":\"pt-BR\"}";
        }

        private String paymentDetails(SplittableRandom rnd, long created) {
            return "{\"type\":\"PIX\",\"date\":\"" + Instant.ofEpochMilli(created).toString().substring(0, 10)
                    + "\",\"currency\":\"BRL\",\"amount\":\"" + (1 + rnd.nextInt(5000)) + "." + String.format(Locale.ROOT, "%02d", rnd.nextInt(100))
                    + "\",\"creditor\":{\"personType\":\"PESSOA_NATURAL\",\"name\":\"Fulano de Tal\",\"cpfCnpj\":\""
                    + cpf(rnd.nextInt(1_000_000)) + "\"}}";
        }

        /** Text-format COPY value: {@code \N} for null, backslash, tab and line breaks escaped. */
        private static Col col(StringBuilder out, String value) {
            if (value == null) {
                out.append("\\N");
            } else {
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    switch (c) {
                        case '\\' -> out.append("\\\\");
                        case '\t' -> out.append("\\t");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        default -> out.append(c);
                    }
                }
            }
            return new Col(out);
        }

        private record Col(StringBuilder out) {
            void tab() {
                out.append('\t');
            }
        }

        private static ByteArrayInputStream bytes(StringBuilder sb) {
            return new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8));
        }

        private static String uuid(SplittableRandom rnd) {
            long hi = (rnd.nextLong() & 0xffff_ffff_ffff_0fffL) | 0x0000_0000_0000_4000L;
            long lo = (rnd.nextLong() & 0x3fff_ffff_ffff_ffffL) | 0x8000_0000_0000_0000L;
            return new UUID(hi, lo).toString();
        }
    }

    // ------------------------------------------------------------------------------------------ identities

    static String clientId(int k) {
        return UUID.nameUUIDFromBytes(("kcc-bench-client-" + k).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String userId(int cpfIdx) {
        return UUID.nameUUIDFromBytes(("kcc-bench-user-" + cpfIdx).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The i-th CPF of the pool: distinct for distinct i (an affine bijection of 9 digits) with valid check digits. */
    static String cpf(int i) {
        long base = (i * 387_420_489L + 123_456_789L) % 1_000_000_000L;
        int[] d = new int[11];
        for (int k = 8; k >= 0; k--) {
            d[k] = (int) (base % 10);
            base /= 10;
        }
        d[9] = checkDigit(d, 9, 10);
        d[10] = checkDigit(d, 10, 11);
        StringBuilder s = new StringBuilder(11);
        for (int x : d) {
            s.append(x);
        }
        return s.toString();
    }

    private static int checkDigit(int[] d, int n, int firstWeight) {
        int sum = 0;
        for (int k = 0; k < n; k++) {
            sum += d[k] * (firstWeight - k);
        }
        int r = sum % 11;
        return r < 2 ? 0 : 11 - r;
    }

    /** The i-th CNPJ of the pool, with valid check digits. */
    static String cnpj(int i) {
        long base = (i * 531_441L + 98_765_432_101L) % 1_000_000_000_000L;
        int[] d = new int[14];
        for (int k = 11; k >= 0; k--) {
            d[k] = (int) (base % 10);
            base /= 10;
        }
        int[] w1 = {5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
        int[] w2 = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
        d[12] = cnpjDigit(d, w1);
        d[13] = cnpjDigit(d, w2);
        StringBuilder s = new StringBuilder(14);
        for (int x : d) {
            s.append(x);
        }
        return s.toString();
    }

    private static int cnpjDigit(int[] d, int[] weights) {
        int sum = 0;
        for (int k = 0; k < weights.length; k++) {
            sum += d[k] * weights[k];
        }
        int r = sum % 11;
        return r < 2 ? 0 : 11 - r;
    }

    /** Plaintext CPF by blind index, for the CPFs of this pool (the benchmark's search targets). */
    Map<String, String> cpfsByIndex() {
        BlindIndex index = new BlindIndex(keys());
        Map<String, String> out = new HashMap<>(cpfPool * 2);
        for (int i = 0; i < cpfPool; i++) {
            String cpf = cpf(i);
            out.put(index.index(DocumentKind.CPF, cpf), cpf);
        }
        return out;
    }

    private static SecretKey fixedKey(String label, String algorithm) {
        try {
            return new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8)),
                    algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
