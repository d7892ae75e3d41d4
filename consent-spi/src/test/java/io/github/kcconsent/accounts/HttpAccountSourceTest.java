package io.github.kcconsent.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import io.github.kcconsent.fakes.KeycloakFakes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

class HttpAccountSourceTest {

    private HttpServer server;
    private final AtomicReference<String> lastPath = new AtomicReference<>();
    private final AtomicReference<String> lastAuth = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String body = "[]";
    private volatile long delayMillis = 0;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            lastPath.set(exchange.getRequestURI().getRawPath());
            lastAuth.set(exchange.getRequestHeaders().getFirst("Authorization"));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpAccountSource source(Duration timeout) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/customers/{cpf}/accounts/{username}";
        return new HttpAccountSource(HttpClient.newBuilder().connectTimeout(timeout).build(),
                new HttpAccountSource.HttpAccountSourceSettings(url, timeout, "Bearer s3cret", "cpf"));
    }

    private List<Account> call(HttpAccountSource source) {
        UserModel user = KeycloakFakes.of(UserModel.class).returning("getId", "u-1").returning("getUsername", "maria silva")
                .on("getFirstAttribute", 1, a -> Map.of("cpf", "52998224725").get((String) a[0])).build();
        RealmModel realm = KeycloakFakes.of(RealmModel.class).returning("getName", "bank").build();
        ClientModel client = KeycloakFakes.of(ClientModel.class).returning("getClientId", "partner").build();
        return source.accounts(realm, client, user);
    }

    @Test
    void readsAccountsAndFillsTheUrlTemplate() {
        body = "[{\"id\":\"a1\",\"type\":\"CONTA\",\"label\":\"Conta •••• 1\"},{\"id\":\"a2\"}]";

        List<Account> accounts = call(source(Duration.ofSeconds(2)));

        assertEquals(List.of(new Account("a1", "CONTA", "Conta •••• 1"), new Account("a2", null, null)), accounts);
        assertEquals("/customers/52998224725/accounts/maria+silva", lastPath.get());
        assertEquals("Bearer s3cret", lastAuth.get());
    }

    @Test
    void aCompanysAccountCarriesItsCnpj() {
        body = "[{\"id\":\"pj1\",\"type\":\"CONTA\",\"label\":\"Conta PJ\",\"cnpj\":\"11222333000181\"}]";

        assertEquals(List.of(new Account("pj1", "CONTA", "Conta PJ", "11222333000181")), call(source(Duration.ofSeconds(2))));
    }

    @Test
    void aMalformedCnpjIsAnError() {
        body = "[{\"id\":\"pj1\",\"cnpj\":\"not-a-cnpj\"}]";

        assertThrows(AccountSourceException.class, () -> call(source(Duration.ofSeconds(2))));
    }

    @Test
    void acceptsADataEnvelope() {
        body = "{\"data\":[{\"id\":\"a1\"}]}";

        assertEquals(1, call(source(Duration.ofSeconds(2))).size());
    }

    @Test
    void serverErrorIsAnErrorNotAnEmptyList() {
        status = 503;
        body = "down";

        assertThrows(AccountSourceException.class, () -> call(source(Duration.ofSeconds(2))));
    }

    @Test
    void malformedAnswersAreErrors() {
        for (String bad : List.of("not json", "{\"accounts\":[]}", "[{\"label\":\"no id\"}]", "[1,2]")) {
            body = bad;
            assertThrows(AccountSourceException.class, () -> call(source(Duration.ofSeconds(2))), bad);
        }
    }

    @Test
    void slowServiceTimesOut() {
        delayMillis = 1500;

        assertThrows(AccountSourceException.class, () -> call(source(Duration.ofMillis(300))));
    }

    @Test
    void oversizedAnswerIsRefused() {
        body = "[" + "{\"id\":\"a\"},".repeat(30_000) + "{\"id\":\"z\"}]";

        assertThrows(AccountSourceException.class, () -> call(source(Duration.ofSeconds(5))));
    }
}
