package io.github.kcconsent.openbanking.consents;

import java.time.Instant;
import io.github.kcconsent.openbanking.api.ApiError;
import io.github.kcconsent.openbanking.api.ApiResponses;
import io.github.kcconsent.openbanking.api.InteractionId;
import io.github.kcconsent.openbanking.api.RequestHeaders;
import io.github.kcconsent.openbanking.partner.PartnerAuthenticator.Partner;
import io.github.kcconsent.openbanking.partner.PartnerAuthenticator;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;

/**
 * {@code /realms/{realm}/open-banking/consents/v3}: Open Finance Brasil Consents API 3.3.1 for partners.
 * Every call goes through {@link #handle}: interaction id, authentication (a partner's client-credentials
 * token, or for {@code /extends} the customer's authorization-code token for that consent; see
 * {@link PartnerAuthenticator}), the common headers, then the operation; every refusal becomes the spec's
 * error body, and anything unexpected a 500 in that format with the transaction rolled back, so the spec's
 * headers are on every answer this resource gives.
 *
 * <p>No {@code @Consumes}/{@code @Produces}: JAX-RS would answer 406/415 itself, without our headers and
 * error format, so content negotiation is checked in {@link RequestHeaders}.
 */
public class ConsentsApiResource {

    private static final Logger LOG = Logger.getLogger(ConsentsApiResource.class);

    /** The partner's client-credentials token with the {@code consents} scope. */
    private static final Access PARTNER = (auth, headers) -> auth.authenticate(headers, PartnerAuthenticator.CONSENTS_SCOPE);

    private final KeycloakSession session;

    public ConsentsApiResource(KeycloakSession session) {
        this.session = session;
    }

    @POST
    @Path("consents")
    public Response create(String body) {
        return handle(true, PARTNER, api -> api.create(body));
    }

    @GET
    @Path("consents/{consentId}")
    public Response read(@PathParam("consentId") String consentId) {
        return handle(false, PARTNER, api -> api.read(consentId));
    }

    @DELETE
    @Path("consents/{consentId}")
    public Response revoke(@PathParam("consentId") String consentId) {
        return handle(false, PARTNER, api -> api.revoke(consentId));
    }

    @POST
    @Path("consents/{consentId}/extends")
    public Response extend(@PathParam("consentId") String consentId, String body) {
        // The spec's OAuth2AuthorizationCode security: the customer's token for this consent, not the partner's.
        return handle(true, (auth, headers) -> auth.authenticateCustomer(headers, consentId),
                api -> api.extend(consentId, body));
    }

    @GET
    @Path("consents/{consentId}/extensions")
    public Response extensions(@PathParam("consentId") String consentId, @QueryParam("page") String page,
                               @QueryParam("page-size") String pageSize) {
        return handle(false, PARTNER, api -> api.extensions(consentId, page, pageSize));
    }

    /**
     * Not part of the Consents API: the consent's signed receipts (kc-consent's own extension, documented in the
     * README), for the partner that owns the consent, authenticated like {@code GET /consents/{consentId}}.
     */
    @GET
    @Path("consents/{consentId}/receipts")
    public Response receipts(@PathParam("consentId") String consentId) {
        return handle(false, PARTNER, api -> api.receipts(consentId));
    }

    private interface Operation {
        Response run(ConsentsApi api);
    }

    /** Which token an operation takes; throws the 401/403 {@link ApiError}. */
    private interface Access {
        Partner authenticate(PartnerAuthenticator authenticator, HttpHeaders headers);
    }

    private Response handle(boolean hasBody, Access access, Operation operation) {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        InteractionId interactionId = InteractionId.of(headers.getRequestHeader(InteractionId.HEADER));
        ApiResponses out = new ApiResponses(interactionId, Instant.ofEpochMilli(Time.currentTimeMillis()));
        try {
            // Security first: who is calling decides whether anything else about the request is answered.
            Partner partner = access.authenticate(new PartnerAuthenticator(session), headers);
            if (!interactionId.valid()) {
                throw ApiError.interactionId();
            }
            RequestHeaders requestHeaders = new RequestHeaders(headers);
            requestHeaders.requireJsonAccepted();
            if (hasBody) {
                requestHeaders.requireJsonBody();
            }
            requestHeaders.checkOptional();
            return operation.run(new ConsentsApi(session, partner, out, requestHeaders));
        } catch (ApiError e) {
            // Nothing half-done may commit: a refusal after a write (e.g. a lost race) undoes it.
            session.getTransactionManager().setRollbackOnly();
            return out.error(e);
        } catch (RuntimeException e) {
            session.getTransactionManager().setRollbackOnly();
            // Class only in the message line; the stack trace names code, not request data.
            LOG.errorf(e, "Consents API request failed with %s", e.getClass().getName());
            return out.error(ApiError.internal());
        }
    }
}
