package io.github.kcconsent.openbanking.payments;

import java.time.Instant;
import java.util.List;

import io.github.kcconsent.openbanking.api.ApiError;
import io.github.kcconsent.openbanking.api.ApiResponses;
import io.github.kcconsent.openbanking.api.InteractionId;
import io.github.kcconsent.openbanking.api.RequestHeaders;
import io.github.kcconsent.openbanking.partner.PartnerAuthenticator;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentError;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentRefusal;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

/**
 * {@code /realms/{realm}/open-banking/payments/v4}: the consents of Open Finance Brasil's Payments API 4.0.0
 * for payment initiators. Every call: interaction id, the partner's client-credentials token with the
 * {@code payments} scope, the partner's organisation id, the headers, then the operation. Successful answers
 * and 422s are signed messages ({@code application/jwt}); the other refusals are plain JSON, as the spec
 * declares; anything unexpected is a 500 with the transaction rolled back.
 */
public class PaymentConsentsApiResource {

    /** The Payments API version we implement ({@code x-v}). */
    public static final String API_VERSION = "4.0.0";

    private static final Logger LOG = Logger.getLogger(PaymentConsentsApiResource.class);

    private final KeycloakSession session;

    public PaymentConsentsApiResource(KeycloakSession session) {
        this.session = session;
    }

    @POST
    @Path("consents")
    public Response create(String body) {
        return handle(true, (api, headers) -> api.create(body, headers.requireIdempotencyKey()), 201);
    }

    @GET
    @Path("consents/{consentId}")
    public Response read(@PathParam("consentId") String consentId) {
        return handle(false, (api, headers) -> api.read(consentId), 200);
    }

    private interface Operation {
        PaymentConsentDocument run(PaymentConsentsApi api, RequestHeaders headers);
    }

    private Response handle(boolean hasBody, Operation operation, int status) {
        HttpHeaders httpHeaders = session.getContext().getRequestHeaders();
        InteractionId interactionId = InteractionId.of(httpHeaders.getRequestHeader(InteractionId.HEADER));
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        ApiResponses out = new ApiResponses(interactionId, now, API_VERSION);
        MessageSigner signer = null;
        String audience = null;
        try {
            // Security first: who is calling decides whether anything else about the request is answered.
            ClientModel client = new PartnerAuthenticator(session)
                    .authenticate(httpHeaders, PartnerAuthenticator.PAYMENTS_SCOPE).client();
            if (!interactionId.valid()) {
                throw ApiError.interactionId();
            }
            audience = OrganisationIds.of(client);
            if (audience == null) {
                throw ApiError.forbidden("O cliente não tem o identificador de organização configurado para mensagens assinadas.");
            }
            signer = new MessageSigner(session, OrganisationIds.bank(session, session.getContext().getRealm()));
            RequestHeaders headers = new RequestHeaders(httpHeaders);
            headers.requireJwtAccepted();
            if (hasBody) {
                headers.requireJwtBody();
            }
            headers.checkOptional();
            PaymentConsentDocument document = operation.run(new PaymentConsentsApi(session, client, audience, now), headers);
            return out.signed(status, signer.sign(audience, document, now));
        } catch (PaymentConsentRefusal e) {
            session.getTransactionManager().setRollbackOnly();
            List<ApiError> errors = e.errors().stream().map(PaymentConsentError::toApiError).toList();
            return out.signed(422, signer.sign(audience, out.errorBody(errors), now));
        } catch (ApiError e) {
            // Nothing half-done may commit: a refusal after a write (e.g. a lost race) undoes it.
            session.getTransactionManager().setRollbackOnly();
            if (e.status() == 422 && signer != null) {
                return out.signed(422, signer.sign(audience, out.errorBody(List.of(e)), now));
            }
            return out.error(e);
        } catch (RuntimeException e) {
            session.getTransactionManager().setRollbackOnly();
            // Class only in the message line; the stack trace names code, not request data.
            LOG.errorf(e, "Payments API request failed with %s", e.getClass().getName());
            return out.error(ApiError.internal());
        }
    }
}
