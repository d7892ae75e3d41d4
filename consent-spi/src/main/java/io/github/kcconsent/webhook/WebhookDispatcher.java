package io.github.kcconsent.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.github.kcconsent.store.RealmConsentCrypto;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.crypto.SignatureProvider;
import org.keycloak.crypto.SignatureSignerContext;
import org.keycloak.jose.jws.JWSBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Delivers outbox events. One pass: (1) in a short transaction, claim due events (a conditional update on the
 * row version, so of several dispatchers on any nodes exactly one wins each event) and sign their payloads
 * with the realm's active signing key; (2) POST them outside any transaction, with timeouts, no redirects and
 * a capped response read; (3) in another short transaction, record each outcome and schedule a retry with
 * backoff. A claim that is never recorded (the node died) expires and the event is retried elsewhere.
 */
public class WebhookDispatcher implements Runnable {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    static final String CONTENT_TYPE = "application/jose";
    static final int MAX_RESPONSE_BYTES = 16 * 1024;

    private final KeycloakSessionFactory factory;
    private final WebhookDispatcherSettings settings;
    private final WebhookUrlPolicy urlPolicy;
    private final HttpClient http;
    private final String nodeId = UUID.randomUUID().toString();

    /** A claimed, signed event ready to send. */
    record Attempt(String eventId, String claim, String type, URI url, String body, String problem) {
    }

    record Outcome(Integer status, String error) {
        boolean delivered() {
            return status != null && status / 100 == 2;
        }
    }

    public WebhookDispatcher(KeycloakSessionFactory factory, WebhookDispatcherSettings settings) {
        this.factory = factory;
        this.settings = settings;
        this.urlPolicy = new WebhookUrlPolicy(settings.allowHttp(), settings.allowPrivateNetworks());
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public void run() {
        try {
            List<Attempt> attempts = KeycloakModelUtils.runJobInTransactionWithResult(factory, this::claim);
            for (Attempt attempt : attempts) {
                Outcome outcome = attempt.problem() != null ? new Outcome(null, attempt.problem()) : send(attempt);
                KeycloakModelUtils.runJobInTransaction(factory, session -> record(session, attempt, outcome));
            }
        } catch (RuntimeException e) {
            // Never let an exception kill the scheduled task; the next pass retries.
            LOG.warnf("webhook dispatch pass failed: %s", e.toString());
        }
    }

    private List<Attempt> claim(KeycloakSession session) {
        var em = session.getProvider(org.keycloak.connections.jpa.JpaConnectionProvider.class).getEntityManager();
        long now = Time.currentTimeMillis();
        List<WebhookEventEntity> due = em.createNamedQuery("kcc.webhook.due", WebhookEventEntity.class)
                .setParameter("now", now)
                .setMaxResults(settings.batchSize())
                .getResultList();
        List<Attempt> out = new ArrayList<>();
        for (WebhookEventEntity e : due) {
            String claim = nodeId + ":" + UUID.randomUUID();
            int won = em.createQuery("update KccWebhookEvent w set w.claimedBy = :claim, w.claimUntil = :until,"
                            + " w.version = w.version + 1 where w.id = :id and w.version = :version")
                    .setParameter("claim", claim)
                    .setParameter("until", now + settings.claimFor().toMillis())
                    .setParameter("id", e.getId())
                    .setParameter("version", e.getVersion())
                    .executeUpdate();
            if (won == 1) {
                out.add(prepare(session, e, claim));
            }
        }
        return out;
    }

    /** Decrypts and signs the payload; a problem (client gone, URL refused) is recorded instead of sent. */
    private Attempt prepare(KeycloakSession session, WebhookEventEntity e, String claim) {
        RealmModel realm = session.realms().getRealm(e.getRealmId());
        ClientModel client = realm == null ? null : realm.getClientById(e.getClientId());
        WebhookSettings settingsOfClient = WebhookSettings.of(client);
        if (!settingsOfClient.enabled()) {
            return new Attempt(e.getId(), claim, e.getType(), null, null, "webhooks disabled for the client");
        }
        URI url;
        try {
            url = urlPolicy.check(settingsOfClient.url());
        } catch (IllegalArgumentException refused) {
            return new Attempt(e.getId(), claim, e.getType(), null, null, "URL refused: " + refused.getMessage());
        }
        session.getContext().setRealm(realm);
        String payload = new RealmConsentCrypto(session).cipher(realm)
                .decrypt(JpaWebhookOutbox.payloadContext(realm.getId(), e.getConsentId(), e.getId()), e.getPayloadEncrypted());
        String algorithm = realm.getDefaultSignatureAlgorithm() == null ? "RS256" : realm.getDefaultSignatureAlgorithm();
        SignatureSignerContext signer = session.getProvider(SignatureProvider.class, algorithm).signer();
        String jws = new JWSBuilder().type("kcconsent-webhook+jwt").content(payload.getBytes(StandardCharsets.UTF_8)).sign(signer);
        return new Attempt(e.getId(), claim, e.getType(), url, jws, null);
    }

    private Outcome send(Attempt attempt) {
        HttpRequest request = HttpRequest.newBuilder(attempt.url())
                .timeout(settings.requestTimeout())
                .header("Content-Type", CONTENT_TYPE)
                .header("X-Webhook-Id", attempt.eventId())
                .header("X-Webhook-Event", attempt.type())
                .POST(HttpRequest.BodyPublishers.ofString(attempt.body()))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                body.readNBytes(MAX_RESPONSE_BYTES); // read a little so the connection can be reused; never trusted
            }
            return new Outcome(response.statusCode(), response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode());
        } catch (IOException e) {
            return new Outcome(null, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted");
        }
    }

    private void record(KeycloakSession session, Attempt attempt, Outcome outcome) {
        var em = session.getProvider(org.keycloak.connections.jpa.JpaConnectionProvider.class).getEntityManager();
        WebhookEventEntity e = em.find(WebhookEventEntity.class, attempt.eventId());
        if (e == null || !attempt.claim().equals(e.getClaimedBy())) {
            return; // consent removed meanwhile, or our claim expired and another dispatcher took over
        }
        long now = Time.currentTimeMillis();
        e.setAttempts(e.getAttempts() + 1);
        e.setLastAttemptAt(now);
        e.setLastStatus(outcome.status());
        e.setLastError(outcome.error() == null ? null : truncate(outcome.error()));
        e.setClaimedBy(null);
        e.setClaimUntil(null);
        if (outcome.delivered()) {
            e.setState(JpaWebhookOutbox.DELIVERED);
            e.setDeliveredAt(now);
        } else if (attempt.problem() != null || now - e.getCreatedAt() >= settings.maxAge().toMillis()) {
            e.setState(JpaWebhookOutbox.FAILED);
            LOG.warnf("webhook event %s of type %s gave up after %d attempts: %s", e.getId(), e.getType(), e.getAttempts(), e.getLastError());
        } else {
            e.setNextAttemptAt(now + settings.backoff(e.getAttempts(), ThreadLocalRandom.current().nextDouble()).toMillis());
        }
    }

    private static String truncate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300);
    }

    static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }
}
