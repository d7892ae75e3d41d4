package io.github.kcconsent.web;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** One per request: hands JAX-RS the resource for this session. */
public class ConsentRealmResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    public ConsentRealmResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new ConsentRealmResource(session);
    }

    @Override
    public void close() {
    }
}
