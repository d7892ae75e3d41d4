package io.github.kcconsent.example;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * The example partner's settings, from command-line flags ({@code --name value} or {@code --name=value}).
 *
 * @param port        where the app listens on 127.0.0.1 (0: any free port, for tests)
 * @param keyFile     JWKS file holding the partner's RSA private key
 * @param keycloakUrl Keycloak's base URL, without a trailing slash
 * @param realm       the bank's realm
 * @param clientId    the partner's client id at the bank
 * @param redirectUri where the bank sends the user back; null means {@code http://localhost:<port>/callback}
 * @param algorithm   RS256 or PS256
 */
public record PartnerConfig(int port, Path keyFile, String keycloakUrl, String realm, String clientId,
                            String redirectUri, JWSAlgorithm algorithm) {

    public static final int DEFAULT_PORT = 8090;
    public static final String DEFAULT_KEY_FILE = "realm-config/demo-partner-private.jwks.json";
    public static final String DEFAULT_KEYCLOAK_URL = "http://localhost:8080";
    public static final String DEFAULT_REALM = "consent-demo";
    public static final String DEFAULT_CLIENT_ID = "demo-partner";

    public static final String USAGE = """
            usage: java -jar consent-example-partner.jar [options]

              --port N             port on 127.0.0.1 (default 8090)
              --key FILE           JWKS with the partner's RSA private key
                                   (default realm-config/demo-partner-private.jwks.json)
              --keycloak-url URL   Keycloak's base URL (default http://localhost:8080)
              --realm NAME         the bank's realm (default consent-demo)
              --client-id ID       the partner's client id (default demo-partner)
              --redirect-uri URI   callback registered for the client (default http://localhost:<port>/callback)
              --alg RS256|PS256    signature algorithm of the consent link (default RS256)
              --help               this text
            """;

    public PartnerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
        if (keyFile == null) {
            throw new IllegalArgumentException("a key file is required");
        }
        keycloakUrl = httpUrl("--keycloak-url", keycloakUrl);
        while (keycloakUrl.endsWith("/")) {
            keycloakUrl = keycloakUrl.substring(0, keycloakUrl.length() - 1);
        }
        if (realm == null || realm.isBlank()) {
            throw new IllegalArgumentException("--realm must not be empty");
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("--client-id must not be empty");
        }
        if (redirectUri != null) {
            redirectUri = httpUrl("--redirect-uri", redirectUri);
        }
        if (!JWSAlgorithm.RS256.equals(algorithm) && !JWSAlgorithm.PS256.equals(algorithm)) {
            throw new IllegalArgumentException("--alg must be RS256 or PS256");
        }
    }

    /** Every setting at its default. */
    public static PartnerConfig defaults() {
        return new PartnerConfig(DEFAULT_PORT, Path.of(DEFAULT_KEY_FILE), DEFAULT_KEYCLOAK_URL, DEFAULT_REALM,
                DEFAULT_CLIENT_ID, null, JWSAlgorithm.RS256);
    }

    /**
     * @throws HelpRequested            for {@code --help} / {@code -h}
     * @throws IllegalArgumentException for an unknown flag, a missing or invalid value; the message says which
     */
    public static PartnerConfig parse(String... args) {
        PartnerConfig d = defaults();
        int port = d.port;
        Path keyFile = d.keyFile;
        String keycloakUrl = d.keycloakUrl;
        String realm = d.realm;
        String clientId = d.clientId;
        String redirectUri = null;
        JWSAlgorithm algorithm = d.algorithm;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new HelpRequested();
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!isFlag(name)) {
                throw new IllegalArgumentException("unknown option " + arg);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "--port" -> port = parsePort(value);
                case "--key" -> keyFile = Path.of(value);
                case "--keycloak-url" -> keycloakUrl = value;
                case "--realm" -> realm = value;
                case "--client-id" -> clientId = value;
                case "--redirect-uri" -> redirectUri = value;
                case "--alg" -> algorithm = JWSAlgorithm.parse(value.trim().toUpperCase(Locale.ROOT));
                default -> throw new IllegalStateException(name);
            }
        }
        return new PartnerConfig(port, keyFile, keycloakUrl, realm, clientId, redirectUri, algorithm);
    }

    /** The redirect URI to put in links once the actual port is known. */
    public String redirectUriFor(int actualPort) {
        return redirectUri != null ? redirectUri : "http://localhost:" + actualPort + "/callback";
    }

    public PartnerConfig withPort(int newPort) {
        return new PartnerConfig(newPort, keyFile, keycloakUrl, realm, clientId, redirectUri, algorithm);
    }

    public PartnerConfig withAlgorithm(JWSAlgorithm alg) {
        return new PartnerConfig(port, keyFile, keycloakUrl, realm, clientId, redirectUri, alg);
    }

    public PartnerConfig withRedirectUri(String uri) {
        return new PartnerConfig(port, keyFile, keycloakUrl, realm, clientId, uri, algorithm);
    }

    public PartnerConfig withKeycloakUrl(String url) {
        return new PartnerConfig(port, keyFile, url, realm, clientId, redirectUri, algorithm);
    }

    /** The realm's issuer URL, which the bank requires as the link's {@code aud}. */
    public String realmIssuer() {
        return keycloakUrl + "/realms/" + Urls.pathSegment(realm);
    }

    /** Where the browser is sent with the link: {@code <issuer>/consent}. */
    public String consentEndpoint() {
        return realmIssuer() + "/consent";
    }

    private static boolean isFlag(String name) {
        return switch (name) {
            case "--port", "--key", "--keycloak-url", "--realm", "--client-id", "--redirect-uri", "--alg" -> true;
            default -> false;
        };
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number");
        }
    }

    private static String httpUrl(String flag, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(flag + " must not be empty");
        }
        String trimmed = value.trim();
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException(flag + " must be an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(flag + " is not a valid URL");
        }
        return trimmed;
    }

    /** Thrown by {@link #parse} for {@code --help}. */
    public static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super("help", null, false, false);
        }
    }
}
