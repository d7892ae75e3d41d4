package io.github.kcconsent.it.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Http;

/**
 * The two nodes cluster/cluster.sh started: their own addresses, the one public URL they share, node control
 * (stop, kill -9, start) through the same script, and the outbox table read straight from PostgreSQL.
 */
final class Cluster {

    /** One row of KCC_WEBHOOK_OUTBOX, as the database holds it. */
    record OutboxRow(String id, String consentId, String state, String claimedBy, Long claimUntil) {
    }

    static final String PUBLIC_ORIGIN = env("CLUSTER_HOSTNAME", "http://localhost:8080");
    static final String PUBLIC_REALM = PUBLIC_ORIGIN + "/realms/" + DemoRealm.NAME;

    private final Path script = Path.of(env("CLUSTER_SCRIPT", "../cluster/cluster.sh")).toAbsolutePath();
    private final String jdbcUrl = "jdbc:postgresql://" + env("PGHOST", "127.0.0.1") + ":" + env("PGPORT", "5432") + "/"
            + env("CLUSTER_DB", "kc_consent_cluster");

    /** Node 1 or 2, addressed directly (not through the public URL). */
    static String origin(int node) {
        return "http://127.0.0.1:" + (8079 + node);
    }

    static String realm(int node) {
        return origin(node) + "/realms/" + DemoRealm.NAME;
    }

    static String adminRealm(int node) {
        return origin(node) + "/admin/realms/" + DemoRealm.NAME;
    }

    /** A URL built on the public origin (a form action, a link), sent to one node instead. */
    static String onNode(String publicUrl, int node) {
        if (!publicUrl.startsWith(PUBLIC_ORIGIN)) {
            throw new IllegalArgumentException("not on the public origin: " + publicUrl);
        }
        return origin(node) + publicUrl.substring(PUBLIC_ORIGIN.length());
    }

    /** Whether the node answers HTTP at all (after a stop or a kill it must not). */
    static boolean answers(int node) {
        try {
            Http.get(origin(node) + "/realms/" + DemoRealm.NAME);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    void stopNode(int node) {
        run("stop-node", node);
    }

    void killNode(int node) {
        run("kill-node", node);
    }

    void startNode(int node) {
        run("start-node", node);
    }

    private void run(String command, int node) {
        try {
            Process p = new ProcessBuilder(script.toString(), command, String.valueOf(node)).inheritIO().start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " " + node + " did not finish in 600 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command + " " + node + " failed: exit " + p.exitValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<OutboxRow> outbox() {
        try (Connection c = DriverManager.getConnection(jdbcUrl, env("PGUSER", "postgres"), env("PGPASSWORD", "postgres"));
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select id, consent_id, state, claimed_by, claim_until from kcc_webhook_outbox")) {
            List<OutboxRow> rows = new ArrayList<>();
            while (r.next()) {
                long until = r.getLong(5);
                rows.add(new OutboxRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.wasNull() ? null : until));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
