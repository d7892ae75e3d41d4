package io.github.kcconsent.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A misbehaving webhook endpoint on a raw socket: it reads the request, answers {@code HTTP/1.1 200} with
 * {@code Content-Length: 100000}, sends no body and keeps the connection open for a minute. A client that
 * waits for the body hangs; one that stops after the status line does not.
 */
public final class StallingReceiver implements AutoCloseable {

    public static final int PORT = 8597;
    public static final String URL = "http://127.0.0.1:" + PORT + "/hook";

    private final ServerSocket server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stalling-receiver");
        t.setDaemon(true);
        return t;
    });
    /** The X-Webhook-Id of every request, as it arrived. */
    private final List<String> eventIds = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    public StallingReceiver() {
        try {
            server = new ServerSocket(PORT, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        workers.execute(this::accept);
    }

    public List<String> eventIds() {
        return List.copyOf(eventIds);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                workers.execute(() -> stall(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void stall(Socket socket) {
        try {
            String head = readHead(socket.getInputStream());
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("x-webhook-id:")) {
                    eventIds.add(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            TimeUnit.SECONDS.sleep(60); // the promised body never comes
        } catch (IOException | InterruptedException e) {
            // closed by the test or by the client
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    /** The request line and headers (the body is left unread: we answer before it matters). */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
        workers.shutdownNow();
    }
}
