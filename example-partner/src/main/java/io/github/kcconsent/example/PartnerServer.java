package io.github.kcconsent.example;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import static io.github.kcconsent.example.Html.esc;

/**
 * The example partner's HTTP server on 127.0.0.1: {@code GET /} (landing page), {@code GET /connect} (mints the
 * consent link and redirects to the bank) and {@code GET /callback} (shows what the bank sent back).
 *
 * <p>One log line per request: time, method, route, status, duration and a summary made of fixed words and
 * counts only. Query strings, cookies, tokens, consent ids and account ids are never logged.
 */
public final class PartnerServer implements AutoCloseable {

    /** The partner's own session cookie; its value travels to the bank as session_metadata.user_session. */
    static final String SESSION_COOKIE = "finapp_session";
    static final int SESSION_COOKIE_MAX_AGE = 3600;
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{22,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CSP =
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

    private final HttpServer server;
    private final ExecutorService executor;
    private final PartnerConfig config;
    private final ConsentLinkMinter minter;
    private final Consumer<String> log;

    private PartnerServer(HttpServer server, ExecutorService executor, PartnerConfig config,
                          ConsentLinkMinter minter, Consumer<String> log) {
        this.server = server;
        this.executor = executor;
        this.config = config;
        this.minter = minter;
        this.log = log;
    }

    /**
     * Binds 127.0.0.1:{@code config.port()} (0: a free port) and starts serving.
     *
     * @param log receives one line per request (and nothing secret)
     * @throws IOException when the port cannot be bound (e.g. {@link java.net.BindException}: in use)
     */
    public static PartnerServer start(PartnerConfig config, RSAKey key, Consumer<String> log) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", config.port()), 50);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "example-partner-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        int port = server.getAddress().getPort();
        ConsentLinkMinter minter = ConsentLinkMinter.of(config, key, config.redirectUriFor(port));
        PartnerServer partner = new PartnerServer(server, executor, config, minter, log);
        server.createContext("/", partner::dispatch);
        server.setExecutor(executor);
        server.start();
        return partner;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String redirectUri() {
        return minter.redirectUri();
    }

    /** Stops accepting requests, lets running ones finish for up to {@code graceSeconds}, then stops. */
    public void stop(int graceSeconds) {
        server.stop(graceSeconds);
        executor.shutdown();
        try {
            executor.awaitTermination(Math.max(graceSeconds, 1), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }

    @Override
    public void close() {
        stop(0);
    }

    // ---------------------------------------------------------------------------------------------------

    private record Reply(int status, String html, Map<String, String> headers, String summary) {
        static Reply page(int status, String html, String summary) {
            return new Reply(status, html, Map.of(), summary);
        }
    }

    private void dispatch(HttpExchange exchange) {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String route = switch (path == null ? "" : path) {
            case "/", "/connect", "/callback" -> path;
            default -> null;
        };
        Reply reply;
        try {
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                reply = new Reply(405, message("Método não permitido", "Use GET."), Map.of("Allow", "GET, HEAD"), "");
            } else if (route == null) {
                reply = Reply.page(404, message("Página não encontrada",
                        "Esta FinApp só tem a página inicial, /connect e /callback."), "");
            } else {
                reply = switch (route) {
                    case "/" -> Reply.page(200, HomePage.render(config), "");
                    case "/connect" -> connect(exchange);
                    default -> callback(exchange);
                };
            }
        } catch (RuntimeException e) {
            // The class name only: messages could carry input.
            reply = Reply.page(500, message("Erro interno",
                    "Algo deu errado nesta FinApp de exemplo. Veja o log do servidor."),
                    "error=" + e.getClass().getSimpleName());
        }
        String outcome = reply.summary;
        try {
            send(exchange, reply, "HEAD".equals(method));
        } catch (IOException e) {
            outcome = (outcome.isEmpty() ? "" : outcome + " ") + "client_gone";
        } finally {
            exchange.close();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        String methodForLog = method != null && method.matches("[A-Z]{1,10}") ? method : "?";
        log.accept(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + methodForLog + " "
                + (route != null ? route : "(other path)") + " " + reply.status + " " + millis + "ms"
                + (outcome.isEmpty() ? "" : " " + outcome));
    }

    private Reply connect(HttpExchange exchange) {
        String existing = sessionFromCookie(exchange);
        String session = existing != null ? existing : newSessionId();
        String jwt = minter.mint(session);
        String location = minter.consentUrl(jwt);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", location);
        headers.put("Set-Cookie", SESSION_COOKIE + "=" + session + "; Path=/; Max-Age=" + SESSION_COOKIE_MAX_AGE
                + "; HttpOnly; SameSite=Lax");
        String html = messageHtml("Indo para o Banco Demo…",
                "<a href=\"" + esc(location) + "\">Continuar no Banco Demo</a>");
        return new Reply(302, html, headers, "link minted alg=" + minter.algorithm().getName()
                + " ttl=" + ConsentLinkMinter.LIFETIME.toSeconds() + "s session=" + (existing != null ? "reused" : "new"));
    }

    private Reply callback(HttpExchange exchange) {
        Map<String, List<String>> params;
        try {
            params = Urls.parseQuery(exchange.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            return Reply.page(400, message("Retorno inválido",
                    "O endereço de retorno está malformado (codificação inválida ou parâmetros demais)."),
                    "malformed_query");
        }
        CallbackPage.Rendered page = CallbackPage.render(params, sessionFromCookie(exchange));
        return Reply.page(200, page.html(), page.logSummary());
    }

    private static void send(HttpExchange exchange, Reply reply, boolean head) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "text/html; charset=utf-8");
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Content-Security-Policy", CSP);
        reply.headers.forEach(headers::set);
        byte[] body = reply.html.getBytes(StandardCharsets.UTF_8);
        if (head) {
            exchange.sendResponseHeaders(reply.status, -1);
            return;
        }
        exchange.sendResponseHeaders(reply.status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String message(String title, String text) {
        return messageHtml(title, esc(text));
    }

    private static String messageHtml(String title, String safeHtml) {
        return Html.page("FinApp Demo — " + title, "<div class=\"card\">\n<h1>" + esc(title) + "</h1>\n<p>"
                + safeHtml + "</p>\n<p><a class=\"button\" href=\"/\">Voltar ao início</a></p>\n</div>\n");
    }

    /** This browser's session id, if it sent a well-formed one. */
    static String sessionFromCookie(HttpExchange exchange) {
        List<String> cookieHeaders = exchange.getRequestHeaders().get("Cookie");
        return cookieHeaders == null ? null : sessionFromCookieHeaders(cookieHeaders);
    }

    static String sessionFromCookieHeaders(List<String> cookieHeaders) {
        for (String header : cookieHeaders) {
            for (String part : header.split(";")) {
                String cookie = part.trim();
                int eq = cookie.indexOf('=');
                if (eq > 0 && cookie.substring(0, eq).trim().equals(SESSION_COOKIE)) {
                    String value = cookie.substring(eq + 1).trim();
                    if (SESSION_ID.matcher(value).matches()) {
                        return value;
                    }
                }
            }
        }
        return null;
    }

    static String newSessionId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
