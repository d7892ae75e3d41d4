package io.github.kcconsent.fakes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentFactory;
import org.keycloak.component.ComponentModel;
import org.keycloak.keys.KeyProvider;
import org.keycloak.models.RealmModel;

/**
 * A realm storing components like the JPA adapter does: validateConfiguration runs on add, import and
 * update, and only the config is persisted (model notes are not).
 */
public final class FakeRealm {
    public final String id = UUID.randomUUID().toString();
    public final List<ComponentModel> components = new ArrayList<>();
    public final RealmModel model;
    private final FakeServer server;

    public FakeRealm(FakeServer server) {
        this.server = server;
        Map<String, Function<Object[], Object>> answers = new HashMap<>();
        answers.put("getId/0", a -> id);
        answers.put("getName/0", a -> "test-realm");
        answers.put("getComponentsStream/2", a -> components.stream()
                .filter(c -> c.getParentId().equals(a[0]) && c.getProviderType().equals(a[1])));
        answers.put("addComponentModel/1", a -> store((ComponentModel) a[0]));
        answers.put("importComponentModel/1", a -> store((ComponentModel) a[0]));
        this.model = KeycloakFakes.fake(RealmModel.class, answers);
    }

    private ComponentModel store(ComponentModel component) {
        ComponentFactory<?, ?> factory = server.factories.get(component.getProviderId());
        factory.validateConfiguration(server.session(), model, component);
        ComponentModel saved = new ComponentModel(component);
        if (saved.getId() == null) {
            saved.setId(UUID.randomUUID().toString());
        }
        components.add(saved);
        return saved;
    }

    /** Adds a key-provider component the way the admin console would. */
    public ComponentModel addKeyProvider(String providerId, String priority, String... extraConfig) {
        ComponentModel component = new ComponentModel();
        component.setName(providerId);
        component.setParentId(id);
        component.setProviderId(providerId);
        component.setProviderType(KeyProvider.class.getName());
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle("priority", priority);
        for (int i = 0; i < extraConfig.length; i += 2) {
            config.putSingle(extraConfig[i], extraConfig[i + 1]);
        }
        component.setConfig(config);
        return model.addComponentModel(component);
    }

    /** Changes a config value and re-saves, as an admin-console edit does (notes are dropped). */
    public ComponentModel update(ComponentModel component, String key, String value) {
        ComponentModel edited = new ComponentModel(component);
        edited.getConfig().putSingle(key, value);
        server.factories.get(edited.getProviderId()).validateConfiguration(server.session(), model, edited);
        components.replaceAll(c -> c.getId().equals(edited.getId()) ? new ComponentModel(edited) : c);
        return edited;
    }

    public long count(String providerId) {
        return components.stream().filter(c -> c.getProviderId().equals(providerId)).count();
    }
}
