package io.github.kcconsent.it.openbanking.payments;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import io.github.kcconsent.it.support.ConsentServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * PostgreSQL plans a pooled connection's prepared statement once and may keep that generic plan for as long as
 * the connection lives. Planned while the idempotency table was small (after a deployment), the key lookup
 * used to pick the purge index on {@code (REALM_ID, CREATED_AT)} and filter every key of the realm: 2.3 ms per
 * payment-consent create with 7,000 keys, measured under load, and growing with a day's traffic. This checks the
 * generic plan of the lookup on a fresh, empty copy of the table Liquibase built on the server's database (the
 * state right after a deployment). PostgreSQL only: H2 has no such plan cache.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class PaymentIdempotencyPlanIT {

    /** The statement Hibernate sends for {@code JpaPaymentIdempotency}'s lookup, in its shape. */
    private static final String LOOKUP = "select ID, CLIENT_ID, CONSENT_ID, CREATED_AT, DATA_HASH, KEY_HASH, REALM_ID"
            + " from KCC_IDEM_PLAN_COPY where REALM_ID = $1 and CLIENT_ID = $2 and KEY_HASH = $3";

    @Test
    void theKeyLookupOfAFreshDeploymentUsesTheKeysOwnIndexWhateverTheTableHolds() throws Exception {
        assumeTrue("postgres".equals(System.getProperty("kc.test.database.vendor")), "PostgreSQL only");
        try (Connection c = DriverManager.getConnection(System.getProperty("kc.test.database.url"),
                System.getProperty("kc.test.database.user"), System.getProperty("kc.test.database.password"));
             Statement st = c.createStatement()) {
            // Same columns and indexes as the real table, no rows and no statistics: a fresh deployment.
            st.execute("create temporary table KCC_IDEM_PLAN_COPY (like KCC_PAYMENT_IDEMPOTENCY including indexes)");
            st.execute("set plan_cache_mode = force_generic_plan");
            st.execute("prepare kcc_idem_lookup(varchar, varchar, varchar) as " + LOOKUP);
            String empty = plan(st);
            assertTrue(empty.contains("Index Cond") && empty.contains("key_hash"),
                    "the generic plan looks the key up in an index on the whole key:\n" + empty);
            assertFalse(empty.contains("Filter"), "nothing is filtered row by row:\n" + empty);

            // One realm's and partner's day of keys, planned again: still the key's index.
            st.execute("insert into KCC_IDEM_PLAN_COPY select md5(i::text), 'realm', 'client', md5(i::text) || md5('k' || i),"
                    + " 'data', 'consent', i from generate_series(1, 5000) i");
            st.execute("analyze KCC_IDEM_PLAN_COPY");
            st.execute("deallocate kcc_idem_lookup");
            st.execute("prepare kcc_idem_lookup(varchar, varchar, varchar) as " + LOOKUP);
            String full = plan(st);
            assertTrue(full.contains("Index Cond") && full.contains("key_hash") && !full.contains("Filter"),
                    "with the table filled, the key's index too:\n" + full);
        }
    }

    private static String plan(Statement st) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = st.executeQuery("explain execute kcc_idem_lookup('realm', 'client', 'no-such-key')")) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
