package io.github.kcconsent.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * A partner's webhook endpoint on 127.0.0.1:{@value #PORT}: answers 200, 500, answers 200 after a delay, or
 * hangs until released. {@link #arrivals()} records each request when it arrives (before any hang or delay),
 * {@link #received()} when it was answered. Under {@link #OPEN_FINANCE_BASE_URI} it is a payment initiator's
 * Open Finance webhook base: every request there is recorded with its method and path in
 * {@link #openFinance()} and answered 202 as the webhook API expects (500 in {@link Mode#FAIL}).
 */
public final class WebhookReceiver implements AutoCloseable {

    public static final int PORT = 8599;
    public static final String URL = "http://127.0.0.1:" + PORT + "/hook";
    /** Used only by the restart tests, so no other test's receiver can take their event. */
    public static final int RESTART_PORT = 8598;
    public static final String RESTART_URL = "http://127.0.0.1:" + RESTART_PORT + "/hook";
    /** A payment initiator's Open Finance webhook base URI (its registered {@code webhook_uris} entry). */
    public static final String OPEN_FINANCE_BASE_URI = "http://127.0.0.1:" + PORT + "/ofb";

    public enum Mode { OK, FAIL, HANG, SLOW }

    /** How long {@link Mode#SLOW} takes to answer. */
    public static final long SLOW_MILLIS = 2500;

    /** What one delivery attempt carried, and what we answered. */
    public record Received(String eventId, String eventType, String contentType, String body, int answered) {
    }

    /** One request under {@link #OPEN_FINANCE_BASE_URI}, as it arrived, and what we answered. */
    public record OpenFinanceRequest(String method, String path, String contentType, String interactionId, String body,
                                     int answered) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Received> arrivals = new CopyOnWriteArrayList<>();
    private final List<OpenFinanceRequest> openFinance = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.OK;
    private volatile CountDownLatch release = new CountDownLatch(1);
    private volatile long delayMillis;

    public WebhookReceiver() {
        this(PORT);
    }

    public WebhookReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Mode now = mode;
            String eventId = exchange.getRequestHeaders().getFirst("X-Webhook-Id");
            String eventType = exchange.getRequestHeaders().getFirst("X-Webhook-Event");
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            arrivals.add(new Received(eventId, eventType, contentType, body, 0));
            try {
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                if (now == Mode.HANG) {
                    release.await(60, TimeUnit.SECONDS);
                } else if (now == Mode.SLOW) {
                    Thread.sleep(SLOW_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int status = now == Mode.FAIL ? 500 : 200;
            received.add(new Received(eventId, eventType, contentType, body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.createContext("/ofb", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = mode == Mode.FAIL ? 500 : 202;
            openFinance.add(new OpenFinanceRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("x-webhook-interaction-id"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public void mode(Mode mode) {
        if (mode == Mode.HANG) {
            release = new CountDownLatch(1);
        }
        this.mode = mode;
    }

    /** A slow partner: every answer waits this long after the request arrived (0: answer at once). */
    public void delay(Duration delay) {
        this.delayMillis = delay.toMillis();
    }

    /** Lets every hanging request answer. */
    public void release() {
        release.countDown();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Every request under {@link #OPEN_FINANCE_BASE_URI}, in the order they arrived. */
    public List<OpenFinanceRequest> openFinance() {
        return List.copyOf(openFinance);
    }

    /** Every request as it arrived, before any hang or delay ({@code answered} is 0). */
    public List<Received> arrivals() {
        return List.copyOf(arrivals);
    }

    public List<Received> arrivalsFor(String consentIdFragment) {
        return arrivals.stream().filter(r -> r.body().contains(".")).filter(r -> PayloadPeek.payload(r.body()).contains(consentIdFragment)).toList();
    }

    public List<Received> receivedFor(String consentIdFragment) {
        return received.stream().filter(r -> r.body().contains(".")).filter(r -> PayloadPeek.payload(r.body()).contains(consentIdFragment)).toList();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }

    /** Reads a compact JWS payload without verifying it (tests verify separately). */
    public static final class PayloadPeek {
        public static String payload(String jws) {
            String[] parts = jws.split("\\.");
            return parts.length < 2 ? "" : new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        }
    }
}
