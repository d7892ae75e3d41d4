package io.github.kcconsent.it.openbanking.consents;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.kcconsent.it.support.BenchResult;
import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.PartnerLinks;
import io.github.kcconsent.it.support.openbanking.TppClient;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/**
 * Load driver, not a test (run with {@code -Pbenchmarks}, on PostgreSQL with {@code -Ppostgres}; it asserts
 * nothing about time): loopback only, bounded in time. Measures consent create + get through the Consents
 * API, and two baselines of Keycloak's own in alternating windows of the same run, with the same number of
 * concurrent clients: the client-credentials token endpoint (the issue's baseline) and the realm's public
 * description {@code GET /realms/{realm}} (no database, no crypto: what one request through Keycloak's HTTP
 * stack costs at least, so a create + get pair, two requests, cannot go faster than half of it). Prints the
 * rates and ratios. Goal: at least 300 creates per second on a 2-core machine.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class ConsentsApiLoadBench {

    static final int THREADS = Integer.getInteger("kcconsent.bench.threads", 8);
    static final Duration WINDOW = Duration.ofSeconds(Long.getLong("kcconsent.bench.windowSeconds", 10));
    static final int ROUNDS = Integer.getInteger("kcconsent.bench.rounds", 3);
    /**
     * Keycloak's JIT needs one to two minutes under load before the rates settle: after a 45 s warm-up three
     * windows measured 225, 300 and 320 creates/s. A server in production runs warm, so that is what we measure.
     */
    static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("kcconsent.bench.warmUpSeconds", 90));
    static final String BODY = "{\"data\":{\"loggedUser\":{\"document\":{\"identification\":\"52998224725\",\"rel\":\"CPF\"}},"
            + "\"permissions\":[\"ACCOUNTS_READ\",\"ACCOUNTS_BALANCES_READ\",\"RESOURCES_READ\"]}}";

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void consentsApiVersusTokenEndpoint() throws Exception {
        String token = new TppClient(realm.getBaseUrl()).privateKeyJwtToken(DemoRealm.PARTNER_CLIENT_ID, PartnerLinks.DEMO_KEY, "consents");
        String api = realm.getBaseUrl() + "/open-banking/consents/v3/consents";

        String realmInfo = realm.getBaseUrl();
        run("warm-up create+get", () -> createAndGet(api, token), WARM_UP);
        run("warm-up token", this::clientCredentials, WARM_UP.dividedBy(3));
        run("warm-up realm GET", () -> plainGet(realmInfo), WARM_UP.dividedBy(3));
        double creates = 0;
        double tokens = 0;
        double floor = 0;
        for (int round = 0; round < ROUNDS; round++) {
            creates += run("create+get", () -> createAndGet(api, token), WINDOW);
            tokens += run("client-credentials token", this::clientCredentials, WINDOW);
            floor += run("GET /realms/{realm}", () -> plainGet(realmInfo), WINDOW);
        }
        creates /= ROUNDS;
        tokens /= ROUNDS;
        floor /= ROUNDS;
        System.out.printf("%nConsents API: %.1f creates/s (each followed by a GET); token endpoint: %.1f tokens/s;"
                        + " ratio creates/tokens = %.2f; goal >= 300 creates/s: %s (%d clients, %d x %ds windows)%n",
                creates, tokens, creates / tokens, creates >= 300 ? "MET" : "NOT MET", THREADS, ROUNDS, WINDOW.toSeconds());
        System.out.printf("Keycloak's floor on this machine: GET /realms/{realm} %.1f requests/s, so at most %.1f"
                        + " create+get pairs/s with zero work; the API reaches %.0f %% of that ceiling%n",
                floor, floor / 2, 100 * creates / (floor / 2));
        // The shared result line benchmarks/all.sh collects: the goal is absolute (300/s on 2 cores), the ratio
        // is against the issue's baseline measured in the same run, Keycloak's own token endpoint.
        BenchResult.print("consents-api-creates",
                "Consents API >= 300 creates/s on 2 cores (ratio: against the client-credentials token endpoint)",
                "tokens/s", tokens, "creates/s", creates, creates / tokens, creates >= 300);
    }

    interface Call {
        boolean run() throws Exception;
    }

    /** Runs the call from THREADS clients for the window; returns successful calls per second. */
    private double run(String label, Call call, Duration window) throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Instant end = Instant.now().plus(window);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long[] cpuBefore = cpuTicks();
        long start = System.nanoTime();
        for (int i = 0; i < THREADS; i++) {
            pool.submit(() -> {
                while (Instant.now().isBefore(end)) {
                    try {
                        (call.run() ? ok : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(window.toSeconds() + 60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] cpuAfter = cpuTicks();
        double rate = ok.get() / seconds;
        System.out.printf("%-26s %8.1f /s  (%d ok, %d failed; machine CPU busy %s)%n", label, rate, ok.get(),
                failed.get(), busy(cpuBefore, cpuAfter));
        return rate;
    }

    /** Total and idle (idle + iowait) jiffies of all CPUs from /proc/stat; null where there is none. */
    private static long[] cpuTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (Exception e) {
            return null;
        }
    }

    private static String busy(long[] before, long[] after) {
        if (before == null || after == null || after[0] == before[0]) {
            return "n/a";
        }
        return String.format("%.0f %%", 100.0 * (1 - (double) (after[1] - before[1]) / (after[0] - before[0])));
    }

    private boolean createAndGet(String api, String token) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(api))
                .header("Authorization", "Bearer " + token)
                .header("x-fapi-interaction-id", UUID.randomUUID().toString())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            return false;
        }
        String id = (String) ((Map<?, ?>) JsonSerialization.readValue(created.body(), Map.class).get("data")).get("consentId");
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(api + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token)
                .header("x-fapi-interaction-id", UUID.randomUUID().toString())
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        return read.statusCode() == 200;
    }

    private boolean plainGet(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200;
    }

    private boolean clientCredentials() throws Exception {
        Instant now = Instant.now();
        SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).type(JOSEObjectType.JWT)
                .keyID(PartnerLinks.DEMO_KEY.getKeyID()).build(), new JWTClaimsSet.Builder()
                .issuer(DemoRealm.PARTNER_CLIENT_ID).subject(DemoRealm.PARTNER_CLIENT_ID).audience(realm.getBaseUrl())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString()).build());
        assertion.sign(new RSASSASigner(PartnerLinks.DEMO_KEY));
        String form = "grant_type=client_credentials&client_id=" + DemoRealm.PARTNER_CLIENT_ID + "&scope=consents"
                + "&client_assertion_type=" + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + assertion.serialize();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200;
    }
}
