package io.github.kcconsent.fakes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.keycloak.keys.DefaultKeyManager;
import org.keycloak.keys.KeyProviderFactory;
import org.keycloak.models.KeyManager;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Just enough of a Keycloak server to run Keycloak's real {@link DefaultKeyManager} and JWKS code over our key
 * provider: key provider factories by id, the provider-event bus, and sessions with their own key managers.
 */
public final class FakeServer {
    public final Map<String, KeyProviderFactory<?>> factories = new HashMap<>();
    public final List<ProviderEventListener> listeners = new ArrayList<>();
    public final KeycloakSessionFactory sessionFactory;

    public FakeServer(KeyProviderFactory<?>... keyFactories) {
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
        sessionFactory = KeycloakFakes.fake(KeycloakSessionFactory.class, answers);
    }

    /** A new session: like Keycloak's, it has its own KeyManager with its own provider cache. */
    public KeycloakSession session() {
        KeycloakSession[] self = new KeycloakSession[1];
        KeyManager[] keys = new KeyManager[1];
        Map<String, Function<Object[], Object>> answers = new HashMap<>();
        answers.put("getKeycloakSessionFactory/0", a -> sessionFactory);
        answers.put("keys/0", a -> keys[0] == null ? keys[0] = new DefaultKeyManager(self[0]) : keys[0]);
        answers.put("enlistForClose/1", a -> null);
        self[0] = KeycloakFakes.fake(KeycloakSession.class, answers);
        return self[0];
    }
}
