package io.github.kcconsent.crypto;

import static io.github.kcconsent.crypto.ConsentFieldKeyProvider.BLIND_INDEX_ALGORITHM;
import static io.github.kcconsent.crypto.ConsentFieldKeyProvider.BLIND_INDEX_KID;
import static io.github.kcconsent.crypto.ConsentFieldKeyProvider.BLIND_INDEX_SECRET;
import static io.github.kcconsent.crypto.ConsentFieldKeyProvider.ENCRYPTION_ALGORITHM;
import static io.github.kcconsent.crypto.ConsentFieldKeyProvider.ENCRYPTION_KID;
import static io.github.kcconsent.crypto.ConsentFieldKeyProvider.ENCRYPTION_SECRET;
import static io.github.kcconsent.crypto.ConsentFieldKeyProviderFactory.PROVIDER_ID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.kcconsent.fakes.FakeRealm;
import io.github.kcconsent.fakes.FakeServer;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.Base64Url;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyStatus;
import org.keycloak.crypto.KeyType;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.jose.jwe.JWEConstants;
import org.keycloak.jose.jwk.JWK;
import org.keycloak.keys.GeneratedAesKeyProviderFactory;
import org.keycloak.keys.GeneratedHmacKeyProviderFactory;
import org.keycloak.keys.KeyProvider;
import org.keycloak.keys.KeyProviderFactory;
import org.keycloak.models.KeyManager;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.utils.JWKSServerUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderEvent;

class ConsentFieldKeyProviderTest {

    private final ConsentFieldKeyProviderFactory factory = new ConsentFieldKeyProviderFactory();
    private final FakeServer server = new FakeServer(
            factory, new GeneratedAesKeyProviderFactory(), new GeneratedHmacKeyProviderFactory(), new TestRsaKeyProviderFactory());
    private final FakeRealm realm = new FakeRealm(server);

    @Test
    void generatesTwoDistinct256BitSecretsWithTheirOwnKids() {
        ComponentModel c = realm.addKeyProvider(PROVIDER_ID, "100");

        byte[] enc = Base64Url.decode(c.get(ENCRYPTION_SECRET));
        byte[] blind = Base64Url.decode(c.get(BLIND_INDEX_SECRET));
        assertEquals(32, enc.length);
        assertEquals(32, blind.length);
        assertFalse(Arrays.equals(enc, blind));
        assertNotNull(c.get(ENCRYPTION_KID));
        assertNotNull(c.get(BLIND_INDEX_KID));
        assertNotEquals(c.get(ENCRYPTION_KID), c.get(BLIND_INDEX_KID));
    }

    @Test
    void editingTheComponentKeepsItsKeys() {
        ComponentModel c = realm.addKeyProvider(PROVIDER_ID, "100");

        ComponentModel edited = realm.update(c, "priority", "50");

        assertEquals(c.get(ENCRYPTION_SECRET), edited.get(ENCRYPTION_SECRET));
        assertEquals(c.get(ENCRYPTION_KID), edited.get(ENCRYPTION_KID));
        assertEquals(c.get(BLIND_INDEX_SECRET), edited.get(BLIND_INDEX_SECRET));
        assertEquals(c.get(BLIND_INDEX_KID), edited.get(BLIND_INDEX_KID));
    }

    @Test
    void exposesOnlyStandardSettingsNotTheSecrets() {
        Set<String> names = factory.getConfigProperties().stream().map(ProviderConfigProperty::getName).collect(Collectors.toSet());
        assertEquals(Set.of("priority", "enabled", "active"), names);
    }

    @Test
    void rejectsInvalidSettingsAndSuppliedSecrets() {
        assertThrows(ComponentValidationException.class, () -> realm.addKeyProvider(PROVIDER_ID, "high"));
        assertThrows(ComponentValidationException.class,
                () -> realm.addKeyProvider(PROVIDER_ID, "100", ENCRYPTION_SECRET, Base64Url.encode(new byte[16]), ENCRYPTION_KID, "k1"));
        String same = Base64Url.encode(InMemoryFieldKeys.random(32));
        assertThrows(ComponentValidationException.class, () -> realm.addKeyProvider(PROVIDER_ID, "100",
                ENCRYPTION_SECRET, same, ENCRYPTION_KID, "k1", BLIND_INDEX_SECRET, same, BLIND_INDEX_KID, "k2"));
        assertThrows(ComponentValidationException.class, () -> realm.addKeyProvider(PROVIDER_ID, "100",
                ENCRYPTION_SECRET, Base64Url.encode(InMemoryFieldKeys.random(32)), ENCRYPTION_KID, "bad kid\n"));
    }

    @Test
    void providesAnEncKeyAndASigKeyUnderOurOwnAlgorithms() {
        ComponentModel c = realm.addKeyProvider(PROVIDER_ID, "100");

        List<KeyWrapper> keys = new ConsentFieldKeyProvider(server.session(), c).getKeysStream().toList();

        assertEquals(2, keys.size());
        KeyWrapper enc = keys.get(0);
        assertEquals(c.get(ENCRYPTION_KID), enc.getKid());
        assertEquals(KeyUse.ENC, enc.getUse());
        assertEquals("KCCONSENT-A256GCM", enc.getAlgorithm());
        assertArrayEquals(Base64Url.decode(c.get(ENCRYPTION_SECRET)), enc.getSecretKey().getEncoded());
        KeyWrapper blind = keys.get(1);
        assertEquals(c.get(BLIND_INDEX_KID), blind.getKid());
        assertEquals(KeyUse.SIG, blind.getUse());
        assertEquals("KCCONSENT-BLIND-HS256", blind.getAlgorithm());
        assertArrayEquals(Base64Url.decode(c.get(BLIND_INDEX_SECRET)), blind.getSecretKey().getEncoded());
        for (KeyWrapper key : keys) {
            assertEquals(KeyType.OCT, key.getType());
            assertNull(key.getPublicKey());
            assertNull(key.getPrivateKey());
            assertNull(key.getCertificate());
            assertEquals(KeyStatus.ACTIVE, key.getStatus());
            assertEquals(100L, key.getProviderPriority());
        }
    }

    @Test
    void activeAndEnabledMapToKeyStatus() {
        ComponentModel c = realm.addKeyProvider(PROVIDER_ID, "100");

        assertEquals(KeyStatus.PASSIVE, statusOf(realm.update(c, "active", "false")));
        assertEquals(KeyStatus.DISABLED, statusOf(realm.update(c, "enabled", "false")));
    }

    @Test
    void neverInTheRealmJwks() {
        addKeycloakDefaults();
        ComponentModel ours = realm.addKeyProvider(PROVIDER_ID, "1000");
        KeycloakSession session = server.session();

        JWK[] jwks = JWKSServerUtils.getRealmJwks(session, realm.model).getKeys();

        assertTrue(jwks.length > 0, "precondition: the RSA key is published");
        Set<String> published = Arrays.stream(jwks).map(JWK::getKeyId).collect(Collectors.toSet());
        assertFalse(published.contains(ours.get(ENCRYPTION_KID)));
        assertFalse(published.contains(ours.get(BLIND_INDEX_KID)));
    }

    /**
     * Keycloak picks keys for tokens, cookies and JWE by exact algorithm; even with a higher priority than
     * Keycloak's own keys, ours must never be returned for any algorithm Keycloak uses.
     */
    @Test
    void neverSelectedByKeycloakForItsOwnAlgorithms() {
        addKeycloakDefaults();
        ComponentModel ours = realm.addKeyProvider(PROVIDER_ID, "1000");
        Set<String> ourKids = Set.of(ours.get(ENCRYPTION_KID), ours.get(BLIND_INDEX_KID));
        KeyManager keys = server.session().keys();
        RealmModel r = realm.model;

        assertEquals(kidOf("aes-generated"), keys.getActiveKey(r, KeyUse.ENC, Algorithm.AES).getKid());
        assertEquals(kidOf("hmac-generated"), keys.getActiveKey(r, KeyUse.SIG, Algorithm.HS512).getKid());
        assertEquals(kidOf(TestRsaKeyProviderFactory.ID), keys.getActiveKey(r, KeyUse.SIG, Algorithm.RS256).getKid());
        for (String algorithm : keycloakAlgorithms()) {
            for (KeyUse use : KeyUse.values()) {
                assertTrue(keys.getKeysStream(r, use, algorithm).noneMatch(k -> ourKids.contains(k.getKid())),
                        use + "/" + algorithm);
                for (String kid : ourKids) {
                    assertNull(keys.getKey(r, kid, use, algorithm), "by kid: " + use + "/" + algorithm);
                }
            }
        }
    }

    @Test
    void newRealmGetsOneComponentAndImportedOnesAreKept() {
        factory.postInit(server.sessionFactory);
        addKeycloakDefaults();

        server.sessionFactory.publish(created(realm.model));
        ComponentModel added = realm.components.stream().filter(c -> PROVIDER_ID.equals(c.getProviderId())).findFirst().orElseThrow();
        server.sessionFactory.publish(created(realm.model));

        assertEquals(1, realm.count(PROVIDER_ID));
        assertEquals(KeyProvider.class.getName(), added.getProviderType());
        assertEquals(realm.id, added.getParentId());
        assertEquals("100", added.get("priority"));
        assertNotNull(added.get(ENCRYPTION_SECRET));
        assertEquals(1, realm.count("aes-generated"), "Keycloak's own providers are left alone");

        FakeRealm imported = new FakeRealm(server);
        ComponentModel fromJson = imported.addKeyProvider(PROVIDER_ID, "100");
        server.sessionFactory.publish(created(imported.model));
        assertEquals(1, imported.count(PROVIDER_ID));
        assertEquals(fromJson.get(ENCRYPTION_KID), imported.components.get(0).get(ENCRYPTION_KID));
    }

    @Test
    void otherEventsAreIgnored() {
        factory.postInit(server.sessionFactory);
        server.sessionFactory.publish(new ProviderEvent() {
        });
        assertEquals(0, realm.count(PROVIDER_ID));
    }

    @Test
    void offersNoFallbackKeys() {
        assertFalse(factory.createFallbackKeys(server.session(), KeyUse.ENC, ENCRYPTION_ALGORITHM));
        assertFalse(factory.createFallbackKeys(server.session(), KeyUse.SIG, BLIND_INDEX_ALGORITHM));
    }

    private KeyStatus statusOf(ComponentModel c) {
        return new ConsentFieldKeyProvider(server.session(), c).getKeysStream().map(KeyWrapper::getStatus).distinct().reduce((a, b) -> {
            throw new AssertionError("both keys must share the component's status");
        }).orElseThrow();
    }

    private void addKeycloakDefaults() {
        realm.addKeyProvider("aes-generated", "100");
        realm.addKeyProvider("hmac-generated", "100", "algorithm", Algorithm.HS512);
        realm.addKeyProvider(TestRsaKeyProviderFactory.ID, "100");
    }

    private String kidOf(String providerId) {
        ComponentModel c = realm.components.stream().filter(m -> m.getProviderId().equals(providerId)).findFirst().orElseThrow();
        return server.session().keys().getKeysStream(realm.model)
                .filter(k -> k.getProviderId().equals(c.getId())).findFirst().orElseThrow().getKid();
    }

    private static List<String> keycloakAlgorithms() {
        return Stream.of(
                Algorithm.HS256, Algorithm.HS384, Algorithm.HS512, Algorithm.RS256, Algorithm.RS384, Algorithm.RS512,
                Algorithm.PS256, Algorithm.PS384, Algorithm.PS512, Algorithm.ES256, Algorithm.ES384, Algorithm.ES512,
                Algorithm.EdDSA, Algorithm.AES, Algorithm.RSA_OAEP, Algorithm.RSA_OAEP_256, Algorithm.RSA1_5,
                JWEConstants.DIRECT, JWEConstants.A128KW, JWEConstants.A256GCM, JWEConstants.A128CBC_HS256,
                "ECDH-ES", "A256GCMKW").toList();
    }

    private static ProviderEvent created(RealmModel realm) {
        return new RealmModel.RealmPostCreateEvent() {
            @Override
            public RealmModel getCreatedRealm() {
                return realm;
            }

            @Override
            public KeycloakSession getKeycloakSession() {
                return null;
            }
        };
    }

    /** An RSA signing key like rsa-generated's, so the JWKS under test is not trivially empty. */
    static final class TestRsaKeyProviderFactory implements KeyProviderFactory<KeyProvider> {
        static final String ID = "test-rsa";
        private static final KeyPair PAIR = generate();

        @Override
        public KeyProvider create(KeycloakSession session, ComponentModel model) {
            return new KeyProvider() {
                @Override
                public Stream<KeyWrapper> getKeysStream() {
                    KeyWrapper key = new KeyWrapper();
                    key.setProviderId(model.getId());
                    key.setProviderPriority(model.get("priority", 0L));
                    key.setKid("rsa-" + model.getId());
                    key.setUse(KeyUse.SIG);
                    key.setType(KeyType.RSA);
                    key.setAlgorithm(Algorithm.RS256);
                    key.setStatus(KeyStatus.ACTIVE);
                    key.setPublicKey(PAIR.getPublic());
                    key.setPrivateKey(PAIR.getPrivate());
                    return Stream.of(key);
                }

                @Override
                public void close() {
                }
            };
        }

        private static KeyPair generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String getHelpText() {
            return "test";
        }

        @Override
        public List<ProviderConfigProperty> getConfigProperties() {
            return List.of();
        }

        @Override
        public String getId() {
            return ID;
        }
    }
}
