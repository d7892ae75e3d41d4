package io.github.kcconsent.fakes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ProtocolMapperModel;

/** A client with attributes and protocol mappers, as the per-client settings code reads it. */
public final class FakeClient {
    public final String clientId;
    public final Map<String, String> attributes = new HashMap<>();
    public final List<ProtocolMapperModel> mappers = new ArrayList<>();

    public FakeClient(String clientId) {
        this.clientId = clientId;
    }

    public FakeClient attribute(String key, String value) {
        attributes.put(key, value);
        return this;
    }

    public FakeClient mapper(String id, String type, Map<String, String> config) {
        mappers.add(mapperModel(id, type, config));
        return this;
    }

    /** Answers its client id, attributes and mappers; any other call fails the test. */
    public ClientModel model() {
        return KeycloakFakes.of(ClientModel.class)
                .returning("getClientId", clientId)
                .on("getAttribute", a -> attributes.get((String) a[0]))
                .on("getProtocolMappersStream", a -> mappers.stream())
                .returning("toString", "client " + clientId)
                .build();
    }

    public static ProtocolMapperModel mapperModel(String id, String type, Map<String, String> config) {
        ProtocolMapperModel m = new ProtocolMapperModel();
        m.setId(id);
        m.setName(type + "-" + id);
        m.setProtocol("openid-connect");
        m.setProtocolMapper(type);
        m.setConfig(config == null ? null : new HashMap<>(config));
        return m;
    }
}
