package io.github.kcconsent.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookHttpSenderTest {

    private ServerSocket server;
    private WebhookHttpSender sender;
    private final CompletableFuture<String> requestHead = new CompletableFuture<>();

    @BeforeEach
    void setUp() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        sender = new WebhookHttpSender(Duration.ofSeconds(1), (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    @AfterEach
    void tearDown() throws IOException {
        sender.close();
        server.close();
    }

    /** Accepts one connection, reads the request head, writes {@code answer}, then holds the connection. */
    private void answer(String answer, long holdMillis) {
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                requestHead.complete(readHead(s.getInputStream()));
                s.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                Thread.sleep(holdMillis);
            } catch (IOException | InterruptedException e) {
                // closed
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            head.append((char) c);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    /** A target named partner.example, pinned to the local test server. */
    private WebhookUrlPolicy.Target target() {
        return new WebhookUrlPolicy.Target(URI.create("http://partner.example:" + server.getLocalPort() + "/hook?a=1"),
                InetAddress.getLoopbackAddress());
    }

    private WebhookHttpSender.Result send(Duration deadline) {
        return sender.send(target(), Map.of("X-Webhook-Id", "e-1"), "body".getBytes(StandardCharsets.US_ASCII), deadline);
    }

    @Test
    void aStatusLineIsEnoughAndThePromisedBodyIsNeverWaitedFor() throws Exception {
        answer("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n", 30_000);
        long started = System.nanoTime();
        WebhookHttpSender.Result result = send(Duration.ofSeconds(10));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, result.status());
        assertNull(result.error());
        assertTrue(tookMillis < 2000, "took " + tookMillis + " ms");

        String head = requestHead.get(5, TimeUnit.SECONDS);
        assertTrue(head.startsWith("POST /hook?a=1 HTTP/1.1\r\n"), head);
        assertTrue(head.contains("\r\nHost: partner.example:" + server.getLocalPort() + "\r\n"), "the original host: " + head);
        assertTrue(head.contains("\r\nX-Webhook-Id: e-1\r\n"), head);
        assertTrue(head.contains("\r\nContent-Length: 4\r\n"), head);
    }

    @Test
    void aReceiverThatNeverAnswersEndsAtTheTotalDeadline() {
        answer("", 30_000);
        long started = System.nanoTime();
        WebhookHttpSender.Result result = send(Duration.ofMillis(800));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertNull(result.status());
        assertEquals("timeout", result.error());
        assertTrue(tookMillis >= 700 && tookMillis < 3000, "took " + tookMillis + " ms");
    }

    @Test
    void aReceiverThatTricklesItsStatusLineEndsAtTheTotalDeadline() {
        // One byte, then silence: a per-read timeout would restart; the total deadline does not.
        answer("H", 30_000);
        long started = System.nanoTime();
        WebhookHttpSender.Result result = send(Duration.ofMillis(800));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals("timeout", result.error());
        assertTrue(tookMillis < 3000, "took " + tookMillis + " ms");
    }

    @Test
    void errorsAndRefusedConnectionsAreReportedWithoutPeerData() throws IOException {
        answer("HTTP/1.1 503 Service Unavailable\r\n\r\n", 0);
        WebhookHttpSender.Result unavailable = send(Duration.ofSeconds(5));
        assertEquals(503, unavailable.status());
        assertEquals("HTTP 503", unavailable.error());

        int port = server.getLocalPort();
        server.close();
        WebhookHttpSender.Result refused = sender.send(new WebhookUrlPolicy.Target(URI.create("http://partner.example:" + port + "/"),
                InetAddress.getLoopbackAddress()), Map.of(), new byte[0], Duration.ofSeconds(2));
        assertNull(refused.status());
        assertEquals("ConnectException", refused.error());
    }

    @Test
    void interimResponsesAreSkipped() throws IOException {
        assertEquals(204, WebhookHttpSender.readStatus(stream("HTTP/1.1 100 Continue\r\nX: y\r\n\r\nHTTP/1.1 204 No Content\r\n")));
        assertEquals(500, WebhookHttpSender.readStatus(stream("HTTP/1.0 500 Oops\r\n")));
        assertThrows(IOException.class, () -> WebhookHttpSender.readStatus(stream("SSH-2.0-OpenSSH\r\n")));
        assertThrows(IOException.class, () -> WebhookHttpSender.readStatus(stream("HTTP/1.1 200")));
        assertThrows(IOException.class, () -> WebhookHttpSender.readStatus(stream("HTTP/1.1 " + "9".repeat(10_000) + "\r\n")));
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
