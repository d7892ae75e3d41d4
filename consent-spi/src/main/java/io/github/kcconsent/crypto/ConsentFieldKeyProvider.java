package io.github.kcconsent.crypto;

import java.util.stream.Stream;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.keycloak.common.util.Base64Url;
import org.keycloak.component.ComponentModel;
import org.keycloak.crypto.KeyStatus;
import org.keycloak.crypto.KeyType;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.keys.Attributes;
import org.keycloak.keys.KeyProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

/**
 * One {@code kcconsent-field-keys} component: hands Keycloak's KeyManager our two secret keys.
 *
 * <p>Why Keycloak never uses them for anything else: every place that picks a realm key for tokens, cookies,
 * SAML or JWE asks the KeyManager for an exact algorithm name taken from a Signature/CEK/content-encryption
 * provider id or from a JOSE/SAML header, and no such provider is registered under our {@code KCCONSENT-}
 * names. The few places that filter by use alone want asymmetric keys (public/private key or certificate),
 * which ours do not have, and the realm JWKS only lists keys with a public key. See
 * {@code ConsentFieldKeyProviderTest} for the checks against Keycloak's own DefaultKeyManager and JWKS code.
 */
public class ConsentFieldKeyProvider implements KeyProvider {

    /** AES-256-GCM field encryption. ENC, like Keycloak's own aes-generated key. */
    public static final String ENCRYPTION_ALGORITHM = "KCCONSENT-A256GCM";
    public static final KeyUse ENCRYPTION_USE = KeyUse.ENC;

    /**
     * HMAC-SHA256 blind index. SIG, like Keycloak's own HMAC keys: no Keycloak code selects a SIG key without
     * an exact algorithm match, whereas several ENC consumers (client JWE, SAML decryption, OID4VCI) filter by
     * use and kid alone.
     */
    public static final String BLIND_INDEX_ALGORITHM = "KCCONSENT-BLIND-HS256";
    public static final KeyUse BLIND_INDEX_USE = KeyUse.SIG;

    static final String ENCRYPTION_KID = "encryptionKid";
    static final String ENCRYPTION_SECRET = "encryptionSecret";
    static final String BLIND_INDEX_KID = "blindIndexKid";
    static final String BLIND_INDEX_SECRET = "blindIndexSecret";

    private final ComponentModel model;
    private final KeyStatus status;
    private final SecretKey encryptionKey;
    private final SecretKey blindIndexKey;

    public ConsentFieldKeyProvider(KeycloakSession session, ComponentModel model) {
        this.model = model;
        this.status = KeyStatus.from(model.get(Attributes.ACTIVE_KEY, true), model.get(Attributes.ENABLED_KEY, true));
        this.encryptionKey = secret(session, model, ENCRYPTION_SECRET, "AES");
        this.blindIndexKey = secret(session, model, BLIND_INDEX_SECRET, "HmacSHA256");
    }

    @Override
    public Stream<KeyWrapper> getKeysStream() {
        return Stream.of(
                wrap(model.get(ENCRYPTION_KID), ENCRYPTION_USE, ENCRYPTION_ALGORITHM, encryptionKey),
                wrap(model.get(BLIND_INDEX_KID), BLIND_INDEX_USE, BLIND_INDEX_ALGORITHM, blindIndexKey));
    }

    private KeyWrapper wrap(String kid, KeyUse use, String algorithm, SecretKey secret) {
        KeyWrapper key = new KeyWrapper();
        key.setProviderId(model.getId());
        key.setProviderPriority(model.get(Attributes.PRIORITY_KEY, 0L));
        key.setKid(kid);
        key.setUse(use);
        key.setType(KeyType.OCT);
        key.setAlgorithm(algorithm);
        key.setStatus(status);
        key.setSecretKey(secret);
        return key;
    }

    /**
     * Decoded once per component and kept as a model note, as Keycloak's generated-secret providers do, since
     * the KeyManager builds providers anew for every session. A vault reference is read from the vault then.
     */
    private static SecretKey secret(KeycloakSession session, ComponentModel model, String configKey, String javaAlgorithm) {
        String note = ConsentFieldKeyProvider.class.getName() + "." + configKey;
        if (model.hasNote(note)) {
            return model.getNote(note);
        }
        byte[] bytes = resolve(session, model.get(configKey));
        if (bytes == null || bytes.length != ConsentFieldKeyProviderFactory.SECRET_BYTES) {
            // No cause attached: decoder messages could echo part of the configured value.
            throw new IllegalStateException("key provider component " + model.getId() + " has an invalid " + configKey);
        }
        SecretKey key = new SecretKeySpec(bytes, javaAlgorithm);
        model.setNote(note, key);
        return key;
    }

    /**
     * The secret's bytes: the configured base64url value, or, for a {@code ${vault.<name>}} reference, the value
     * Keycloak's vault holds under that name (so the secret is never stored in the database). Null if absent or
     * not base64url.
     */
    static byte[] resolve(KeycloakSession session, String value) {
        if (!isVaultReference(value)) {
            return decode(value);
        }
        try (VaultStringSecret secret = session.vault().getStringSecret(value)) {
            return secret.get().map(String::trim).map(ConsentFieldKeyProvider::decode).orElse(null);
        }
    }

    static boolean isVaultReference(String value) {
        return value != null && value.startsWith("${vault.") && value.endsWith("}");
    }

    static byte[] decode(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Base64Url.decode(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
    }
}
