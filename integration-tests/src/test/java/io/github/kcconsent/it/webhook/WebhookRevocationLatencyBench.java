package io.github.kcconsent.it.webhook;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.kcconsent.it.support.BenchResult;
import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.StaffTokens;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Load driver, not a test (run with {@code -Pbenchmarks}; it asserts nothing about time): revocation
 * latency through the back-office API while the partner's webhook receiver answers at once, versus while it
 * hangs on every request, measured in the same run against the real server, in alternating rounds so drift
 * hits both sides equally. Prints p50/p95/mean per side and the p95 ratio (goal: at most 1.1).
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class WebhookRevocationLatencyBench {

    static final int ROUNDS = Integer.getInteger("kcconsent.bench.rounds", 6);
    static final int PER_ROUND = Integer.getInteger("kcconsent.bench.perRound", 40);

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    @Test
    void revocationLatencyWithFastVersusHangingReceiver() {
        ClientRepresentation partner = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0);
        Map<String, String> attributes = new HashMap<>(partner.getAttributes());
        attributes.put("kcconsent.webhook.url", WebhookReceiver.URL);
        attributes.put("kcconsent.webhook.enabled", "true");
        partner.setAttributes(attributes);
        realm.admin().clients().get(partner.getId()).update(partner);
        String userId = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
        String token = StaffTokens.withRoles(realm, "manage-consents");
        StoreDriver store = new StoreDriver(realm.getBaseUrl());
        String api = realm.getBaseUrl().replace("/realms/", "/admin/realms/") + "/consents/";

        List<Long> fast = new ArrayList<>();
        List<Long> hanging = new ArrayList<>();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            revoke(prepare(store, partner.getId(), userId, 20), api, token, new ArrayList<>()); // warm-up
            for (int round = 0; round < ROUNDS; round++) {
                for (boolean hang : new boolean[] {round % 2 == 0, round % 2 != 0}) {
                    receiver.mode(hang ? WebhookReceiver.Mode.HANG : WebhookReceiver.Mode.OK);
                    List<String> ids = prepare(store, partner.getId(), userId, PER_ROUND);
                    revoke(ids, api, token, hang ? hanging : fast);
                    receiver.release();
                }
            }
        }
        report("receiver answers at once", fast);
        report("receiver hangs", hanging);
        double ratio = (double) percentile(hanging, 95) / Math.max(1, percentile(fast, 95));
        System.out.printf("%nwebhook revocation latency: p95(hanging) / p95(fast) = %.2f   goal <= 1.10: %s%n",
                ratio, ratio <= 1.10 ? "MET" : "NOT MET");
        // The shared result line benchmarks/all.sh collects into one table.
        BenchResult.print("webhook-revocation-p95", "revocation p95 with a hanging webhook receiver <= 1.1x with a fast one",
                "p95 fast receiver ms", percentile(fast, 95) / 1000.0, "p95 hanging receiver ms",
                percentile(hanging, 95) / 1000.0, ratio, ratio <= 1.10);
    }

    private static List<String> prepare(StoreDriver store, String clientId, String userId, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = (String) store.create(Map.of("clientId", clientId, "permissions", List.of("accounts"))).get("id");
            store.post("/consents/" + StoreDriver.encode(id) + "/authorise", Map.of("userId", userId, "resources", List.of()));
            ids.add(id);
        }
        return ids;
    }

    private static void revoke(List<String> ids, String api, String token, List<Long> latenciesMicros) {
        for (String id : ids) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(api + StoreDriver.encode(id) + "/revoke"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            long start = System.nanoTime();
            HttpResponse<String> response = Http.send(request);
            long micros = (System.nanoTime() - start) / 1000;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("revocation failed: " + response.statusCode());
            }
            latenciesMicros.add(micros);
        }
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Long::compare);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void report(String label, List<Long> micros) {
        double mean = micros.stream().mapToLong(Long::longValue).average().orElse(0);
        System.out.printf("%-26s n=%4d  p50=%7.2f ms  p95=%7.2f ms  mean=%7.2f ms%n", label, micros.size(),
                percentile(micros, 50) / 1000.0, percentile(micros, 95) / 1000.0, mean / 1000.0);
    }
}
