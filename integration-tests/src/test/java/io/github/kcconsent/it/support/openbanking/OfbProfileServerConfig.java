package io.github.kcconsent.it.support.openbanking;

import java.net.URISyntaxException;
import java.nio.file.Path;

import io.github.kcconsent.it.support.ConsentServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The Open Finance Brasil security profile in production form: the same server as {@link ConsentServerConfig}
 * plus HTTPS on {@value #HTTPS_PORT} with client-certificate authentication requested
 * ({@code https-client-auth=request}), the test CA ({@link TestPki}) as the truststore that partner certificates
 * must chain to, and the profile's discovery document ({@code realm-config/ofb-openid-configuration.json}).
 *
 * <p>Its own class, so the test framework starts Keycloak once more for the tests bound to it (one extra start for
 * the suite); its fully qualified name sorts after the other server configurations (the framework orders test
 * classes by that name, and the package segment {@code openbanking} sorts after the capitalised class names of
 * {@code it.support}), so its tests run last, after the restart steps. The
 * framework keeps talking to the server over plain HTTP on 8080 (admin API, realm import); the tests talk to the
 * realm over HTTPS, as partners do.
 */
public class OfbProfileServerConfig extends ConsentServerConfig {

    public static final int HTTPS_PORT = 8443;
    public static final String DISCOVERY_OVERRIDE = "/realm-config/ofb-openid-configuration.json";

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        TestPki pki = TestPki.get();
        return super.configure(config)
                .option("https-port", String.valueOf(HTTPS_PORT))
                .option("https-key-store-file", pki.serverKeystore().toAbsolutePath().toString())
                .option("https-key-store-password", TestPki.STORE_PASSWORD)
                .option("https-key-store-type", "PKCS12")
                .option("https-client-auth", "request")
                .option("https-trust-store-file", pki.truststore().toAbsolutePath().toString())
                .option("https-trust-store-password", TestPki.STORE_PASSWORD)
                .option("https-trust-store-type", "PKCS12")
                .spiOption("well-known", "openid-configuration", "openid-configuration-override", resource(DISCOVERY_OVERRIDE));
    }

    private static String resource(String name) {
        try {
            return Path.of(OfbProfileServerConfig.class.getResource(name).toURI()).toAbsolutePath().toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HTTPS URL of a realm whose framework URL is {@code http://localhost:8080/realms/…}. */
    public static String httpsRealmUrl(String httpRealmUrl) {
        return httpRealmUrl.replaceFirst("^http://localhost:8080", "https://localhost:" + HTTPS_PORT);
    }
}
