package io.github.kcconsent.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderEvent;

class PartyRemovalListenerTest {

    private final RecordingStore store = new RecordingStore();
    private final KeycloakSession session = fake(KeycloakSession.class, Map.of("getProvider", store));
    private final RealmModel realm = fake(RealmModel.class, Map.of("getId", "realm-1", "getAttribute", "delete"));
    private final RealmModel erasingRealm = fake(RealmModel.class, Map.of("getId", "realm-2", "getAttribute", "erase"));
    private final PartyRemovalListener<Store> listener = new PartyRemovalListener<>(Store.class, "rows");

    @Test
    void aRemovedRealmTakesItsRowsWithIt() {
        listener.onEvent(fake(RealmModel.RealmRemovedEvent.class, Map.of("getRealm", realm, "getKeycloakSession", session)));

        assertEquals(List.of("realm realm-1"), store.removed);
    }

    @Test
    void aRemovedClientTakesItsRowsInItsOwnRealmWithIt() {
        ClientModel client = fake(ClientModel.class, Map.of("getId", "client-1", "getRealm", realm));

        listener.onEvent(fake(ClientModel.ClientRemovedEvent.class, Map.of("getClient", client, "getKeycloakSession", session)));

        assertEquals(List.of("client realm-1 client-1"), store.removed);
    }

    @Test
    void aRemovedUserTakesItsRowsWithIt() {
        UserModel user = fake(UserModel.class, Map.of("getId", "user-1"));

        listener.onEvent(fake(UserModel.UserRemovedEvent.class,
                Map.of("getRealm", realm, "getUser", user, "getKeycloakSession", session)));

        assertEquals(List.of("user realm-1 user-1"), store.removed);
    }

    @Test
    void aRemovedUserOfARealmThatKeepsTheAuditTrailHasItsRowsErasedInstead() {
        UserModel user = fake(UserModel.class, Map.of("getId", "user-1"));

        listener.onEvent(fake(UserModel.UserRemovedEvent.class,
                Map.of("getRealm", erasingRealm, "getUser", user, "getKeycloakSession", session)));

        assertEquals(List.of("erase realm-2 user-1"), store.removed);
    }

    @Test
    void otherEventsRemoveNothing() {
        listener.onEvent(new ProviderEvent() { });

        assertEquals(List.of(), store.removed);
    }

    interface Store extends Provider, PartyBound {
    }

    private static final class RecordingStore implements Store {

        final List<String> removed = new ArrayList<>();

        @Override
        public int removeByRealm(RealmModel realm) {
            removed.add("realm " + realm.getId());
            return 1;
        }

        @Override
        public int removeByClient(RealmModel realm, String clientId) {
            removed.add("client " + realm.getId() + " " + clientId);
            return 1;
        }

        @Override
        public int removeByUser(RealmModel realm, String userId) {
            removed.add("user " + realm.getId() + " " + userId);
            return 1;
        }

        @Override
        public int eraseByUser(RealmModel realm, String userId) {
            removed.add("erase " + realm.getId() + " " + userId);
            return 1;
        }

        @Override
        public void close() {
        }
    }

    /** A Keycloak interface answering only the given no-argument getters (and getProvider), by method name. */
    private static <T> T fake(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (answers.containsKey(method.getName())) {
                return answers.get(method.getName());
            }
            throw new UnsupportedOperationException(method.getName());
        }));
    }
}
