package io.github.kcconsent.it.support;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

/**
 * A cookie-keeping HTTP "browser" for Keycloak's server-rendered pages: follows redirects inside Keycloak,
 * stops at a redirect that leaves it (the partner callback), and submits forms as a browser would.
 * Real-browser tests (Chromium) cover the same screens; this one is fast enough for every error case.
 */
public final class BrowserSession {

    /**
     * Keycloak marks its session cookies {@code Secure} (browsers accept that on http://localhost, the JDK's
     * CookieManager does not), so keep them by name and send them all back: the tests only talk to localhost.
     */
    public static final class LocalhostCookieJar extends CookieHandler {
        private final Map<String, String> cookies = new ConcurrentHashMap<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            if (cookies.isEmpty()) {
                return Map.of();
            }
            StringBuilder header = new StringBuilder();
            cookies.forEach((k, v) -> header.append(header.isEmpty() ? "" : "; ").append(k).append('=').append(v));
            return Map.of("Cookie", List.of(header.toString()));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            for (Map.Entry<String, List<String>> e : responseHeaders.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase("Set-Cookie")) {
                    for (String cookie : e.getValue()) {
                        String pair = cookie.split(";", 2)[0];
                        int eq = pair.indexOf('=');
                        String name = pair.substring(0, eq).trim();
                        String value = pair.substring(eq + 1).trim();
                        boolean expired = cookie.toLowerCase(Locale.ROOT).contains("max-age=0");
                        if (expired || value.isEmpty()) {
                            cookies.remove(name);
                        } else {
                            cookies.put(name, value);
                        }
                    }
                }
            }
        }
    }

    /** A form tag; its id and action are read from it whatever their order. */
    private static final Pattern FORM = Pattern.compile("<form\\b[^>]*>", Pattern.DOTALL);
    private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]+)\"");
    private static final Pattern ACTION = Pattern.compile("\\saction=\"([^\"]+)\"");

    private final HttpClient client;
    private final String keycloakOrigin;

    /** The last page seen and, once the flow leaves Keycloak, where it went. */
    public HttpResponse<String> page;
    public URI leftTo;

    public BrowserSession(String keycloakOrigin) {
        this(keycloakOrigin, null);
    }

    /** A browser for an HTTPS Keycloak whose certificate {@code tls} trusts (a browser offers no client certificate). */
    public BrowserSession(String keycloakOrigin, SSLContext tls) {
        this.keycloakOrigin = keycloakOrigin;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .cookieHandler(new LocalhostCookieJar())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
    }

    public BrowserSession open(String url) {
        return follow(HttpRequest.newBuilder(URI.create(url)).GET().header("Accept-Language", "pt-BR").build());
    }

    public BrowserSession openIn(String url, String language) {
        return follow(HttpRequest.newBuilder(URI.create(url)).GET().header("Accept-Language", language).build());
    }

    public BrowserSession login(String username, String password) {
        return submit("kc-form-login", Map.of("username", List.of(username), "password", List.of(password)));
    }

    public BrowserSession submit(String formId, Map<String, List<String>> fields) {
        String action = formAction(formId);
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, List<String>> e : fields.entrySet()) {
            for (String v : e.getValue()) {
                if (!body.isEmpty()) {
                    body.append('&');
                }
                body.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        }
        return follow(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    /** Posts a raw form body to a URL with this session's cookies, without following redirects. */
    public BrowserSession postRaw(String url, String body) {
        page = send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        return this;
    }

    /**
     * Posts a raw form body with this session's cookies and returns the answer without following it or touching
     * {@link #page}: safe to call from several threads at once (the same form posted to two nodes).
     */
    public HttpResponse<String> postConcurrently(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public String formAction(String formId) {
        String action = findFormAction(formId);
        if (action == null) {
            throw new AssertionError("no form " + formId + " on page:\n" + page.body());
        }
        return action;
    }

    public boolean showsForm(String formId) {
        return findFormAction(formId) != null;
    }

    private String findFormAction(String formId) {
        Matcher form = FORM.matcher(page.body());
        while (form.find()) {
            Matcher id = ID.matcher(form.group());
            Matcher action = ACTION.matcher(form.group());
            if (id.find() && id.group(1).equals(formId) && action.find()) {
                return action.group(1).replace("&amp;", "&");
            }
        }
        return null;
    }

    private BrowserSession follow(HttpRequest request) {
        HttpResponse<String> response = send(request);
        int hops = 0;
        while (response.statusCode() / 100 == 3 && hops++ < 10) {
            URI next = request.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            if (!next.toString().startsWith(keycloakOrigin)) {
                leftTo = next;
                page = response;
                return this;
            }
            request = HttpRequest.newBuilder(next).GET().header("Accept-Language", "pt-BR").build();
            response = send(request);
        }
        page = response;
        return this;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Query parameters of the URI the flow left Keycloak for, each with all its values. */
    public Map<String, List<String>> callbackParams() {
        if (leftTo == null) {
            throw new AssertionError("the flow never left Keycloak; last page:\n" + page.body());
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        String query = leftTo.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }
        return out;
    }
}
