package io.github.kcconsent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/** A partner's webhook endpoint on 127.0.0.1:{@value #PORT}: answers 200, 500, or hangs until released. */
public final class WebhookReceiver implements AutoCloseable {

    public static final int PORT = 8599;
    public static final String URL = "http://127.0.0.1:" + PORT + "/hook";
    /** Used only by the restart tests, so no other test's receiver can take their event. */
    public static final int RESTART_PORT = 8598;
    public static final String RESTART_URL = "http://127.0.0.1:" + RESTART_PORT + "/hook";

    public enum Mode { OK, FAIL, HANG }

    /** What one delivery attempt carried, and what we answered. */
    public record Received(String eventId, String eventType, String contentType, String body, int answered) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
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
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Mode now = mode;
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (now == Mode.HANG) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = now == Mode.FAIL ? 500 : 200;
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Webhook-Id"),
                    exchange.getRequestHeaders().getFirst("X-Webhook-Event"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body, status));
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

    /** A slow partner: every answer waits this long after the body was read (0: answer at once). */
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

    public List<Received> receivedFor(String consentIdFragment) {
        return received.stream().filter(r -> r.body().contains(".")).filter(r -> PayloadPeek.payload(r.body()).contains(consentIdFragment)).toList();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }

    /** Reads a compact JWS payload without verifying it (tests verify separately). */
    static final class PayloadPeek {
        static String payload(String jws) {
            String[] parts = jws.split("\\.");
            return parts.length < 2 ? "" : new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        }
    }
}
