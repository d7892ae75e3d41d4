package io.github.kcconsent.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;

/** Stands in for the demo partner on 127.0.0.1:8090 and records the callback the browser arrives with. */
public final class PartnerCallbackReceiver implements AutoCloseable {

    private final HttpServer server;
    private final AtomicReference<URI> last = new AtomicReference<>();

    public PartnerCallbackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8090), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("port 8090 is taken (is the example partner running?)", e);
        }
        server.createContext("/callback", exchange -> {
            last.set(exchange.getRequestURI());
            byte[] body = "<!doctype html><title>partner</title><p id=\"partner\">callback received</p>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** The last callback's raw query, or null. */
    public String lastQuery() {
        URI uri = last.get();
        return uri == null ? null : uri.getRawQuery();
    }

    public void reset() {
        last.set(null);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
