package io.github.kcconsent.crypto;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import javax.crypto.SecretKey;

import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeyManager;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@link FieldKeys} of one realm, read from its {@value ConsentFieldKeyProviderFactory#PROVIDER_ID} components
 * through {@code session.keys()}. Cheap to create; make one per session and realm.
 *
 * <p>The active key is found with {@link KeyManager#getKeysStream(RealmModel, KeyUse, String)} rather than
 * {@code getActiveKey}: both walk providers in priority order, but {@code getActiveKey} on a miss asks every
 * key factory for fallback keys, logs an ERROR and throws a bare RuntimeException. We want a quiet, specific
 * {@link MissingFieldKeyException} and never auto-generated keys.
 */
public final class RealmFieldKeys implements FieldKeys {

    private final KeycloakSession session;
    private final RealmModel realm;

    public RealmFieldKeys(KeycloakSession session, RealmModel realm) {
        this.session = Objects.requireNonNull(session, "session");
        this.realm = Objects.requireNonNull(realm, "realm");
    }

    @Override
    public ActiveKey activeEncryptionKey() {
        return active(ConsentFieldKeyProvider.ENCRYPTION_USE, ConsentFieldKeyProvider.ENCRYPTION_ALGORITHM, "field encryption");
    }

    @Override
    public Optional<SecretKey> encryptionKey(String kid) {
        if (kid == null) {
            return Optional.empty();
        }
        // getKey only returns enabled keys, so disabling a component stops its data from decrypting.
        KeyWrapper key = session.keys().getKey(realm, kid,
                ConsentFieldKeyProvider.ENCRYPTION_USE, ConsentFieldKeyProvider.ENCRYPTION_ALGORITHM);
        return Optional.ofNullable(key).map(KeyWrapper::getSecretKey);
    }

    @Override
    public ActiveKey activeBlindIndexKey() {
        return active(ConsentFieldKeyProvider.BLIND_INDEX_USE, ConsentFieldKeyProvider.BLIND_INDEX_ALGORITHM, "blind-index");
    }

    @Override
    public List<ActiveKey> blindIndexKeys() {
        // Stable sort: active first, otherwise the KeyManager's priority order.
        return enabled(ConsentFieldKeyProvider.BLIND_INDEX_USE, ConsentFieldKeyProvider.BLIND_INDEX_ALGORITHM)
                .sorted(Comparator.comparing(key -> !key.getStatus().isActive()))
                .map(RealmFieldKeys::toActiveKey)
                .toList();
    }

    private ActiveKey active(KeyUse use, String algorithm, String purpose) {
        return enabled(use, algorithm)
                .filter(key -> key.getStatus().isActive())
                .findFirst()
                .map(RealmFieldKeys::toActiveKey)
                .orElseThrow(() -> new MissingFieldKeyException("realm " + realm.getName() + " has no active "
                        + purpose + " key; add an active '" + ConsentFieldKeyProviderFactory.PROVIDER_ID
                        + "' key provider in Realm settings > Keys"));
    }

    /** Enabled keys of our algorithm, in provider priority order. */
    private Stream<KeyWrapper> enabled(KeyUse use, String algorithm) {
        return session.keys().getKeysStream(realm, use, algorithm)
                .filter(key -> key.getKid() != null && key.getSecretKey() != null);
    }

    private static ActiveKey toActiveKey(KeyWrapper key) {
        return new ActiveKey(key.getKid(), key.getSecretKey());
    }
}
