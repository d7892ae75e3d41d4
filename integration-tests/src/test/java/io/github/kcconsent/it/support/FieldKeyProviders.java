package io.github.kcconsent.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** The realm's {@code kcconsent-field-keys} key providers through the admin API: list, add (rotate), switch. */
public final class FieldKeyProviders {

    public static final String PROVIDER_ID = "kcconsent-field-keys";
    private static final String KEY_PROVIDER_TYPE = "org.keycloak.keys.KeyProvider";

    private FieldKeyProviders() {
    }

    /** The realm's field-key providers as they are now. */
    public static List<ComponentRepresentation> of(ManagedRealm realm) {
        return realm.admin().components().query(realm.admin().toRepresentation().getId(), KEY_PROVIDER_TYPE)
                .stream().filter(c -> PROVIDER_ID.equals(c.getProviderId())).toList();
    }

    /** Adds a field-key provider (a rotation when its priority is the highest) and returns its component id. */
    public static String add(ManagedRealm realm, String name, long priority) {
        try (var response = add(realm, name, priority, Map.of())) {
            assertEquals(201, response.getStatus(), "the key provider " + name + " was created");
            String location = response.getLocation().getPath();
            return location.substring(location.lastIndexOf('/') + 1);
        }
    }

    /** Asks for a field-key provider with extra configuration (secrets, kids); the caller reads the answer. */
    public static Response add(ManagedRealm realm, String name, long priority, Map<String, String> extra) {
        ComponentRepresentation c = new ComponentRepresentation();
        c.setName(name);
        c.setProviderId(PROVIDER_ID);
        c.setProviderType(KEY_PROVIDER_TYPE);
        c.setParentId(realm.admin().toRepresentation().getId());
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle("priority", String.valueOf(priority));
        extra.forEach(config::putSingle);
        c.setConfig(config);
        return realm.admin().components().add(c);
    }

    /** Switches a provider's keys on or off, keeping the rest of its stored configuration. */
    public static void setEnabled(ManagedRealm realm, ComponentRepresentation component, boolean enabled) {
        ComponentRepresentation current = realm.admin().components().component(component.getId()).toRepresentation();
        current.getConfig().putSingle("enabled", String.valueOf(enabled));
        realm.admin().components().component(component.getId()).update(current);
    }
}
