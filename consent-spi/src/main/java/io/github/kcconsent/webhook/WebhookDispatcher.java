package io.github.kcconsent.webhook;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;

import io.github.kcconsent.crypto.FieldDecryptionException;
import io.github.kcconsent.crypto.MissingFieldKeyException;
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
 * Delivers outbox events. A poller finds due events and, for each one it has a free delivery thread for,
 * claims that single event (a conditional update on the row version, so of several dispatchers on any nodes
 * exactly one wins it) and hands it to a delivery thread right away, so a claim only ever covers one attempt
 * that is already running. A delivery thread decrypts and signs the payload with the realm in the session
 * context (an Open Finance payment-consent notification, {@link WebhookKind}, goes as the stored JSON to the
 * address built from the client's base URI), POSTs it outside any transaction with one total deadline ({@link WebhookHttpSender}), and records
 * the outcome only if it still holds the claim; each step has its own short transaction. Every read and write of
 * the events goes through the {@link WebhookOutbox} of the step's session: the dispatcher decides, the outbox
 * stores.
 *
 * <p>Fairness: at most {@code max-in-flight-per-partner} attempts per partner (client) run at once, and the
 * poller skips partners at that limit, so a partner whose receiver hangs occupies a few threads for one
 * deadline each and never delays another partner's events.
 *
 * <p>Failures are retried with backoff until {@code max-age-hours}: HTTP errors, timeouts, refused
 * connections, a host that does not resolve, a URL the policy refuses, a payload whose key is not available.
 * Events of a client whose webhooks are off wait (not counted as attempts). Only a removed client or realm
 * ends an event at once ({@code FAILED}). A claim that is never recorded (the node died) expires and the event
 * is sent again, with the same event id.
 */
public class WebhookDispatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    static final String CONTENT_TYPE = "application/jose";
    static final String OPEN_FINANCE_CONTENT_TYPE = "application/json";
    static final String DISABLED = "webhooks disabled for the client";

    /** How often the poller refreshes the backlog gauges. */
    static final long BACKLOG_SAMPLE_MILLIS = 10_000;

    private final KeycloakSessionFactory factory;
    private final WebhookDispatcherSettings settings;
    private final WebhookUrlPolicy urlPolicy;
    private final WebhookHttpSender sender;
    private final String nodeId = UUID.randomUUID().toString();
    private final ScheduledExecutorService poller;
    private final ExecutorService deliveries;
    private final Semaphore threads;
    private final WebhookMetrics metrics;
    /** Attempts in progress per partner (client id); guarded by {@code this}. */
    private final Map<String, Integer> inFlight = new HashMap<>();
    private volatile boolean stopping;

    /** What to do with a claimed event: send it, or record why not. */
    record Prepared(String url, WebhookKind kind, String type, byte[] body, Decision decision, String reason) {
        static Prepared send(String url, WebhookKind kind, String type, byte[] body) {
            return new Prepared(url, kind, type, body, null, null);
        }

        static Prepared not(Decision decision, String reason) {
            return new Prepared(null, null, null, null, decision, reason);
        }
    }

    /** How an attempt ends for the row. */
    enum Decision {
        DELIVERED,
        /** Counted as an attempt; retried with backoff until max-age. */
        RETRY,
        /** Nothing was tried (webhooks off): waits, not counted. */
        WAIT,
        /** The client or realm is gone: nothing to deliver to. */
        GIVE_UP,
        /** Our claim was lost (expired and taken by another dispatcher): leave the row alone. */
        LOST
    }

    /** @param metrics this node's webhook meters, shared by its dispatchers */
    public WebhookDispatcher(KeycloakSessionFactory factory, WebhookDispatcherSettings settings, WebhookMetrics metrics) {
        this.factory = factory;
        this.settings = settings;
        this.metrics = metrics;
        this.urlPolicy = new WebhookUrlPolicy(settings.allowHttp(), settings.allowPrivateNetworks());
        this.sender = new WebhookHttpSender(settings.connectTimeout(), (SSLSocketFactory) SSLSocketFactory.getDefault());
        this.threads = new Semaphore(settings.deliveryThreads());
        AtomicInteger n = new AtomicInteger();
        this.poller = Executors.newSingleThreadScheduledExecutor(daemon("kcconsent-webhook-poller", n));
        this.deliveries = Executors.newFixedThreadPool(settings.deliveryThreads(), daemon("kcconsent-webhook-delivery", n));
    }

    private static ThreadFactory daemon(String name, AtomicInteger n) {
        return runnable -> {
            Thread t = new Thread(runnable, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public void start() {
        long every = settings.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    /** One pass: claim and start as many due events as there are free threads and partner slots. */
    void poll() {
        if (stopping || threads.availablePermits() == 0) {
            return;
        }
        try {
            sampleBacklog();
            Set<String> busy = busyPartners();
            List<DueWebhookEvent> due = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    session -> outbox(session).due(Time.currentTimeMillis(), busy, settings.batchSize()));
            for (DueWebhookEvent d : due) {
                if (stopping) {
                    return;
                }
                if (!reserve(d.clientId())) {
                    continue;
                }
                boolean started = false;
                try {
                    String claim = claimOrNull(d);
                    if (claim != null) {
                        deliveries.execute(() -> deliver(d, claim));
                        started = true;
                    }
                } finally {
                    if (!started) {
                        unreserve(d.clientId());
                    }
                }
            }
        } catch (RuntimeException e) {
            // Never let an exception kill the scheduled poller; the next pass retries.
            if (!stopping && !serverShuttingDown(e)) {
                LOG.warnf("webhook dispatch pass failed: %s", e.toString());
            } else {
                LOG.debugf("webhook dispatch pass cut short by the shutdown: %s", e.getClass().getSimpleName());
            }
        }
    }

    /** Refreshes the backlog gauges at most every {@value #BACKLOG_SAMPLE_MILLIS} ms, in a transaction of its own. */
    private void sampleBacklog() {
        long now = Time.currentTimeMillis();
        if (metrics.sampleDue(now, BACKLOG_SAMPLE_MILLIS)) {
            WebhookBacklog backlog = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> outbox(session).backlog());
            metrics.sampled(backlog, now);
        }
    }

    /**
     * Claims one event for one attempt in its own transaction; null if another dispatcher was faster. Losing
     * the row lock to a competing dispatcher (a lock timeout under load) is losing the race, not an error.
     */
    private String claimOrNull(DueWebhookEvent d) {
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> claim(session, d));
        } catch (RuntimeException e) {
            LOG.debugf("webhook event %s not claimed: %s", d.eventId(), e.getClass().getSimpleName());
            return null;
        }
    }

    /** Claims one event for one attempt; null if another dispatcher was faster. */
    private String claim(KeycloakSession session, DueWebhookEvent d) {
        String claim = nodeId + ":" + UUID.randomUUID();
        long until = Time.currentTimeMillis() + settings.effectiveClaim().toMillis();
        return outbox(session).claim(d, claim, until) ? claim : null;
    }

    private void deliver(DueWebhookEvent d, String claim) {
        try {
            Prepared prepared = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> prepare(session, d.eventId(), claim));
            if (prepared.decision() == Decision.LOST) {
                return;
            }
            Decision decision = prepared.decision();
            Integer status = null;
            String error = prepared.reason();
            if (decision == null) {
                // Resolved and checked outside any transaction (a slow DNS answer holds no database
                // connection), once per attempt; the sender connects to exactly the address checked here.
                WebhookUrlPolicy.Target target = null;
                try {
                    target = urlPolicy.target(prepared.url());
                } catch (IllegalArgumentException refused) {
                    // Includes a host that does not resolve right now: retried like any failed attempt.
                    decision = Decision.RETRY;
                    error = "URL refused: " + refused.getMessage();
                }
                if (target != null) {
                    WebhookHttpSender.Result result = send(target, d.eventId(), prepared);
                    status = result.status();
                    error = result.error();
                    decision = result.delivered() ? Decision.DELIVERED : Decision.RETRY;
                }
            }
            if (stopping && decision != Decision.DELIVERED) {
                return; // cut short by the shutdown, not the partner's fault: the claim is released, it goes again
            }
            Decision outcome = decision;
            Integer statusCode = status;
            String reason = error;
            KeycloakModelUtils.runJobInTransaction(factory, session -> record(session, d.eventId(), claim, outcome, statusCode, reason));
        } catch (RuntimeException e) {
            // One bad event never stops the others; its claim expires and it is tried again.
            if (!stopping && !serverShuttingDown(e)) {
                LOG.warnf("webhook event %s: delivery step failed: %s", d.eventId(), e.getClass().getSimpleName());
            } else {
                LOG.debugf("webhook event %s: attempt cut short by the shutdown; it goes again", d.eventId());
            }
        } finally {
            unreserve(d.clientId());
        }
    }

    private WebhookHttpSender.Result send(WebhookUrlPolicy.Target target, String eventId, Prepared prepared) {
        return sender.send(target, headers(prepared.kind(), eventId, prepared.type()), prepared.body(), settings.requestTimeout());
    }

    /**
     * The request headers of an attempt. Each carries an id that is the same on every retry: our own headers for
     * the signed events, the webhook API's {@code x-webhook-interaction-id} for the Open Finance notifications.
     */
    static Map<String, String> headers(WebhookKind kind, String eventId, String type) {
        Map<String, String> headers = new LinkedHashMap<>();
        switch (kind) {
            case SIGNED_EVENT -> {
                headers.put("Content-Type", CONTENT_TYPE);
                headers.put("X-Webhook-Id", eventId);
                headers.put("X-Webhook-Event", type);
            }
            case OPEN_FINANCE_PAYMENT_CONSENT -> {
                headers.put("Content-Type", OPEN_FINANCE_CONTENT_TYPE);
                headers.put("x-webhook-interaction-id", eventId);
            }
        }
        headers.put("User-Agent", "kc-consent-webhook");
        return headers;
    }

    /**
     * Decrypts the payload and, for a signed event, signs it, with the event's realm in the session context; the
     * address comes from the client's settings now, so a corrected URL applies to the events still queued.
     */
    private Prepared prepare(KeycloakSession session, String eventId, String claim) {
        WebhookOutbox outbox = outbox(session);
        ClaimedWebhookEvent e = outbox.claimed(eventId, claim).orElse(null);
        if (e == null) {
            return Prepared.not(Decision.LOST, null);
        }
        RealmModel realm = session.realms().getRealm(e.realmId());
        if (realm == null) {
            return Prepared.not(Decision.GIVE_UP, "realm removed");
        }
        session.getContext().setRealm(realm);
        ClientModel client = realm.getClientById(e.clientId());
        if (client == null) {
            return Prepared.not(Decision.GIVE_UP, "client removed");
        }
        session.getContext().setClient(client);
        WebhookSettings settingsOfClient = WebhookSettings.of(client);
        if (!settingsOfClient.sends(e.kind())) {
            return Prepared.not(Decision.WAIT, DISABLED);
        }
        String payload;
        try {
            payload = outbox.payload(realm, e);
        } catch (MissingFieldKeyException | FieldDecryptionException undecryptable) {
            // Key ids only, never the payload. Retried: the key may be enabled again.
            LOG.warnf("webhook event %s of realm %s cannot be decrypted (key %s); skipped, tried again later",
                    e.eventId(), realm.getName(), e.keyId());
            return Prepared.not(Decision.RETRY, "payload cannot be decrypted (key " + e.keyId() + ")");
        }
        return switch (e.kind()) {
            case SIGNED_EVENT -> Prepared.send(settingsOfClient.url(), e.kind(), e.type(),
                    sign(session, realm, payload).getBytes(StandardCharsets.US_ASCII));
            // The webhook API's body as stored: plain JSON, nothing personal in it.
            case OPEN_FINANCE_PAYMENT_CONSENT -> Prepared.send(
                    OpenFinancePaymentNotification.url(settingsOfClient.openFinanceBaseUri(), e.consentId()),
                    e.kind(), e.type(), payload.getBytes(StandardCharsets.UTF_8));
        };
    }

    private static String sign(KeycloakSession session, RealmModel realm, String payload) {
        String algorithm = realm.getDefaultSignatureAlgorithm() == null ? "RS256" : realm.getDefaultSignatureAlgorithm();
        SignatureSignerContext signer = session.getProvider(SignatureProvider.class, algorithm).signer();
        return new JWSBuilder().type("kcconsent-webhook+jwt").content(payload.getBytes(StandardCharsets.UTF_8)).sign(signer);
    }

    /**
     * Records the outcome if we still hold the claim: counts the attempt (unless nothing was tried), and either
     * ends the event or sets its next attempt with backoff.
     */
    private void record(KeycloakSession session, String eventId, String claim, Decision decision, Integer status, String error) {
        WebhookOutbox outbox = outbox(session);
        ClaimedWebhookEvent e = outbox.claimed(eventId, claim).orElse(null);
        if (e == null) {
            return; // consent removed meanwhile, or our claim expired and another dispatcher took over
        }
        long now = Time.currentTimeMillis();
        boolean counted = decision != Decision.WAIT;
        int attempts = e.attempts() + (counted ? 1 : 0);
        WebhookEventState state = WebhookEventState.PENDING;
        Long deliveredAt = null;
        long next = e.nextAttemptAt();
        if (decision == Decision.DELIVERED) {
            state = WebhookEventState.DELIVERED;
            deliveredAt = now;
        } else if (decision == Decision.GIVE_UP || now - e.createdAt() >= settings.maxAge().toMillis()) {
            state = WebhookEventState.FAILED;
            LOG.warnf("webhook event %s of type %s gave up after %d attempts: %s", e.eventId(), e.type(), attempts, error);
        } else {
            next = now + settings.backoff(Math.max(1, attempts), ThreadLocalRandom.current().nextDouble()).toMillis();
        }
        outbox.recordAttempt(eventId, claim, new WebhookAttemptResult(state, attempts,
                counted ? Long.valueOf(now) : e.lastAttemptAt(), counted ? status : e.lastStatus(), error, next, deliveredAt));
        RealmModel realm = session.realms().getRealm(e.realmId());
        metrics.attempt(realm == null ? "unknown" : realm.getName(), e.kind(), outcomeName(decision, state));
    }

    private static String outcomeName(Decision decision, WebhookEventState state) {
        if (state == WebhookEventState.DELIVERED) {
            return "delivered";
        }
        if (state == WebhookEventState.FAILED) {
            return "failed";
        }
        return decision == Decision.WAIT ? "waiting" : "retry";
    }

    private synchronized Set<String> busyPartners() {
        Set<String> busy = new HashSet<>();
        inFlight.forEach((client, n) -> {
            if (n >= settings.maxInFlightPerPartner()) {
                busy.add(client);
            }
        });
        return busy;
    }

    /** Takes a delivery thread and a slot of the partner, or neither. */
    private synchronized boolean reserve(String clientId) {
        int n = inFlight.getOrDefault(clientId, 0);
        if (n >= settings.maxInFlightPerPartner() || !threads.tryAcquire()) {
            return false;
        }
        inFlight.put(clientId, n + 1);
        return true;
    }

    private synchronized void unreserve(String clientId) {
        inFlight.computeIfPresent(clientId, (k, n) -> n <= 1 ? null : n - 1);
        threads.release();
    }

    /**
     * Stops polling, lets attempts in progress finish for a moment, ends the rest, and releases this
     * dispatcher's remaining claims so other nodes can send those events at once instead of after the claim
     * time. Its owner closes it before the persistence layer closes (the JPA outbox factory's {@code dependsOn}).
     */
    @Override
    public void close() {
        stopping = true;
        poller.shutdownNow();
        deliveries.shutdown();
        try {
            long grace = Math.min(settings.requestTimeout().toMillis(), 5000L);
            // A pass in progress may be committing a claim right now: let it end before the claims are
            // released below, or that claim would outlive this node (seen in the graceful-stop drill).
            poller.awaitTermination(grace, TimeUnit.MILLISECONDS);
            if (!deliveries.awaitTermination(grace, TimeUnit.MILLISECONDS)) {
                sender.close(); // closes the sockets, so the remaining attempts return now
                deliveries.shutdownNow();
                deliveries.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sender.close();
        }
        try {
            int released = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    session -> outbox(session).releaseClaims(nodeId + ":"));
            if (released > 0) {
                LOG.infof("released %d webhook claims at shutdown", released);
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not release webhook claims at shutdown (they expire by themselves): %s", e.getClass().getSimpleName());
        }
    }

    /**
     * Whether {@code e} is the server shutting down under a running attempt: on a graceful stop Keycloak stops its
     * caches (Infinispan) before it closes our factory, and an attempt then fails with Infinispan's
     * {@code IllegalLifecycleStateException}. That is not a delivery problem (the claim is released or expires and
     * the event goes again), so it is not logged as one. Matched by name, so the provider needs no Infinispan
     * dependency.
     */
    static boolean serverShuttingDown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if ("IllegalLifecycleStateException".equals(t.getClass().getSimpleName())) {
                return true;
            }
        }
        return false;
    }

    private static WebhookOutbox outbox(KeycloakSession session) {
        return session.getProvider(WebhookOutbox.class);
    }
}
