package io.github.kcconsent.accounts;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * Asks the bank's own system for the user's accounts: {@code GET <url>} where the URL template may contain
 * {@code {userId}}, {@code {username}}, {@code {cpf}}, {@code {realm}} and {@code {clientId}} (each
 * URL-encoded). The answer is a JSON array of {@code {"id","type","label","cnpj","payment"}} objects ({@code cnpj} only
 * for accounts of a company, {@code payment} only for accounts that can pay: {@link PixAccount}), or an object whose
 * {@code data} is such an array. Anything else (non-2xx, timeout, oversized or malformed body) is an
 * {@link AccountSourceException}: the user sees an error page, never an empty list.
 */
public class HttpAccountSource implements AccountSource {

    static final int MAX_BODY_BYTES = 256 * 1024;

    private final HttpClient http;
    private final HttpAccountSourceSettings settings;

    public HttpAccountSource(HttpClient http, HttpAccountSourceSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    @Override
    public List<Account> accounts(RealmModel realm, ClientModel client, UserModel user) {
        URI uri = URI.create(settings.urlTemplate()
                .replace("{userId}", enc(user.getId()))
                .replace("{username}", enc(user.getUsername()))
                .replace("{cpf}", enc(user.getFirstAttribute(settings.cpfAttribute())))
                .replace("{realm}", enc(realm.getName()))
                .replace("{clientId}", enc(client.getClientId())));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Accept", "application/json")
                .GET();
        if (settings.authorization() != null) {
            request.header("Authorization", settings.authorization());
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new AccountSourceException("account service unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccountSourceException("interrupted while calling the account service");
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw new AccountSourceException("account service answered HTTP " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new AccountSourceException("account service answer is larger than " + MAX_BODY_BYTES + " bytes");
            }
            return parse(bytes);
        } catch (IOException e) {
            throw new AccountSourceException("account service answer could not be read: " + e.getClass().getSimpleName());
        }
    }

    static List<Account> parse(byte[] bytes) {
        try {
            Object root = JsonSerialization.readValue(bytes, Object.class);
            if (root instanceof Map<?, ?> m) {
                root = m.get("data");
            }
            if (!(root instanceof List<?> list)) {
                throw new AccountSourceException("account service answer is not a JSON array of accounts");
            }
            List<Account> out = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> a) || !(a.get("id") instanceof String id)) {
                    throw new AccountSourceException("an account in the answer has no string id");
                }
                out.add(new Account(id, str(a.get("type")), str(a.get("label")), str(a.get("cnpj")),
                        PixAccount.fromJson(a.get("payment"))));
            }
            return List.copyOf(out);
        } catch (IOException | IllegalArgumentException e) {
            throw new AccountSourceException("account service answer is not valid JSON");
        }
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static String enc(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
    }

    /** Server-wide settings of the {@code http} account source. */
    public record HttpAccountSourceSettings(String urlTemplate, Duration timeout, String authorization, String cpfAttribute) {
    }
}
