package io.github.kcconsent.it.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcconsent.it.support.BrowserSession;
import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Eventually;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.WebhookReceiver;
import io.github.kcconsent.it.support.openbanking.CustomerTokens;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The Grafana dashboard a bank imports ({@code docs/grafana/kc-consent-dashboard.json}) against the real server:
 * every {@code kcconsent_*} meter its PromQL names must be on Keycloak's {@code /metrics} once each kind of
 * consent activity has happened, so renaming or dropping a meter in the code fails here instead of leaving an
 * empty panel in production.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class DashboardMetricsIT {

    /** The module's directory is the working directory of the test JVM. */
    static final Path DASHBOARD = Path.of("..", "docs", "grafana", "kc-consent-dashboard.json");
    static final Pattern METER = Pattern.compile("\\bkcconsent_[a-z0-9_]+");
    /** Meters tagged by realm: their panels follow the dashboard's realm selector. */
    static final Set<String> REALM_TAGGED = Set.of("kcconsent_consent_events_total", "kcconsent_link_refusals_total",
            "kcconsent_authorization_refusals_total", "kcconsent_webhook_attempts_total");
    static final String DATASOURCE = "${DS_PROMETHEUS}";
    /** A valid CPF that is not the demo customer's. */
    static final String OTHER_CPF = "11144477735";

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    @Test
    void everyMeterTheDashboardQueriesIsOnTheServersMetricsEndpointAfterConsentActivity() throws Exception {
        Set<String> queried = new TreeSet<>();
        for (String expression : expressions(dashboard())) {
            Matcher m = METER.matcher(expression);
            while (m.find()) {
                queried.add(m.group());
            }
        }
        assertTrue(queried.containsAll(REALM_TAGGED), "the dashboard shows every realm-tagged meter: " + queried);

        StoreDriver store = new StoreDriver(realm.getBaseUrl());
        String partnerId = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        // Consent events: a creation, an authorisation and a revocation.
        String consent = store.createDataSharing(partnerId, DemoRealm.USER_CPF);
        assertEquals(200, store.post("/consents/" + StoreDriver.encode(consent) + "/authorise", Map.of("userId",
                realm.admin().users().search(DemoRealm.USER, true).get(0).getId(), "resources", List.of())).status());
        assertEquals(200, store.post("/consents/" + StoreDriver.encode(consent) + "/reject", Map.of("rejectedBy", "USER",
                "reason", "CUSTOMER_MANUALLY_REVOKED")).status());
        // A consent link refused before any login.
        assertEquals(404, Http.get(realm.getBaseUrl() + "/consent?client_id=nobody&type=consent&jwt=x.y.z").statusCode());
        // An Open Finance authorization refused after login: the consent names another customer's CPF.
        refusedAuthorization(store.createDataSharing(partnerId, OTHER_CPF));
        // A webhook delivered: a payment consent of a partner with Open Finance notifications on.
        deliverOneWebhook(store);

        // Gauges and task meters are sampled in the background (webhook backlog every 10 s, tasks every 2 s here).
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Set<String> missing = missing(queried, exposedMeters());
        while (!missing.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            missing = missing(queried, exposedMeters());
        }
        assertEquals(Set.of(), missing, "meters the dashboard queries that the server does not expose");
    }

    @Test
    void theDashboardImportsWithAPrometheusDatasourceInputAndARealmSelector() throws Exception {
        JsonNode dashboard = dashboard();
        JsonNode input = dashboard.path("__inputs").path(0);
        assertEquals("DS_PROMETHEUS", input.path("name").asText());
        assertEquals("prometheus", input.path("pluginId").asText());

        JsonNode realmVariable = null;
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("realm".equals(variable.path("name").asText())) {
                realmVariable = variable;
            }
        }
        assertNotNull(realmVariable, "a realm template variable");
        assertEquals(DATASOURCE, realmVariable.path("datasource").path("uid").asText());
        assertTrue(realmVariable.path("definition").asText().matches("label_values\\(kcconsent_[a-z_]+, *realm\\)"),
                realmVariable.path("definition").asText());

        List<JsonNode> panels = new ArrayList<>();
        panels(dashboard.path("panels"), panels);
        assertFalse(panels.isEmpty());
        for (JsonNode panel : panels) {
            String title = panel.path("title").asText();
            assertEquals(DATASOURCE, panel.path("datasource").path("uid").asText(), title);
            assertFalse(panel.path("targets").isEmpty(), title + " queries something");
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertEquals(DATASOURCE, target.path("datasource").path("uid").asText(), title);
                assertTrue(METER.matcher(expr).find(), title + ": " + expr);
                for (String meter : REALM_TAGGED) {
                    if (expr.contains(meter)) {
                        assertTrue(expr.contains("realm=~\"$realm\""), title + " follows the realm selector: " + expr);
                    }
                }
            }
        }
    }

    private void refusedAuthorization(String consentId) {
        CustomerTokens oauth = new CustomerTokens(realm.getBaseUrl());
        BrowserSession browser = oauth.browser().open(oauth.pushAuthorization("openid consent:" + consentId).authorizeUrl());
        assertTrue(browser.showsForm("kc-form-login"), browser.page.body());
        browser.login(DemoRealm.USER, DemoRealm.USER_PASSWORD);
        assertNotNull(browser.leftTo, browser.page.body());
        assertEquals("access_denied", CustomerTokens.query(browser.leftTo.getRawQuery()).get("error"));
    }

    private void deliverOneWebhook(StoreDriver store) throws InterruptedException {
        String initiatorId = WebhookInitiator.create(realm, "dashboard-initiator-");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            store.create(Map.of("clientId", initiatorId, "type", "PAYMENT", "origin", "OPEN_FINANCE_API",
                    "permissions", List.of("PAYMENTS_INITIATE"), "cpf", DemoRealm.USER_CPF, "paymentDetails", "{}"));
            Eventually.await("the creation's notification", () -> receiver.openFinance().size() == 1);
        } finally {
            realm.admin().clients().get(initiatorId).remove();
        }
    }

    private static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(DASHBOARD.toFile());
    }

    /** Every PromQL expression of the dashboard: panel targets (rows included) and template variable queries. */
    private static List<String> expressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        List<JsonNode> panels = new ArrayList<>();
        panels(dashboard.path("panels"), panels);
        for (JsonNode panel : panels) {
            panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
        }
        dashboard.path("templating").path("list").forEach(variable -> expressions.add(variable.path("definition").asText()));
        return expressions;
    }

    /** The panels that query, flattening rows (a collapsed row keeps its panels inside). */
    private static void panels(JsonNode list, List<JsonNode> into) {
        for (JsonNode panel : list) {
            if ("row".equals(panel.path("type").asText())) {
                panels(panel.path("panels"), into);
            } else {
                into.add(panel);
            }
        }
    }

    /** The names of the samples on the metrics endpoint (histogram and timer suffixes included). */
    private static Set<String> exposedMeters() {
        HttpResponse<String> response = Http.get(ConsentMetricsIT.METRICS);
        assertEquals(200, response.statusCode(), "metrics endpoint");
        Set<String> names = new TreeSet<>();
        for (String line : response.body().split("\n")) {
            Matcher m = Pattern.compile("^(kcconsent_[a-z0-9_]+)[{ ]").matcher(line);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static Set<String> missing(Set<String> queried, Set<String> exposed) {
        Set<String> missing = new TreeSet<>(queried);
        missing.removeAll(exposed);
        return missing;
    }
}
