package io.github.kcconsent.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/** Bank staff for back-office tests: a fresh user with realm-management roles, and their access token. */
public final class StaffTokens {

    private StaffTokens() {
    }

    public static String withRoles(ManagedRealm realm, String... roles) {
        return withRoles(realm.admin(), realm.getBaseUrl(), roles);
    }

    /** The same through any admin client; {@code realmUrl} is where the token is asked for. */
    public static String withRoles(RealmResource realm, String realmUrl, String... roles) {
        String username = TestUsers.create(realm, "staff", Map.of());
        String id = realm.users().search(username, true).get(0).getId();
        if (roles.length > 0) {
            String mgmt = realm.clients().findByClientId("realm-management").get(0).getId();
            List<RoleRepresentation> reps = new ArrayList<>();
            for (String role : roles) {
                reps.add(realm.clients().get(mgmt).roles().get(role).toRepresentation());
            }
            realm.users().get(id).roles().clientLevel(mgmt).add(reps);
        }
        return token(realmUrl, username, TestUsers.PASSWORD);
    }

    public static String token(String realmUrl, String username, String password) {
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertEquals(200, response.statusCode(), response.body());
        try {
            return (String) JsonSerialization.readValue(response.body(), Map.class).get("access_token");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
