package io.github.kcconsent.example;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartnerServerTest {

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private PartnerServer server;

    @BeforeEach
    void start() throws Exception {
        PartnerConfig config = PartnerConfig.defaults().withPort(0)
                .withRedirectUri("http://localhost:8090/callback");
        server = PartnerServer.start(config, TestFiles.privateKey(), log::add);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + pathAndQuery));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String rawGet(String pathAndQuery) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The line is written once the response is out, so the client may be a moment ahead. */
    private void awaitLogLines(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (log.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(20);
        assertEquals(count, log.size(), String.join("\n", log));
    }

    @Test
    void homePageHasTheConnectButton() throws Exception {
        HttpResponse<String> response = get("/");
        assertEquals(200, response.statusCode());
        assertEquals("text/html; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().contains("FinApp Demo"));
        assertTrue(response.body().contains("<a class=\"button\" href=\"/connect\">Conectar minha conta do Banco Demo</a>"));
        assertTrue(response.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'none'"));
    }

    @Test
    void callbackShowsTheValues() throws Exception {
        HttpResponse<String> response = get("/callback?consent_result=approved&resource_id=a&resource_id=b"
                + "&consent_id=urn:x:1&session_metadata=%7B%22user_session%22%3A%22s%22%7D");
        assertEquals(200, response.statusCode());
        String body = response.body();
        assertTrue(body.contains("Consentimento aprovado"));
        assertTrue(body.contains("<code>approved</code>"));
        assertTrue(body.contains("<li><code>a</code></li><li><code>b</code></li>"));
        assertTrue(body.contains("<code>urn:x:1</code>"));
        assertTrue(body.contains("{&quot;user_session&quot;:&quot;s&quot;}"));
        assertTrue(body.contains("Sem cookie de sessão"));
        assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElseThrow());
    }

    @Test
    void connectMintsALinkAndTheCallbackRecognisesTheSession() throws Exception {
        HttpResponse<String> connect = get("/connect");
        assertEquals(302, connect.statusCode());
        String location = connect.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("http://localhost:8080/realms/consent-demo/consent?client_id=demo-partner"
                + "&type=consent&jwt="), location);
        String setCookie = connect.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"), setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String session = cookie.substring(cookie.indexOf('=') + 1);

        String jwt = Urls.parseQuery(URI.create(location).getRawQuery()).get("jwt").get(0);
        SignedJWT parsed = SignedJWT.parse(jwt);
        assertTrue(parsed.verify(new RSASSAVerifier(TestFiles.registeredPublicKey())));
        assertEquals(Map.of("user_session", session), parsed.getJWTClaimsSet().getJSONObjectClaim("session_metadata"));

        // A second click reuses the browser's session.
        HttpResponse<String> again = get("/connect", "Cookie", "KEYCLOAK_X=1; " + cookie);
        String jwt2 = Urls.parseQuery(URI.create(again.headers().firstValue("Location").orElseThrow()).getRawQuery())
                .get("jwt").get(0);
        assertEquals(session, SignedJWT.parse(jwt2).getJWTClaimsSet().getJSONObjectClaim("session_metadata")
                .get("user_session"));

        String metadata = Urls.queryValue("{\"user_session\":\"" + session + "\"}");
        HttpResponse<String> callback = get("/callback?session_metadata=" + metadata + "&consent_result=ignored",
                "Cookie", cookie);
        assertEquals(200, callback.statusCode());
        assertTrue(callback.body().contains("corresponde ao cookie desta sessão"), callback.body());

        HttpResponse<String> otherBrowser = get("/callback?session_metadata=" + metadata + "&consent_result=ignored",
                "Cookie", PartnerServer.SESSION_COOKIE + "=" + PartnerServer.newSessionId());
        assertTrue(otherBrowser.body().contains("não corresponde"));

        // Nothing secret or personal in the log: no token, no session id, no query values.
        awaitLogLines(4);
        String allLog = String.join("\n", log);
        assertFalse(allLog.contains(jwt.substring(0, 20)), allLog);
        assertFalse(allLog.contains(session), allLog);
        assertFalse(allLog.contains("user_session"), allLog);
    }

    @Test
    void badRequestsGetAPageNotAStackTrace() throws Exception {
        HttpResponse<String> tooMany = get("/callback?" + "resource_id=x&".repeat(Urls.MAX_PARAMETERS + 1));
        assertEquals(400, tooMany.statusCode());
        assertTrue(tooMany.body().contains("malformado"));

        // HttpClient refuses to send a bad escape, so write the request by hand. The JDK server answers it
        // before our handler (a one-line 400): still no stack trace.
        String raw = rawGet("/callback?consent_result=%zz&session_metadata=%7");
        assertTrue(raw.startsWith("HTTP/1.1 400"), raw);
        assertFalse(raw.contains("\tat ") || raw.contains("at java."), raw);

        HttpResponse<String> empty = get("/callback");
        assertEquals(200, empty.statusCode());
        assertTrue(empty.body().contains("O banco não enviou <code>consent_result</code>"));

        HttpResponse<String> notFound = get("/nope?secret=123");
        assertEquals(404, notFound.statusCode());
        assertTrue(notFound.body().contains("Página não encontrada"));

        HttpResponse<String> post = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/connect"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());

        String xss = get("/callback?consent_result=%3Cscript%3Ealert(1)%3C/script%3E&%3Cimg%3E=1").body();
        assertFalse(xss.contains("<script>"));
        assertFalse(xss.contains("<img>"));
        assertTrue(xss.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));

        awaitLogLines(5);
        String allLog = String.join("\n", log);
        assertFalse(allLog.contains("secret"), allLog);
        assertFalse(allLog.contains("/nope"), allLog);
        assertFalse(allLog.contains("script"), allLog);
        assertTrue(allLog.contains("GET /callback 400"), allLog);
        assertTrue(allLog.contains("GET (other path) 404"), allLog);
    }

    @Test
    void oneLogLinePerRequest() throws Exception {
        get("/");
        get("/callback?consent_result=approved&resource_id=a&consent_id=urn:x:1");
        awaitLogLines(2);
        assertTrue(log.get(0).matches("\\S+ GET / 200 \\d+ms"), log.get(0));
        assertTrue(log.get(1).matches("\\S+ GET /callback 200 \\d+ms result=approved resource_ids=1 "
                + "consent_id=present session=missing"), log.get(1));
        assertFalse(log.get(1).contains("urn:x:1"));
    }
}
