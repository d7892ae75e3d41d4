package io.github.kcconsent.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;

/** The repository's realm-config files, found from the module directory (Maven's working directory). */
final class TestFiles {

    private TestFiles() {
    }

    static Path realmConfig() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("realm-config");
            if (Files.isRegularFile(candidate.resolve("consent-demo-realm.json"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("realm-config/ not found above " + Path.of("").toAbsolutePath());
    }

    static Path privateKeyFile() {
        return realmConfig().resolve("demo-partner-private.jwks.json");
    }

    static RSAKey privateKey() throws IOException {
        return PartnerKey.load(privateKeyFile());
    }

    /** The demo-partner public key as the bank has it: the client's jwks.string in the realm export. */
    @SuppressWarnings("unchecked")
    static RSAKey registeredPublicKey() throws IOException, ParseException {
        Map<String, Object> realm = JSONObjectUtils.parse(Files.readString(
                realmConfig().resolve("consent-demo-realm.json"), StandardCharsets.UTF_8), 10_000_000);
        for (Object c : (List<Object>) realm.get("clients")) {
            Map<String, Object> client = (Map<String, Object>) c;
            if ("demo-partner".equals(client.get("clientId"))) {
                Map<String, Object> attributes = (Map<String, Object>) client.get("attributes");
                JWKSet set = JWKSet.parse((String) attributes.get("jwks.string"));
                if (set.getKeys().size() != 1) {
                    throw new IllegalStateException("expected one registered key");
                }
                RSAKey key = set.getKeys().get(0).toRSAKey();
                if (key.isPrivate()) {
                    throw new IllegalStateException("the realm must hold the public key only");
                }
                return key;
            }
        }
        throw new IllegalStateException("no demo-partner client in the realm");
    }

    /** The demo-partner's registered redirect URIs. */
    @SuppressWarnings("unchecked")
    static List<String> registeredRedirectUris() throws IOException, ParseException {
        Map<String, Object> realm = JSONObjectUtils.parse(Files.readString(
                realmConfig().resolve("consent-demo-realm.json"), StandardCharsets.UTF_8), 10_000_000);
        for (Object c : (List<Object>) realm.get("clients")) {
            Map<String, Object> client = (Map<String, Object>) c;
            if ("demo-partner".equals(client.get("clientId"))) {
                return (List<String>) client.get("redirectUris");
            }
        }
        throw new IllegalStateException("no demo-partner client in the realm");
    }
}
