package io.github.kcconsent.crypto;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentFactory;
import org.keycloak.component.ComponentModel;
import org.keycloak.keys.DefaultKeyManager;
import org.keycloak.keys.KeyProvider;
import org.keycloak.keys.KeyProviderFactory;
import org.keycloak.models.KeyManager;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Just enough of a Keycloak server to run Keycloak's real {@link DefaultKeyManager} and JWKS code over our key
 * provider: interfaces are dynamic proxies answering only the methods that code path calls; anything else
 * fails the test loudly, so a test cannot pass by silently hitting an unexpected path (e.g. key fallback).
 */
final class KeycloakFakes {

    private KeycloakFakes() {
    }

    /** Answers keyed by {@code name/argCount}; default interface methods run their real body. */
    static <T> T fake(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object[] a = args == null ? new Object[0] : args;
            Function<Object[], Object> answer = answers.get(method.getName() + "/" + a.length);
            if (answer != null) {
                return answer.apply(a);
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, a);
            }
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, a);
            }
            throw new AssertionError("unexpected call " + type.getSimpleName() + "." + method.getName());
        };
        return type.cast(Proxy.newProxyInstance(KeycloakFakes.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "fake";
        };
    }

    /** Key provider factories by id, and the provider-event bus. */
    static final class Server {
        final Map<String, KeyProviderFactory<?>> factories = new HashMap<>();
        final List<ProviderEventListener> listeners = new ArrayList<>();
        final KeycloakSessionFactory sessionFactory;

        Server(KeyProviderFactory<?>... keyFactories) {
            for (KeyProviderFactory<?> f : keyFactories) {
                factories.put(f.getId(), f);
            }
            Map<String, Function<Object[], Object>> answers = new HashMap<>();
            answers.put("getProviderFactory/2", a -> factories.get((String) a[1]));
            // Reaching this means DefaultKeyManager went down its fallback-key path.
            answers.put("getProviderFactoriesStream/1", a -> {
                throw new AssertionError("key fallback path was used");
            });
            answers.put("register/1", a -> listeners.add((ProviderEventListener) a[0]));
            answers.put("publish/1", a -> {
                listeners.forEach(l -> l.onEvent((ProviderEvent) a[0]));
                return null;
            });
            sessionFactory = fake(KeycloakSessionFactory.class, answers);
        }

        /** A new session: like Keycloak's, it has its own KeyManager with its own provider cache. */
        KeycloakSession session() {
            KeycloakSession[] self = new KeycloakSession[1];
            KeyManager[] keys = new KeyManager[1];
            Map<String, Function<Object[], Object>> answers = new HashMap<>();
            answers.put("getKeycloakSessionFactory/0", a -> sessionFactory);
            answers.put("keys/0", a -> keys[0] == null ? keys[0] = new DefaultKeyManager(self[0]) : keys[0]);
            answers.put("enlistForClose/1", a -> null);
            self[0] = fake(KeycloakSession.class, answers);
            return self[0];
        }
    }

    /**
     * A realm storing components like the JPA adapter does: validateConfiguration runs on add, import and
     * update, and only the config is persisted (model notes are not).
     */
    static final class Realm {
        final String id = UUID.randomUUID().toString();
        final List<ComponentModel> components = new ArrayList<>();
        final RealmModel model;
        private final Server server;

        Realm(Server server) {
            this.server = server;
            Map<String, Function<Object[], Object>> answers = new HashMap<>();
            answers.put("getId/0", a -> id);
            answers.put("getName/0", a -> "test-realm");
            answers.put("getComponentsStream/2", a -> components.stream()
                    .filter(c -> c.getParentId().equals(a[0]) && c.getProviderType().equals(a[1])));
            answers.put("addComponentModel/1", a -> store((ComponentModel) a[0]));
            answers.put("importComponentModel/1", a -> store((ComponentModel) a[0]));
            this.model = fake(RealmModel.class, answers);
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
        ComponentModel addKeyProvider(String providerId, String priority, String... extraConfig) {
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
        ComponentModel update(ComponentModel component, String key, String value) {
            ComponentModel edited = new ComponentModel(component);
            edited.getConfig().putSingle(key, value);
            server.factories.get(edited.getProviderId()).validateConfiguration(server.session(), model, edited);
            components.replaceAll(c -> c.getId().equals(edited.getId()) ? new ComponentModel(edited) : c);
            return edited;
        }

        long count(String providerId) {
            return components.stream().filter(c -> c.getProviderId().equals(providerId)).count();
        }
    }
}
