package io.github.kcconsent.crypto;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.keycloak.common.util.Base64Url;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.crypto.KeyUse;
import org.keycloak.keys.Attributes;
import org.keycloak.keys.KeyProvider;
import org.keycloak.keys.KeyProviderFactory;
import org.keycloak.keys.SecretKeyProviderUtils;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ProviderEvent;

import org.jboss.logging.Logger;

/**
 * Realm settings → Keys → Add provider → {@value #PROVIDER_ID}. Each component holds one AES-256 field
 * encryption key and one separate HMAC blind-index key, generated here and never shown in the admin console
 * (only declared properties are returned by the admin API or a partial export; the secrets are not declared).
 *
 * <p>Either secret may instead be a {@code ${vault.<name>}} reference (set through the admin REST API or a realm
 * import), resolved with Keycloak's vault each time the component is loaded: the database then holds only the
 * reference, so whoever reads it can neither decrypt the fields nor forge history seals.
 *
 * <p>Rotation: add a new component with a higher priority. Keep the old one enabled but not active until the
 * re-encryption and re-index tasks have finished, because disabling or deleting it makes every value still
 * written under it unreadable.
 */
public class ConsentFieldKeyProviderFactory implements KeyProviderFactory<ConsentFieldKeyProvider> {

    public static final String PROVIDER_ID = "kcconsent-field-keys";
    static final int SECRET_BYTES = 32;
    static final String DEFAULT_PRIORITY = "100";

    private static final Logger LOG = Logger.getLogger(ConsentFieldKeyProviderFactory.class);
    /** Kids end up in every stored value and in log lines, so only generated-looking ids are accepted. */
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = ProviderConfigurationBuilder.create()
            .property(Attributes.PRIORITY_PROPERTY)
            .property(Attributes.ENABLED_PROPERTY)
            .property(new ProviderConfigProperty(Attributes.ACTIVE_KEY, "Active",
                    "New consent data is encrypted and indexed with the active provider of highest priority."
                            + " Passive keys still decrypt and search existing data.",
                    ProviderConfigProperty.BOOLEAN_TYPE, "true"))
            .build();

    @Override
    public ConsentFieldKeyProvider create(KeycloakSession session, ComponentModel model) {
        return new ConsentFieldKeyProvider(session, model);
    }

    /** Called on create, update and import; generates secrets only when absent so updates never rotate them. */
    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        SecretKeyProviderUtils.validateConfiguration(model);
        ensureSecret(session, model, ConsentFieldKeyProvider.ENCRYPTION_SECRET, ConsentFieldKeyProvider.ENCRYPTION_KID);
        ensureSecret(session, model, ConsentFieldKeyProvider.BLIND_INDEX_SECRET, ConsentFieldKeyProvider.BLIND_INDEX_KID);
        byte[] encryption = ConsentFieldKeyProvider.resolve(session, model.get(ConsentFieldKeyProvider.ENCRYPTION_SECRET));
        byte[] blindIndex = ConsentFieldKeyProvider.resolve(session, model.get(ConsentFieldKeyProvider.BLIND_INDEX_SECRET));
        if (Arrays.equals(encryption, blindIndex)) {
            throw new ComponentValidationException("The encryption and blind-index secrets must differ");
        }
        if (model.get(ConsentFieldKeyProvider.ENCRYPTION_KID).equals(model.get(ConsentFieldKeyProvider.BLIND_INDEX_KID))) {
            throw new ComponentValidationException("The encryption and blind-index key ids must differ");
        }
    }

    private static void ensureSecret(KeycloakSession session, ComponentModel model, String secretKey, String kidKey) {
        if (!model.contains(secretKey)) {
            model.put(secretKey, Base64Url.encode(SecretGenerator.getInstance().randomBytes(SECRET_BYTES)));
            model.put(kidKey, KeycloakModelUtils.generateId());
            return;
        }
        // Only reachable through the admin REST API or an import carrying our undeclared config keys.
        String value = model.get(secretKey);
        byte[] secret = ConsentFieldKeyProvider.resolve(session, value);
        if (secret == null || secret.length != SECRET_BYTES) {
            throw new ComponentValidationException(ConsentFieldKeyProvider.isVaultReference(value)
                    ? secretKey + " names a vault entry that is missing or not " + SECRET_BYTES + " base64url-encoded bytes"
                    : secretKey + " must be " + SECRET_BYTES + " base64url-encoded bytes or a ${vault.<name>} reference");
        }
        if (ConsentFieldKeyProvider.isVaultReference(value) && model.get(kidKey) == null) {
            model.put(kidKey, KeycloakModelUtils.generateId());
        }
        String kid = model.get(kidKey);
        if (kid == null || !KID.matcher(kid).matches()) {
            throw new ComponentValidationException(kidKey + " must match " + KID.pattern());
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(this::onEvent);
    }

    void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.RealmPostCreateEvent created) {
            addDefaultComponentIfMissing(created.getCreatedRealm());
        }
    }

    /**
     * Gives every new realm field keys. The event fires for realms created in the console, through the admin
     * API, at first boot (master) and by JSON import (including --import-realm); on import it fires after the
     * realm's components were imported, so a realm exported with our component keeps its own keys (and the data
     * encrypted with them) instead of getting a second provider.
     */
    static void addDefaultComponentIfMissing(RealmModel realm) {
        boolean present = realm.getComponentsStream(realm.getId(), KeyProvider.class.getName())
                .anyMatch(component -> PROVIDER_ID.equals(component.getProviderId()));
        if (present) {
            return;
        }
        ComponentModel component = new ComponentModel();
        component.setName(PROVIDER_ID);
        component.setParentId(realm.getId());
        component.setProviderId(PROVIDER_ID);
        component.setProviderType(KeyProvider.class.getName());
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle(Attributes.PRIORITY_KEY, DEFAULT_PRIORITY);
        component.setConfig(config);
        // addComponentModel runs validateConfiguration, which generates the secrets.
        realm.addComponentModel(component);
        LOG.infof("Added consent field-encryption keys to realm %s", realm.getName());
    }

    /**
     * Deliberately no fallback keys. Keycloak calls createFallbackKeys from getActiveKey with whatever
     * algorithm was asked for, including one read from an incoming JWE header, so a fallback here would let
     * outside input create components. Missing keys fail closed in {@link RealmFieldKeys}.
     */
    @Override
    public boolean createFallbackKeys(KeycloakSession session, KeyUse keyUse, String algorithm) {
        return false;
    }

    @Override
    public String getHelpText() {
        return "Generates the AES-256 key that encrypts consent personal data at rest and a separate HMAC key"
                + " for searching it. Never published in the realm's JWKS or used for tokens.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
