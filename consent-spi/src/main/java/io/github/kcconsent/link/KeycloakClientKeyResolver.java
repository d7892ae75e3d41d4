package io.github.kcconsent.link;

import java.security.PublicKey;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import io.github.kcconsent.link.validation.PublicKeyResolver;
import org.keycloak.crypto.KeyType;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.jose.jwk.JWK;
import org.keycloak.keys.PublicKeyStorageProvider;
import org.keycloak.keys.PublicKeyStorageUtils;
import org.keycloak.keys.loader.ClientPublicKeyLoader;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

/**
 * The partner's signing keys as registered on its Keycloak client (Keys tab: JWKS URL, JWKS or certificate),
 * through Keycloak's own public-key storage, so JWKS URLs are cached cluster-wide and re-fetched on rotation.
 * Keys offered inside a token are never consulted here.
 */
public class KeycloakClientKeyResolver implements PublicKeyResolver {

    private final KeycloakSession session;
    private final ClientModel client;

    public KeycloakClientKeyResolver(KeycloakSession session, ClientModel client) {
        this.session = session;
        this.client = client;
    }

    @Override
    public List<PublicKey> keysFor(String kid, JWSAlgorithm alg) {
        PublicKeyStorageProvider storage = session.getProvider(PublicKeyStorageProvider.class);
        String modelKey = PublicKeyStorageUtils.getClientModelCacheKey(client.getRealm().getId(), client.getId(), JWK.Use.SIG);
        ClientPublicKeyLoader loader = new ClientPublicKeyLoader(session, client, JWK.Use.SIG);
        List<KeyWrapper> keys = storage.getKeys(modelKey, loader);
        if (kid != null && keys.stream().noneMatch(k -> kid.equals(k.getKid()))) {
            // An unknown kid may mean the partner rotated: reload once (rate-limited by Keycloak), then retry.
            storage.reloadKeys(modelKey, loader);
            keys = storage.getKeys(modelKey, loader);
        }
        return keys.stream()
                .filter(k -> KeyType.RSA.equals(k.getType()))
                .filter(k -> kid == null || kid.equals(k.getKid()))
                .filter(k -> k.getAlgorithm() == null || k.getAlgorithm().equals(alg.getName()))
                .map(KeyWrapper::getPublicKey)
                .filter(PublicKey.class::isInstance)
                .map(PublicKey.class::cast)
                .toList();
    }
}
