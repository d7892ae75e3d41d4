package io.github.kcconsent.clientsettings;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;

/**
 * Just enough ClientModel / ClientScopeModel / RealmModel for the settings code: dynamic proxies answering the
 * few methods it calls; any other call fails the test, so a test cannot pass through an unexpected path.
 */
final class FakeModels {

    private FakeModels() {
    }

    /** A client with attributes and protocol mappers. */
    static final class Client {
        final String clientId;
        final Map<String, String> attributes = new HashMap<>();
        final List<ProtocolMapperModel> mappers = new ArrayList<>();

        Client(String clientId) {
            this.clientId = clientId;
        }

        Client attribute(String key, String value) {
            attributes.put(key, value);
            return this;
        }

        Client mapper(String id, String type, Map<String, String> config) {
            mappers.add(mapperModel(id, type, config));
            return this;
        }

        ClientModel model() {
            return proxy(ClientModel.class, (p, method, args) -> switch (method.getName()) {
                case "getClientId" -> clientId;
                case "getAttribute" -> attributes.get((String) args[0]);
                case "getProtocolMappersStream" -> mappers.stream();
                case "toString" -> "client " + clientId;
                default -> throw new AssertionError("unexpected call ClientModel." + method.getName());
            });
        }
    }

    static ProtocolMapperModel mapperModel(String id, String type, Map<String, String> config) {
        ProtocolMapperModel m = new ProtocolMapperModel();
        m.setId(id);
        m.setName(type + "-" + id);
        m.setProtocol("openid-connect");
        m.setProtocolMapper(type);
        m.setConfig(config == null ? null : new HashMap<>(config));
        return m;
    }

    static ClientScopeModel sharedScope() {
        return proxy(ClientScopeModel.class, (p, method, args) -> switch (method.getName()) {
            case "getName" -> "shared-scope";
            case "toString" -> "scope shared-scope";
            default -> throw new AssertionError("unexpected call ClientScopeModel." + method.getName());
        });
    }

    static RealmModel realm(Map<String, String> attributes) {
        return proxy(RealmModel.class, (p, method, args) -> switch (method.getName()) {
            case "getAttribute" -> args.length == 1 ? attributes.get((String) args[0]) : null;
            case "toString" -> "realm";
            default -> throw new AssertionError("unexpected call RealmModel." + method.getName());
        });
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(FakeModels.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
