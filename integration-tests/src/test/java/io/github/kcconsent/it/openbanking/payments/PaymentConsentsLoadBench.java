package io.github.kcconsent.it.openbanking.payments;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * nothing about time): loopback only, bounded in time. Payment-consent creates through the Payments API
 * (the server verifies the partner's PS256 signature, spends the jti, checks and records the idempotency key,
 * validates, encrypts, and signs its answer) against data-sharing creates through the Consents API (plain JSON),
 * in alternating windows of the same run with the same number of concurrent clients. The partner's request
 * signatures are made before each window (a fresh jti and iat each, well inside the 60 s tolerance), so the
 * client's own signing does not take CPU from the server during the measurement on this shared machine.
 * Goals (issue #15): payment creates at least 0.8 of data-sharing creates, and at least 200 per second.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class PaymentConsentsLoadBench {

    static final int THREADS = Integer.getInteger("kcconsent.bench.threads", 8);
    static final Duration WINDOW = Duration.ofSeconds(Long.getLong("kcconsent.bench.windowSeconds", 10));
    static final int ROUNDS = Integer.getInteger("kcconsent.bench.rounds", 3);
    /** The JIT settles after one to two minutes under load (see ConsentsApiLoadBench). */
    static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("kcconsent.bench.warmUpSeconds", 90));
    /** More signed requests than a window can use at any plausible rate. */
    static final int PRESIGNED = Integer.getInteger("kcconsent.bench.presigned", 6000);
    static final String DATA_SHARING_BODY = "{\"data\":{\"loggedUser\":{\"document\":{\"identification\":\"52998224725\",\"rel\":\"CPF\"}},"
            + "\"permissions\":[\"ACCOUNTS_READ\",\"ACCOUNTS_BALANCES_READ\",\"RESOURCES_READ\"]}}";

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void paymentCreatesVersusDataSharingCreates() throws Exception {
        TppClient tpp = new TppClient(realm.getBaseUrl());
        String consentsToken = tpp.privateKeyJwtToken(DemoRealm.PARTNER_CLIENT_ID, PartnerLinks.DEMO_KEY, "consents");
        String paymentsToken = tpp.privateKeyJwtToken(DemoRealm.PARTNER_CLIENT_ID, PartnerLinks.DEMO_KEY, "payments");
        String consentsApi = realm.getBaseUrl() + "/open-banking/consents/v3/consents";
        String paymentsApi = realm.getBaseUrl() + "/open-banking/payments/v4/consents";

        run("warm-up data sharing", () -> dataSharing(consentsApi, consentsToken), null, WARM_UP.dividedBy(2));
        // Warm-up signs each request as it goes: its rate is not reported, and a pre-signed batch would run out.
        ConcurrentLinkedQueue<HttpRequest> warmUp = new ConcurrentLinkedQueue<>();
        run("warm-up payments", () -> {
            HttpRequest next = warmUp.poll();
            if (next == null) {
                List<HttpRequest> batch = presign(paymentsApi, paymentsToken, 20);
                next = batch.get(0);
                warmUp.addAll(batch.subList(1, batch.size()));
            }
            return http.send(next, HttpResponse.BodyHandlers.ofString()).statusCode() == 201;
        }, null, WARM_UP.dividedBy(2));
        double payments = 0;
        double dataSharing = 0;
        for (int round = 0; round < ROUNDS; round++) {
            dataSharing += run("data-sharing creates", () -> dataSharing(consentsApi, consentsToken), null, WINDOW);
            payments += run("payment creates", null, new ConcurrentLinkedQueue<>(presign(paymentsApi, paymentsToken, PRESIGNED)), WINDOW);
        }
        dataSharing /= ROUNDS;
        payments /= ROUNDS;
        double ratio = payments / dataSharing;
        System.out.printf("%nPayment consents: %.1f creates/s; data-sharing consents: %.1f creates/s; ratio %.2f;"
                        + " goal ratio >= 0.80: %s; goal >= 200 payment creates/s: %s (%d clients, %d x %ds windows)%n",
                payments, dataSharing, ratio, ratio >= 0.8 ? "MET" : "NOT MET", payments >= 200 ? "MET" : "NOT MET",
                THREADS, ROUNDS, WINDOW.toSeconds());
        // The shared result lines benchmarks/all.sh collects into one table.
        BenchResult.print("payments-vs-data-sharing", "payment creates >= 0.8 of data-sharing creates",
                "data-sharing creates/s", dataSharing, "payment creates/s", payments, ratio, ratio >= 0.8);
        BenchResult.print("payments-200-per-second",
                "payment creates >= 200/s on 2 cores (ratio: against data-sharing creates)",
                "data-sharing creates/s", dataSharing, "payment creates/s", payments, ratio, payments >= 200);
    }

    interface Call {
        boolean run() throws Exception;
    }

    /**
     * Runs {@code call} (or, when it is null, sends the pre-signed requests one each) from THREADS clients for
     * the window; returns successful creates per second.
     */
    private double run(String label, Call call, ConcurrentLinkedQueue<HttpRequest> requests, Duration window)
            throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Instant end = Instant.now().plus(window);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long start = System.nanoTime();
        for (int i = 0; i < THREADS; i++) {
            pool.submit(() -> {
                while (Instant.now().isBefore(end)) {
                    try {
                        boolean success;
                        if (call != null) {
                            success = call.run();
                        } else {
                            HttpRequest next = requests.poll();
                            if (next == null) {
                                failed.incrementAndGet(); // ran out of pre-signed requests: reported, not hidden
                                return;
                            }
                            success = http.send(next, HttpResponse.BodyHandlers.ofString()).statusCode() == 201;
                        }
                        (success ? ok : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(window.toSeconds() + 60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = ok.get() / seconds;
        System.out.printf("%-26s %8.1f /s  (%d ok, %d failed)%n", label, rate, ok.get(), failed.get());
        return rate;
    }

    private boolean dataSharing(String api, String token) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(api))
                .header("Authorization", "Bearer " + token)
                .header("x-fapi-interaction-id", UUID.randomUUID().toString())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(DATA_SHARING_BODY)).build(), HttpResponse.BodyHandlers.ofString());
        return created.statusCode() == 201;
    }

    /** Signed payment-consent requests, each with its own jti and idempotency key, made just before a window. */
    private List<HttpRequest> presign(String api, String token, int count) throws Exception {
        RSASSASigner signer = new RSASSASigner(PartnerLinks.DEMO_KEY);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.PS256).type(JOSEObjectType.JWT)
                .keyID(PartnerLinks.DEMO_KEY.getKeyID()).build();
        Map<String, Object> data = paymentData();
        List<HttpRequest> out = new ArrayList<>(count);
        Date now = new Date();
        for (int i = 0; i < count; i++) {
            SignedJWT jwt = new SignedJWT(header, new JWTClaimsSet.Builder()
                    .audience(api).issuer(DemoRealm.PARTNER_ORGANISATION_ID).issueTime(now)
                    .jwtID(UUID.randomUUID().toString()).claim("data", data).build());
            jwt.sign(signer);
            out.add(HttpRequest.newBuilder(URI.create(api))
                    .header("Authorization", "Bearer " + token)
                    .header("x-fapi-interaction-id", UUID.randomUUID().toString())
                    .header("x-idempotency-key", UUID.randomUUID().toString())
                    .header("Content-Type", "application/jwt").header("Accept", "application/jwt")
                    .POST(HttpRequest.BodyPublishers.ofString(jwt.serialize())).build());
        }
        return out;
    }

    /** An immediate Pix payment by key (DICT) today in Brasília time. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> paymentData() throws Exception {
        String today = LocalDate.now(ZoneId.of("America/Sao_Paulo")).toString();
        String json = "{\"loggedUser\":{\"document\":{\"identification\":\"52998224725\",\"rel\":\"CPF\"}},"
                + "\"creditor\":{\"personType\":\"PESSOA_NATURAL\",\"cpfCnpj\":\"11144477735\",\"name\":\"Joana da Silva\"},"
                + "\"payment\":{\"type\":\"PIX\",\"date\":\"" + today + "\",\"currency\":\"BRL\",\"amount\":\"100.12\","
                + "\"details\":{\"localInstrument\":\"DICT\",\"proxy\":\"joana@example.com\","
                + "\"creditorAccount\":{\"ispb\":\"12345678\",\"issuer\":\"1774\",\"number\":\"1234567890\",\"accountType\":\"CACC\"}}}}";
        return JsonSerialization.readValue(json, Map.class);
    }
}
