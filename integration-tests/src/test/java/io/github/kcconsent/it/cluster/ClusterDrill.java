package io.github.kcconsent.it.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import io.github.kcconsent.it.support.BrowserSession;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.PartnerLinks;
import io.github.kcconsent.it.support.StaffTokens;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.TestUsers;
import io.github.kcconsent.it.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * Cluster drills against the two nodes cluster/cluster.sh runs (cluster/drills.sh starts them, runs this and
 * stops them; not part of the default suite: the name ends in Drill). Each drill counts what happened and
 * puts expected, observed and PASS/FAIL in one table; the run fails at the end if any drill failed, after
 * printing the table. Loopback only; every wait has a deadline.
 */
class ClusterDrill {

    private static final int CLAIM_SECONDS = Integer.parseInt(env("DRILL_CLAIM_SECONDS", "15"));
    private static final int DISPATCHERS = Integer.parseInt(env("DRILL_DISPATCHERS", "2"));
    /** Attempts one dispatcher runs at once for one partner (the nodes get the same value, see drills.sh). */
    private static final int PER_PARTNER = Integer.parseInt(env("DRILL_MAX_IN_FLIGHT_PER_PARTNER", "2"));
    /**
     * Events a killed node can have in flight, so may arrive twice: the drills' events are all one partner's,
     * so each of its dispatchers runs at most {@link #PER_PARTNER} attempts at once.
     */
    private static final int IN_FLIGHT = Integer.parseInt(env("DRILL_MAX_IN_FLIGHT", String.valueOf(DISPATCHERS * PER_PARTNER)));
    private static final Duration SLOW = Duration.ofMillis(Long.parseLong(env("DRILL_RECEIVER_DELAY_MS", "1000")));
    private static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(300);

    private final Cluster cluster = new Cluster();
    private final DrillTable table = new DrillTable();
    private final PartnerLinks partner = new PartnerLinks(Cluster.PUBLIC_REALM);
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private RealmResource realm;
    private String partnerId;
    private String customerId;
    private WebhookReceiver receiver;

    @Test
    void drills() throws Exception {
        try (Keycloak admin = Keycloak.getInstance(Cluster.origin(1), "master", env("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"),
                env("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"), "admin-cli")) {
            realm = admin.realm(DemoRealm.NAME);
            receiver = new WebhookReceiver();
            try {
                enableWebhooks();
                customerId = TestUsers.idOf(realm, DemoRealm.USER);
                run("jti: first use on one node, replay on the other", "10/10 first uses accepted, 10/10 replays refused", this::jtiReplay);
                run("Link aud = a node's own URL instead of the public one", "refused on both nodes (wrong audience)", this::nodeAudience);
                run("Same link opened on both nodes at once", "20/20 links: exactly one open accepted, no 5xx", this::simultaneousOpens);
                run("Permitir posted to both nodes at once", "5/5 trials: one consent, no 5xx", this::permitirOnBothNodes);
                run("Create on one node, read on the other", "50/50 reads current (create and authorise)", this::readYourWrites);
                run("Racing revocations split across nodes", "20 consents × 4 back-office revokes: one 200 each, rest 409, no 5xx", this::racingRevocations);
                run("200 webhook events, slow receiver (" + SLOW.toMillis() + " ms)", "0 missing, 0 duplicates", this::slowReceiver);
                run("Graceful stop of node 2 mid-delivery", "0 claims left behind, 0 missing", this::gracefulStop);
                run("kill -9 of node 2 mid-delivery", "0 missing, duplicates ≤ " + IN_FLIGHT + " (in flight)", this::killMidDelivery);
            } finally {
                receiver.close();
                pool.shutdownNow();
            }
        }
        String markdown = table.markdown();
        System.out.println("\n" + markdown);
        Path out = Path.of("target", "cluster-drills.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, markdown);
        assertTrue(table.allPassed(), "some cluster drills failed (table above and in " + out + ")");
    }

    private interface Drill {
        /** Runs the drill, adds its row, or throws when it could not run to the end. */
        void run(String name, String expected) throws Exception;
    }

    private void run(String name, String expected, Drill drill) {
        try {
            drill.run(name, expected);
        } catch (Exception | AssertionError e) {
            table.broken(name, expected, e);
        }
    }

    // ---- consent links -------------------------------------------------------------------------------------

    private void jtiReplay(String name, String expected) {
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 10; i++) {
            int first = i % 2 == 0 ? 1 : 2;
            String link = partner.link(partner.sign(partner.validClaims().build()));
            if (acceptedOpen(Http.get(Cluster.onNode(link, first), "Accept-Language", "pt-BR"))) {
                accepted++;
            }
            HttpResponse<String> replay = Http.get(Cluster.onNode(link, 3 - first), "Accept-Language", "pt-BR");
            if ((replay.statusCode() == 400 || replay.statusCode() == 404) && replay.body().contains("já foi usado")) {
                refused++;
            }
        }
        table.add(name, expected, accepted + "/10 first uses accepted, " + refused + "/10 replays refused",
                accepted == 10 && refused == 10);
    }

    private void nodeAudience(String name, String expected) {
        List<String> seen = new ArrayList<>();
        boolean refused = true;
        for (int node = 1; node <= 2; node++) {
            String link = partner.link(partner.sign(partner.validClaims().audience(Cluster.realm(node)).build()));
            HttpResponse<String> answer = Http.get(Cluster.onNode(link, node), "Accept-Language", "pt-BR");
            seen.add("node " + node + ": HTTP " + answer.statusCode());
            refused &= answer.statusCode() == 400 && !answer.body().contains("kc-form-login");
        }
        table.add(name, expected, String.join(", ", seen), refused);
    }

    private void simultaneousOpens(String name, String expected) throws Exception {
        int oneWinner = 0;
        int serverErrors = 0;
        for (int i = 0; i < 20; i++) {
            String link = partner.link(partner.sign(partner.validClaims().build()));
            List<HttpResponse<String>> answers = atOnce(List.of(
                    () -> Http.get(Cluster.onNode(link, 1), "Accept-Language", "pt-BR"),
                    () -> Http.get(Cluster.onNode(link, 2), "Accept-Language", "pt-BR")));
            if (answers.stream().filter(ClusterDrill::acceptedOpen).count() == 1) {
                oneWinner++;
            }
            serverErrors += (int) answers.stream().filter(r -> r.statusCode() >= 500).count();
        }
        table.add(name, expected, oneWinner + "/20 links with exactly one accepted open, " + serverErrors + " 5xx",
                oneWinner == 20 && serverErrors == 0);
    }

    private static boolean acceptedOpen(HttpResponse<String> response) {
        return response.statusCode() == 200 && response.body().contains("kc-form-login");
    }

    private void permitirOnBothNodes(String name, String expected) throws Exception {
        String staff = StaffTokens.withRoles(realm, Cluster.realm(1), "view-consents");
        int single = 0;
        int serverErrors = 0;
        List<String> counts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String username = TestUsers.customer(realm, "drill", TestUsers.TWO_ACCOUNTS);
            BrowserSession browser = new BrowserSession(Cluster.PUBLIC_ORIGIN)
                    .open(Cluster.onNode(partner.link(partner.sign(partner.validClaims().build())), 1 + i % 2));
            browser.login(username, TestUsers.PASSWORD);
            String action = browser.formAction("kcconsent-form");
            String form = "decision=approve&account=acc-0001";
            List<HttpResponse<String>> answers = atOnce(List.of(
                    () -> browser.postConcurrently(Cluster.onNode(action, 1), form),
                    () -> browser.postConcurrently(Cluster.onNode(action, 2), form)));
            serverErrors += (int) answers.stream().filter(r -> r.statusCode() >= 500).count();
            long consents = consentsOf(staff, username);
            counts.add(String.valueOf(consents));
            if (consents == 1) {
                single++;
            }
        }
        table.add(name, expected, single + "/5 trials with one consent (consents per trial: " + String.join(",", counts)
                + "), " + serverErrors + " 5xx", single == 5 && serverErrors == 0);
    }

    // ---- the store across nodes ---------------------------------------------------------------------------

    private void readYourWrites(String name, String expected) {
        int current = 0;
        for (int i = 0; i < 50; i++) {
            int a = 1 + i % 2;
            int b = 3 - a;
            String id = (String) store(a).create(newConsent()).get("id");
            boolean createdSeen = "AWAITING_AUTHORISATION".equals(store(b).consent(id).get("status"));
            authorise(b, id);
            boolean authorisedSeen = "AUTHORISED".equals(store(a).consent(id).get("status"));
            if (createdSeen && authorisedSeen) {
                current++;
            }
        }
        table.add(name, expected, current + "/50 reads current", current == 50);
    }

    private void racingRevocations(String name, String expected) throws Exception {
        String staff = StaffTokens.withRoles(realm, Cluster.realm(1), "manage-consents");
        int oneWinner = 0;
        Map<Integer, Integer> statuses = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            String id = authorisedConsent(1 + i % 2);
            List<Callable<HttpResponse<String>>> revokes = new ArrayList<>();
            for (int node : new int[] {1, 2, 1, 2}) {
                revokes.add(() -> Http.send(HttpRequest.newBuilder(URI.create(Cluster.adminRealm(node) + "/consents/"
                                + StoreDriver.encode(id) + "/revoke"))
                        .header("Authorization", "Bearer " + staff).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build()));
            }
            List<HttpResponse<String>> answers = atOnce(revokes);
            answers.forEach(r -> statuses.merge(r.statusCode(), 1, Integer::sum));
            // The back-office revoke answers 200 with the consent (README, Back-office API); a loser 409.
            long won = answers.stream().filter(r -> r.statusCode() == 200).count();
            boolean othersDocumented = answers.stream().allMatch(r -> Set.of(200, 409).contains(r.statusCode()));
            if (won == 1 && othersDocumented) {
                oneWinner++;
            }
        }
        boolean no5xx = statuses.keySet().stream().noneMatch(s -> s >= 500);
        table.add(name, expected, oneWinner + "/20 with one 200 and the rest 409; statuses " + statuses,
                oneWinner == 20 && no5xx);
    }

    // ---- webhooks -----------------------------------------------------------------------------------------

    /** What the receiver got for a set of consents, against the events the outbox holds for them. */
    private record Deliveries(int expected, int missing, int duplicated, int extra, int failedInOutbox) {
        @Override
        public String toString() {
            return expected + " events, " + missing + " missing, " + duplicated + " delivered more than once (" + extra
                    + " extra deliveries)" + (failedInOutbox > 0 ? ", " + failedInOutbox + " FAILED in the outbox" : "");
        }
    }

    private Deliveries deliveries(Set<String> consents) {
        List<Cluster.OutboxRow> rows = cluster.outbox().stream().filter(r -> consents.contains(r.consentId())).toList();
        Set<String> events = rows.stream().map(Cluster.OutboxRow::id).collect(Collectors.toSet());
        Map<String, Long> delivered = receiver.received().stream().filter(r -> r.answered() / 100 == 2)
                .filter(r -> events.contains(r.eventId()))
                .collect(Collectors.groupingBy(WebhookReceiver.Received::eventId, Collectors.counting()));
        int missing = (int) events.stream().filter(e -> !delivered.containsKey(e)).count();
        int duplicated = (int) delivered.values().stream().filter(n -> n > 1).count();
        int extra = (int) delivered.values().stream().mapToLong(n -> n - 1).sum();
        int failed = (int) rows.stream().filter(r -> "FAILED".equals(r.state())).count();
        return new Deliveries(events.size(), missing, duplicated, extra, failed);
    }

    /** One authorised consent per event, spread over the nodes (each authorisation queues one event). */
    private Set<String> queueEvents(int count, int... nodes) throws Exception {
        List<Future<String>> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int node = nodes[i % nodes.length];
            created.add(pool.submit(() -> authorisedConsent(node)));
        }
        Set<String> ids = new HashSet<>();
        for (Future<String> f : created) {
            ids.add(f.get(120, TimeUnit.SECONDS));
        }
        return ids;
    }

    /** Waits until every queued event for these consents reached the receiver; returns how long, or null. */
    private Duration awaitAllDelivered(Set<String> consents, Instant from) throws InterruptedException {
        boolean done = waitUntil(DELIVERY_DEADLINE, () -> deliveries(consents).missing() == 0 && deliveries(consents).expected() == consents.size());
        return done ? Duration.between(from, Instant.now()) : null;
    }

    private void slowReceiver(String name, String expected) throws Exception {
        receiver.delay(SLOW);
        Instant start = Instant.now();
        Set<String> consents = queueEvents(200, 1, 2);
        Duration took = awaitAllDelivered(consents, start);
        // A duplicate shows up once the claim of a batch expires: wait past claim-seconds before counting.
        Thread.sleep(Duration.ofSeconds(CLAIM_SECONDS + 5).toMillis());
        Deliveries d = deliveries(consents);
        table.add(name, expected, d + ", all delivered " + (took == null ? "NOT within " + DELIVERY_DEADLINE.toSeconds() + " s"
                : "after " + took.toSeconds() + " s"), d.missing() == 0 && d.duplicated() == 0 && took != null);
    }

    private void gracefulStop(String name, String expected) throws Exception {
        receiver.delay(SLOW);
        Set<String> consents = queueEvents(60, 1, 2);
        waitUntil(Duration.ofSeconds(60), () -> deliveredCount(consents) >= 8);
        Instant stop = Instant.now();
        cluster.stopNode(2);
        Duration stopTook = Duration.between(stop, Instant.now());
        if (Cluster.answers(2)) {
            throw new AssertionError("node 2 still answers after its graceful stop");
        }
        // Node 1 now answers at once, so after a moment any claim still held belongs to the stopped node.
        receiver.delay(Duration.ZERO);
        Thread.sleep(3000);
        Set<Cluster.OutboxRow> first = heldClaims(consents);
        Thread.sleep(1000);
        Set<Cluster.OutboxRow> second = heldClaims(consents);
        first.retainAll(second);
        int leftBehind = first.size();
        Duration took = awaitAllDelivered(consents, stop);
        Deliveries d = deliveries(consents);
        table.add(name, expected, leftBehind + " claims left behind (PENDING, claim still running after the stop); stop took "
                        + stopTook.toSeconds() + " s; " + d + ", all delivered " + (took == null ? "NOT within "
                        + DELIVERY_DEADLINE.toSeconds() + " s" : took.toSeconds() + " s after SIGTERM"),
                leftBehind == 0 && d.missing() == 0 && took != null);
        cluster.startNode(2);
    }

    private Set<Cluster.OutboxRow> heldClaims(Set<String> consents) {
        long now = System.currentTimeMillis();
        return cluster.outbox().stream().filter(r -> consents.contains(r.consentId())).filter(r -> "PENDING".equals(r.state()))
                .filter(r -> r.claimUntil() != null && r.claimUntil() > now).collect(Collectors.toCollection(HashSet::new));
    }

    private void killMidDelivery(String name, String expected) throws Exception {
        receiver.delay(SLOW);
        Set<String> consents = queueEvents(100, 1, 2);
        waitUntil(Duration.ofSeconds(60), () -> deliveredCount(consents) >= 10);
        Instant kill = Instant.now();
        cluster.killNode(2);
        if (Cluster.answers(2)) {
            throw new AssertionError("node 2 still answers after kill -9");
        }
        Duration took = awaitAllDelivered(consents, kill);
        Thread.sleep(Duration.ofSeconds(CLAIM_SECONDS + 5).toMillis());
        Deliveries d = deliveries(consents);
        table.add(name, expected, d + ", all delivered " + (took == null ? "NOT within " + DELIVERY_DEADLINE.toSeconds() + " s"
                        : took.toSeconds() + " s after the kill") + " (claim-seconds " + CLAIM_SECONDS + ")",
                d.missing() == 0 && d.extra() <= IN_FLIGHT && took != null);
    }

    private int deliveredCount(Set<String> consents) {
        Deliveries d = deliveries(consents);
        return d.expected() - d.missing();
    }

    // ---- plumbing -----------------------------------------------------------------------------------------

    private void enableWebhooks() {
        ClientRepresentation client = realm.clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0);
        partnerId = client.getId();
        Map<String, String> attributes = new HashMap<>(client.getAttributes());
        attributes.put("kcconsent.webhook.url", WebhookReceiver.URL);
        attributes.put("kcconsent.webhook.enabled", "true");
        client.setAttributes(attributes);
        realm.clients().get(partnerId).update(client);
    }

    private static StoreDriver store(int node) {
        return new StoreDriver(Cluster.realm(node));
    }

    private Map<String, Object> newConsent() {
        return Map.of("clientId", partnerId, "permissions", List.of("accounts"), "origin", "CONSENT_LINK",
                "sessionMetadata", "{\"user_session\":\"drill\"}");
    }

    private void authorise(int node, String id) {
        StoreDriver.Reply reply = store(node).post("/consents/" + StoreDriver.encode(id) + "/authorise", Map.of("userId", customerId,
                "resources", List.of(Map.of("resourceId", "acc-0001", "type", "CONTA", "label", "Conta"))));
        if (reply.status() != 200) {
            throw new AssertionError("authorise on node " + node + ": " + reply);
        }
    }

    private String authorisedConsent(int node) {
        String id = (String) store(node).create(newConsent()).get("id");
        authorise(node, id);
        return id;
    }

    private long consentsOf(String staffToken, String username) throws Exception {
        HttpResponse<String> r = Http.get(Cluster.adminRealm(2) + "/consents?exact-total=true&user=" + username,
                "Authorization", "Bearer " + staffToken);
        if (r.statusCode() != 200) {
            throw new AssertionError("consent search: HTTP " + r.statusCode() + " " + r.body());
        }
        Map<?, ?> meta = (Map<?, ?>) JsonSerialization.readValue(r.body(), Map.class).get("meta");
        return ((Number) meta.get("totalRecords")).longValue();
    }

    /** Starts every call at the same moment (as far as threads allow) and returns their answers in order. */
    private <T> List<T> atOnce(List<Callable<T>> calls) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> call : calls) {
            futures.add(pool.submit(() -> {
                go.await();
                return call.call();
            }));
        }
        go.countDown();
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(f.get(120, TimeUnit.SECONDS));
        }
        return out;
    }

    /** Polls every 500 ms; returns whether the condition held before the deadline (the caller reports it). */
    private static boolean waitUntil(Duration deadline, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(deadline);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                return false;
            }
            Thread.sleep(500);
        }
        return true;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
