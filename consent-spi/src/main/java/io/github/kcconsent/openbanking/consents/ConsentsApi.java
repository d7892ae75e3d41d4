package io.github.kcconsent.openbanking.consents;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import io.github.kcconsent.consent.Actor;
import io.github.kcconsent.consent.Channel;
import io.github.kcconsent.consent.ConcurrentConsentUpdateException;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentIds;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.IllegalConsentTransitionException;
import io.github.kcconsent.consent.NewConsent;
import io.github.kcconsent.consent.RejectedBy;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;
import io.github.kcconsent.openbanking.api.ApiError;
import io.github.kcconsent.openbanking.api.ApiResponses;
import io.github.kcconsent.openbanking.api.Paging;
import io.github.kcconsent.openbanking.api.RequestHeaders;
import io.github.kcconsent.openbanking.consents.validation.CreateConsentRequest;
import io.github.kcconsent.openbanking.consents.validation.ExtendConsentRequest;
import io.github.kcconsent.openbanking.consents.validation.RenewalRules;
import io.github.kcconsent.openbanking.partner.PartnerAuthenticator.Partner;
import io.github.kcconsent.openbanking.partner.PartnerAuthenticator;
import io.github.kcconsent.openbanking.renewal.ConsentExtensionPage;
import io.github.kcconsent.openbanking.renewal.ConsentExtensionStore;
import io.github.kcconsent.openbanking.renewal.NewConsentExtension;
import io.github.kcconsent.receipt.ConsentReceipts;
import io.github.kcconsent.store.ConsentStore;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The five operations of the Consents API for one authenticated partner. Request shape is checked before
 * anything is read (400), then the consent is looked up among the partner's own (404), then who may act
 * (403), then the business rules (422). A partner only ever sees consents it created through this API:
 * another client's consent, a consent-link consent or a payment consent is "not found", the same as none.
 */
final class ConsentsApi {

    static final String BASE_PATH = "open-banking/consents/v3/consents";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Partner partner;
    private final ApiResponses out;
    private final RequestHeaders headers;

    ConsentsApi(KeycloakSession session, Partner partner, ApiResponses out, RequestHeaders headers) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.partner = partner;
        this.out = out;
        this.headers = headers;
    }

    /** {@code POST /consents}: a DATA_SHARING consent AWAITING_AUTHORISATION; CPF and CNPJ stored encrypted. */
    Response create(String body) {
        Instant now = out.requestTime();
        CreateConsentRequest request = CreateConsentRequest.parse(body, now);
        String clientId = partner.client().getId();
        Consent created = store().create(realm, new NewConsent(clientId, null, ConsentType.DATA_SHARING,
                        ConsentOrigin.OPEN_FINANCE_API, request.permissions(), request.expiresAt(), request.cpf(),
                        request.cnpj(), null, null),
                actor(), Channel.OPEN_FINANCE_API);
        return out.ok(201, ConsentRepresentation.consent(created, now, false), self(created.id()), out.meta());
    }

    /** {@code GET /consents/{consentId}}: with {@code rejection} once (effectively) rejected. */
    Response read(String consentId) {
        Consent consent = owned(consentId);
        return out.ok(200, ConsentRepresentation.consent(consent, out.requestTime(), true), self(consent.id()),
                out.meta());
    }

    /**
     * {@code DELETE /consents/{consentId}}: the partner ends the consent on the customer's instruction:
     * revoked if authorised, rejected if still awaiting. Recorded as {@code rejectedBy: USER} with
     * {@code CUSTOMER_MANUALLY_REVOKED} (or {@code CUSTOMER_MANUALLY_REJECTED}), as the reference implementations
     * do: the partner deletes because its customer asked it to.
     */
    Response revoke(String consentId) {
        Consent consent = owned(consentId);
        ConsentStatus status = consent.effectiveStatus(out.requestTime());
        if (status != ConsentStatus.AWAITING_AUTHORISATION && status != ConsentStatus.AUTHORISED) {
            throw alreadyRejected();
        }
        Rejection rejection = new Rejection(RejectedBy.USER, RejectionReason.customerDecline(consent.type(), status));
        try {
            // The store's listeners end the client sessions opened for this consent (its tokens stop working,
            // other consents' tokens do not), update Keycloak's user consent and queue the webhook, in this
            // transaction.
            store().reject(realm, consentId, rejection, actor(), Channel.OPEN_FINANCE_API);
        } catch (IllegalConsentTransitionException e) {
            throw alreadyRejected(); // it ended between our read and our write (expiry, customer, bank)
        } catch (ConcurrentConsentUpdateException e) {
            throw ApiError.concurrentChange();
        }
        return out.noContent();
    }

    /**
     * {@code POST /consents/{consentId}/extends}: renewal without redirect, with the customer's token for this
     * consent (checked by {@link PartnerAuthenticator#authenticateCustomer}). The token's client must own the
     * consent (404 otherwise, as everywhere here), its user must be the one who authorised it, and the CPF (and
     * CNPJ) sent must be the consent's own (403 otherwise).
     */
    Response extend(String consentId, String body) {
        RequestHeaders.Customer customer = headers.requireCustomer();
        ExtendConsentRequest request = ExtendConsentRequest.parse(body);
        Consent consent = owned(consentId);
        if (partner.customer() == null || !partner.customer().getId().equals(consent.userId())) {
            throw ApiError.forbidden("O token de acesso não é do usuário que autorizou este consentimento.");
        }
        if (!request.cpf().equals(consent.loggedUserDocument())
                || !Objects.equals(request.cnpj(), consent.businessEntityDocument())) {
            throw ApiError.forbidden("O usuário informado não pode renovar este consentimento.");
        }
        Instant now = out.requestTime();
        if (consent.effectiveStatus(now) != ConsentStatus.AUTHORISED) {
            throw invalidState();
        }
        RenewalRules.check(consent.expiresAt(), request.expiresAt(), now);
        Consent renewed;
        try {
            renewed = store().extend(realm, consentId, request.expiresAt(), actor(), Channel.OPEN_FINANCE_API);
        } catch (IllegalConsentTransitionException e) {
            throw invalidState();
        } catch (ConcurrentConsentUpdateException e) {
            throw ApiError.concurrentChange();
        }
        extensions().record(realm, new NewConsentExtension(consentId, consent.clientId(), consent.userId(), now,
                request.expiresAt(), consent.expiresAt(), request.cpf(), customer.ipAddress(), customer.userAgent()));
        return out.ok(201, ConsentRepresentation.consent(renewed, now, false), self(consentId), out.meta());
    }

    /** {@code GET /consents/{consentId}/extensions}: the renewals, newest first, paged. */
    Response extensions(String consentId, String page, String pageSize) {
        Paging paging = Paging.parse(page, pageSize);
        Consent consent = owned(consentId);
        // An offset beyond int range is beyond any history too; clamping keeps the total right.
        int first = (int) Math.min(paging.first(), Integer.MAX_VALUE);
        ConsentExtensionPage result = extensions().page(realm, consent.id(), first, paging.pageSize());
        long total = result.total();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("totalRecords", total);
        meta.put("totalPages", paging.totalPages(total));
        meta.putAll(out.meta());
        List<Map<String, Object>> data = result.items().stream().map(ConsentRepresentation::extension).toList();
        return out.list(data, paging.links(total, (p, size) -> extensionsUrl(consent.id(), p, size)), meta);
    }

    /** The consent's signed receipts, oldest first, in the API's envelope (one page: a consent has a handful). */
    Response receipts(String consentId) {
        Consent consent = owned(consentId);
        List<Map<String, Object>> data = session.getProvider(ConsentReceipts.class).of(realm, consent.id()).stream()
                .map(ConsentRepresentation::receipt).toList();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("totalRecords", data.size());
        meta.put("totalPages", 1);
        meta.putAll(out.meta());
        return out.list(data, self(consent.id()), meta);
    }

    // ---------------------------------------------------------------------------------------------------

    private Consent owned(String consentId) {
        if (!ConsentIds.isWellFormed(consentId)) {
            throw ApiError.invalid("consentId", "deve ser um URN de consentimento");
        }
        Consent consent = store().find(realm, consentId).orElseThrow(ApiError::notFound);
        boolean ours = consent.clientId().equals(partner.client().getId())
                && consent.type() == ConsentType.DATA_SHARING
                && consent.origin() == ConsentOrigin.OPEN_FINANCE_API;
        if (!ours) {
            throw ApiError.notFound();
        }
        return consent;
    }

    /** History records the partner by Keycloak's internal client id: stable across clientId renames. */
    private Actor actor() {
        return Actor.client(partner.client().getId());
    }

    private Map<String, Object> self(String consentId) {
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", consentUri(consentId).toString());
        return links;
    }

    private String extensionsUrl(String consentId, int page, int pageSize) {
        return UriBuilder.fromUri(consentUri(consentId)).path("extensions")
                .queryParam("page", page).queryParam("page-size", pageSize).build().toString();
    }

    private URI consentUri(String consentId) {
        return session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(realm.getName()).path(BASE_PATH).path("{consentId}")
                .build(consentId);
    }

    private ConsentStore store() {
        return session.getProvider(ConsentStore.class);
    }

    private ConsentExtensionStore extensions() {
        return session.getProvider(ConsentExtensionStore.class);
    }

    private static ApiError alreadyRejected() {
        return ApiError.unprocessable("CONSENTIMENTO_EM_STATUS_REJEITADO", "Consentimento já rejeitado",
                "O consentimento já está rejeitado e não pode ser revogado.");
    }

    private static ApiError invalidState() {
        return ApiError.unprocessable("ESTADO_CONSENTIMENTO_INVALIDO", "Estado do consentimento inválido",
                "Somente um consentimento autorizado e vigente pode ser renovado.");
    }
}
