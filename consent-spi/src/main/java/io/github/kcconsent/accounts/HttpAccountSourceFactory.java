package io.github.kcconsent.accounts;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The {@code http} account source: a bank plugs in its core system without code. Select it with
 * {@code --spi-kcconsent-accounts--provider=http} and configure
 * {@code --spi-kcconsent-accounts--http--url=https://core.bank/customers/{cpf}/accounts}, optionally
 * {@code --…--timeout-ms} (default 3000), {@code --…--authorization} (a fixed Authorization header value; use
 * Keycloak's vault expression syntax in production), {@code --…--truststore} + {@code --…--truststore-password}
 * (PKCS12 trusted for this call only; default: the JVM/Keycloak truststore) and {@code --…--cpf-attribute}.
 * Redirects are not followed. One HTTP client per server, shared by all requests.
 */
public class HttpAccountSourceFactory implements AccountSourceFactory {

    public static final String PROVIDER_ID = "http";

    private HttpClient http;
    private HttpAccountSource.HttpAccountSourceSettings settings;

    @Override
    public AccountSource create(KeycloakSession session) {
        if (settings == null) {
            throw new AccountSourceException("the http account source has no url configured");
        }
        return new HttpAccountSource(http, settings);
    }

    @Override
    public void init(Config.Scope config) {
        String url = config.get("url");
        Duration timeout = Duration.ofMillis(config.getLong("timeout-ms", 3000L));
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        String truststore = config.get("truststore");
        if (truststore != null && !truststore.isBlank()) {
            builder.sslContext(sslContext(Path.of(truststore), config.get("truststore-password", "")));
        }
        http = builder.build();
        settings = url == null || url.isBlank() ? null : new HttpAccountSource.HttpAccountSourceSettings(
                url, timeout, config.get("authorization"), config.get("cpf-attribute", "cpf"));
    }

    static SSLContext sslContext(Path truststore, String password) {
        try (InputStream in = Files.newInputStream(truststore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the account service truststore " + truststore, e);
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("url").type("string")
                .helpText("URL template of the bank's accounts endpoint; {userId} {username} {cpf} {realm} {clientId} are replaced.").add()
                .property().name("timeout-ms").type("int").defaultValue(3000)
                .helpText("Connect and response timeout in milliseconds.").add()
                .property().name("authorization").type("string")
                .helpText("Authorization header value sent to the account service.").add()
                .property().name("truststore").type("string")
                .helpText("PKCS12 truststore for the account service's TLS certificate.").add()
                .property().name("truststore-password").type("password")
                .helpText("Password of that truststore.").add()
                .property().name("cpf-attribute").type("string").defaultValue("cpf")
                .helpText("User attribute holding the CPF, for the {cpf} placeholder.").add()
                .build();
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
