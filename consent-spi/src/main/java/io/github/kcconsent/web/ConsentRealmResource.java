package io.github.kcconsent.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.github.kcconsent.clientsettings.ClientConsentSettings;
import io.github.kcconsent.link.ConsentLinkEndpoint;
import io.github.kcconsent.selfservice.MyConsentsResource;
import io.github.kcconsent.support.ExtensionVersion;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;

/** {@code /realms/{realm}/consent}. */
public class ConsentRealmResource {

    private final KeycloakSession session;

    public ConsentRealmResource(KeycloakSession session) {
        this.session = session;
    }

    /**
     * Public, unauthenticated facts about the extension: what is deployed, not anything about consents.
     * Used by operators and by the tests to prove the provider jar is loaded.
     */
    /**
     * The consent-link entry point partners send users to. Validation failures render a themed error page;
     * only a fully validated link leads to login and, later, to a redirect.
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response consentLink(@QueryParam("client_id") String clientId, @QueryParam("type") String type,
                                @QueryParam("jwt") String jwt) {
        EventBuilder event = new EventBuilder(session.getContext().getRealm(), session, session.getContext().getConnection());
        return new ConsentLinkEndpoint(session, event).start(clientId, type, jwt);
    }

    /** The signed-in customer's own consents (self-service list and revoke). */
    @Path("my")
    public MyConsentsResource myConsents() {
        return new MyConsentsResource(session);
    }

    @GET
    @Path("info")
    @Produces(MediaType.APPLICATION_JSON)
    public Response info() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", ExtensionVersion.NAME);
        body.put("version", ExtensionVersion.version());
        body.put("keycloakVersion", ExtensionVersion.builtForKeycloak());
        body.put("realm", session.getContext().getRealm().getName());
        // The algorithms a client may allow for its links (symmetric and none never are).
        body.put("consentLinkAlgorithms", ClientConsentSettings.LINK_ALGORITHM_NAMES);
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(body).cacheControl(noStore).build();
    }
}
