package io.github.kcconsent.it.support;

import java.util.Map;

import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * The test server's URLs for realms the framework does not manage, and the realm a restart test's first step
 * leaves for its second (the framework removes the realms it manages when a server stops).
 */
public final class RestartSupport {

    public static final String SERVER = "http://localhost:8080";

    private RestartSupport() {
    }

    public static String realmUrl(String realm) {
        return SERVER + "/realms/" + realm;
    }

    /**
     * Creates {@code realm} afresh (removing one left by an earlier run) with one partner whose webhooks go to
     * {@code webhookUrl}; returns the partner's internal id.
     */
    public static String freshRealmWithPartner(Keycloak admin, String realm, String partnerClientId, String webhookUrl) {
        if (admin.realms().findAll().stream().anyMatch(r -> realm.equals(r.getRealm()))) {
            admin.realm(realm).remove();
        }
        RealmRepresentation rep = new RealmRepresentation();
        rep.setRealm(realm);
        rep.setEnabled(true);
        admin.realms().create(rep);
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(partnerClientId);
        client.setAttributes(Map.of("kcconsent.webhook.url", webhookUrl, "kcconsent.webhook.enabled", "true"));
        admin.realm(realm).clients().create(client).close();
        return admin.realm(realm).clients().findByClientId(partnerClientId).get(0).getId();
    }

    /** Records a value in the realm's attributes, where the next step finds it. */
    public static void remember(Keycloak admin, String realm, Map<String, String> attributes) {
        RealmRepresentation update = admin.realm(realm).toRepresentation();
        update.setAttributes(attributes);
        admin.realm(realm).update(update);
    }
}
