package io.github.kcconsent.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One webhook POST over HTTP/1.1, to the address the {@link WebhookUrlPolicy} checked (never a second lookup),
 * with the original host in the {@code Host} header and, for https, in SNI and the certificate check.
 *
 * <p>Every attempt has one total deadline covering connect, TLS handshake, sending and the status line: a
 * watchdog closes the socket when it passes, whatever the peer does. Only the status line is read; the
 * response headers and body are never waited for (a receiver that promises a body and stalls costs nothing),
 * and the connection is closed after each attempt.
 */
final class WebhookHttpSender implements AutoCloseable {

    /** The status line, and headers of interim 1xx responses, are read up to this many bytes. */
    static final int MAX_HEAD_BYTES = 8 * 1024;

    /** What an attempt came to: a status code, or an error naming the cause (no data from the peer). */
    record Result(Integer status, String error) {
        boolean delivered() {
            return status != null && status / 100 == 2;
        }
    }

    private final Duration connectTimeout;
    private final SSLSocketFactory tls;
    private final ScheduledExecutorService watchdog;
    /** Sockets of attempts in progress, so {@link #close()} can end them at shutdown. */
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    WebhookHttpSender(Duration connectTimeout, SSLSocketFactory tls) {
        this.connectTimeout = connectTimeout;
        this.tls = tls;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "kcconsent-webhook-deadline");
            t.setDaemon(true);
            return t;
        });
    }

    Result send(WebhookUrlPolicy.Target target, Map<String, String> headers, byte[] body, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        Socket socket = new Socket();
        open.add(socket);
        ScheduledFuture<?> kill = watchdog.schedule(() -> closeQuietly(socket), deadline.toMillis(), TimeUnit.MILLISECONDS);
        Socket channel = socket;
        try {
            socket.connect(new InetSocketAddress(target.address(), target.port()),
                    (int) Math.max(1, Math.min(connectTimeout.toMillis(), remainingMillis(end))));
            socket.setSoTimeout((int) Math.max(1, remainingMillis(end)));
            if (target.https()) {
                SSLSocket ssl = (SSLSocket) tls.createSocket(socket, target.host(), target.port(), true);
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
                if (!isIpLiteral(target.host())) {
                    parameters.setServerNames(List.of(new SNIHostName(target.host())));
                }
                ssl.setSSLParameters(parameters);
                open.add(ssl);
                channel = ssl;
                ssl.startHandshake();
            }
            OutputStream out = channel.getOutputStream();
            out.write(head(target, headers, body.length));
            out.write(body);
            out.flush();
            channel.setSoTimeout((int) Math.max(1, remainingMillis(end)));
            int status = readStatus(channel.getInputStream());
            return new Result(status, status / 100 == 2 ? null : "HTTP " + status);
        } catch (SocketTimeoutException e) {
            return new Result(null, "timeout");
        } catch (MalformedResponseException e) {
            return new Result(null, "malformed response");
        } catch (IOException e) {
            return new Result(null, System.nanoTime() - end >= 0 ? "timeout" : e.getClass().getSimpleName());
        } finally {
            kill.cancel(false);
            closeQuietly(channel);
            closeQuietly(socket);
            open.remove(channel);
            open.remove(socket);
        }
    }

    private static byte[] head(WebhookUrlPolicy.Target target, Map<String, String> headers, int length) {
        StringBuilder head = new StringBuilder()
                .append("POST ").append(target.requestTarget()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.hostHeader()).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(length).append("\r\n")
                .append("Connection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The final status code; interim 1xx responses (with their headers) are skipped. Never reads a body. */
    static int readStatus(InputStream in) throws IOException {
        int budget = MAX_HEAD_BYTES;
        while (true) {
            String line = readLine(in, budget);
            budget -= line.length() + 2;
            int status = parseStatus(line);
            if (status >= 200) {
                return status;
            }
            // 1xx: skip its headers up to the empty line, then read the next status line.
            String header;
            do {
                header = readLine(in, budget);
                budget -= header.length() + 2;
            } while (!header.isEmpty());
        }
    }

    static int parseStatus(String line) throws IOException {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
            throw new MalformedResponseException();
        }
        try {
            int status = Integer.parseInt(parts[1]);
            if (status < 100 || status > 599) {
                throw new MalformedResponseException();
            }
            return status;
        } catch (NumberFormatException e) {
            throw new MalformedResponseException();
        }
    }

    private static String readLine(InputStream in, int budget) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int c = in.read();
            if (c == -1) {
                throw new MalformedResponseException();
            }
            if (previous == '\r' && c == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(c);
            previous = c;
            if (line.size() > budget) {
                throw new MalformedResponseException();
            }
        }
    }

    /** The response did not start like HTTP/1.x, or its head was too long. */
    static final class MalformedResponseException extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static long remainingMillis(long endNanos) {
        return TimeUnit.NANOSECONDS.toMillis(endNanos - System.nanoTime());
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    /** Ends attempts still in progress (their sockets close, their threads return) and stops the watchdog. */
    @Override
    public void close() {
        open.forEach(WebhookHttpSender::closeQuietly);
        watchdog.shutdownNow();
    }
}
