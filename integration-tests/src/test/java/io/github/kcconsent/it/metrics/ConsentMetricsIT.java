package io.github.kcconsent.it.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Eventually;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.WebhookReceiver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Our counters and task gauges in Keycloak's own metrics endpoint (management port 9000, the shared server
 * runs with {@code --metrics-enabled=true}), read the way Prometheus reads them.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class ConsentMetricsIT {

    static final String METRICS = "http://localhost:9000/metrics";

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    StoreDriver store;
    String clientId;
    String userId;

    @BeforeEach
    void setUp() {
        store = new StoreDriver(realm.getBaseUrl());
        clientId = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        userId = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
    }

    @Test
    void eachLifecycleEventOfAConsentMovesItsCounterByOneTaggedByRealmTypeOriginAndReason() throws Exception {
        String created = series("DATA_SHARING", "OPEN_FINANCE_API", "created", "none");
        String authorised = series("DATA_SHARING", "OPEN_FINANCE_API", "authorised", "none");
        String revoked = series("DATA_SHARING", "OPEN_FINANCE_API", "revoked", "CUSTOMER_MANUALLY_REVOKED");
        String rejected = series("DATA_SHARING", "OPEN_FINANCE_API", "rejected", "CUSTOMER_MANUALLY_REJECTED");
        double createdBefore = value(created);
        double authorisedBefore = value(authorised);
        double revokedBefore = value(revoked);
        double rejectedBefore = value(rejected);

        String first = create();
        assertEquals(200, store.post("/consents/" + StoreDriver.encode(first) + "/authorise", Map.of("userId", userId,
                "resources", List.of(Map.of("resourceId", "acc-1", "type", "CONTA_DEPOSITO_A_VISTA", "label", "Conta")))).status());
        assertEquals(200, store.post("/consents/" + StoreDriver.encode(first) + "/reject", Map.of("rejectedBy", "USER",
                "reason", "CUSTOMER_MANUALLY_REVOKED")).status());
        String second = create();
        assertEquals(200, store.post("/consents/" + StoreDriver.encode(second) + "/reject", Map.of("rejectedBy", "USER",
                "reason", "CUSTOMER_MANUALLY_REJECTED")).status());

        Eventually.await("the revocation counted", () -> value(revoked) >= revokedBefore + 1);
        assertEquals(createdBefore + 2, value(created));
        assertEquals(authorisedBefore + 1, value(authorised));
        assertEquals(revokedBefore + 1, value(revoked));
        assertEquals(rejectedBefore + 1, value(rejected));
    }

    @Test
    void aRefusedTransitionCountsNothing() throws Exception {
        String rejected = series("DATA_SHARING", "OPEN_FINANCE_API", "rejected", "CUSTOMER_MANUALLY_REJECTED");
        double initial = value(rejected);
        String id = create();
        assertEquals(200, store.post("/consents/" + StoreDriver.encode(id) + "/reject", Map.of("rejectedBy", "USER",
                "reason", "CUSTOMER_MANUALLY_REJECTED")).status());
        Eventually.await("the rejection counted", () -> value(rejected) >= initial + 1);
        double before = value(rejected);
        assertEquals(initial + 1, before);
        // A second rejection of the same consent is an illegal transition: refused, nothing written, nothing counted.
        assertFalse(store.post("/consents/" + StoreDriver.encode(id) + "/reject", Map.of("rejectedBy", "USER",
                "reason", "CUSTOMER_MANUALLY_REJECTED")).status() == 200);
        assertEquals(before, value(rejected));
    }

    @Test
    void theExpirySweepersHealthIsVisiblePerTask() throws Exception {
        // The shared server sweeps every 2 s: a success is recorded within seconds of start-up.
        Eventually.await("a successful expiry sweep", () -> gauge("kcconsent_task_last_success_epoch_seconds", "kcconsent-expiry") > 0);
        assertEquals(0.0, gauge("kcconsent_task_consecutive_failures", "kcconsent-expiry"));
        String scrape = scrape();
        assertTrue(Pattern.compile("(?m)^kcconsent_task_runs_seconds_count\\{[^}]*outcome=\"success\"[^}]*task=\"kcconsent-expiry\"[^}]*} [1-9]")
                .matcher(scrape).find(), "the sweeper's runs are timed");
        assertFalse(scrape.contains(userId), "no user id in any metric");
        assertFalse(scrape.contains("52998224725"), "no CPF in any metric");
    }

    @Test
    void aDeliveredWebhookIsCountedByKindAndOutcomeAndTheBacklogIsSampled() throws Exception {
        String delivered = "kcconsent_webhook_attempts_total{kind=\"OPEN_FINANCE_PAYMENT_CONSENT\",outcome=\"delivered\",realm=\""
                + realm.getName() + "\"}";
        double before = value(delivered);
        String initiatorId = WebhookInitiator.create(realm, "metrics-initiator-");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            store.create(Map.of("clientId", initiatorId, "type", "PAYMENT", "origin", "OPEN_FINANCE_API",
                    "permissions", List.of("PAYMENTS_INITIATE"), "cpf", DemoRealm.USER_CPF, "paymentDetails", "{}"));
            Eventually.await("the creation's notification", () -> receiver.openFinance().size() == 1);
            Eventually.await("the delivery counted", () -> value(delivered) >= before + 1);
            assertEquals(before + 1, value(delivered));
        } finally {
            realm.admin().clients().get(initiatorId).remove();
        }
        String scrape = scrape();
        assertTrue(Pattern.compile("(?m)^kcconsent_webhook_backlog \\d").matcher(scrape).find(), "backlog gauge");
        assertTrue(Pattern.compile("(?m)^kcconsent_webhook_oldest_pending_age_seconds \\d").matcher(scrape).find(),
                "oldest pending age gauge");
    }

    @Test
    void aRefusedConsentLinkIsCountedByItsErrorAndRealm() throws Exception {
        String unknownClient = "kcconsent_link_refusals_total{error=\"consent_link_unknown_client\",realm=\""
                + realm.getName() + "\"}";
        double before = value(unknownClient);
        HttpResponse<String> page = Http.get(realm.getBaseUrl() + "/consent?client_id=nobody&type=consent&jwt=x.y.z");
        assertEquals(404, page.statusCode());
        assertEquals(before + 1, value(unknownClient));
    }

    private String create() {
        return store.createDataSharing(clientId, "52998224725");
    }

    private String series(String type, String origin, String event, String reason) {
        return "kcconsent_consent_events_total{event=\"" + event + "\",origin=\"" + origin + "\",realm=\"" + realm.getName()
                + "\",reason=\"" + reason + "\",type=\"" + type + "\"}";
    }

    /** The value of one exact series; 0 when it has not been written yet. */
    private static double value(String series) {
        for (String line : scrape().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    private static double gauge(String name, String task) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*task=\"" + Pattern.quote(task) + "\"[^}]*} (\\S+)$").matcher(scrape());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String scrape() {
        HttpResponse<String> response = Http.get(METRICS);
        assertEquals(200, response.statusCode(), "metrics endpoint");
        return response.body();
    }
}
