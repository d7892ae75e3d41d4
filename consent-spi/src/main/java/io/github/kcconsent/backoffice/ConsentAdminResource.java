package io.github.kcconsent.backoffice;

import java.time.Instant;
import java.util.List;

import io.github.kcconsent.backoffice.representation.ConsentCountsRepresentation;
import io.github.kcconsent.backoffice.representation.ConsentDetailRepresentation;
import io.github.kcconsent.backoffice.representation.ConsentPageRepresentation;
import io.github.kcconsent.backoffice.representation.ConsentSummaryRepresentation;
import io.github.kcconsent.backoffice.representation.ErasureRepresentation;
import io.github.kcconsent.backoffice.representation.ErrorRepresentation;
import io.github.kcconsent.backoffice.representation.HistoryVerificationRepresentation;
import io.github.kcconsent.backoffice.representation.PageMetaRepresentation;
import io.github.kcconsent.backoffice.representation.PaymentConsumptionRepresentation;
import io.github.kcconsent.backoffice.representation.RealmHistoryVerificationRepresentation;
import io.github.kcconsent.backoffice.representation.ReceiptsRepresentation;
import io.github.kcconsent.backoffice.representation.RedeliveryRepresentation;
import io.github.kcconsent.consent.Actor;
import io.github.kcconsent.consent.Channel;
import io.github.kcconsent.consent.ConcurrentConsentUpdateException;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentIds;
import io.github.kcconsent.consent.IllegalConsentTransitionException;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentData;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentRequest;
import io.github.kcconsent.receipt.ConsentReceipts;
import io.github.kcconsent.store.ConsentPage;
import io.github.kcconsent.store.ConsentStore;
import io.github.kcconsent.store.HistoryVerification;
import io.github.kcconsent.webhook.WebhookOutbox;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/consents}. Every call checks {@code view-consents}, {@code manage-consents} or,
 * for consuming a payment consent, {@code consume-payment-consents} first (403 otherwise); bad parameters are a
 * 400 with a clear message and no partial work. This class only authorises, looks up and answers: the
 * parameters are read by {@link ConsentSearchParameters}, {@link RevocationRequest} and {@link ExpectedPayment},
 * what may be consumed is {@link PaymentConsumptionRules}'s call, the bodies are the classes in
 * {@code representation}.
 */
@Produces(MediaType.APPLICATION_JSON)
public class ConsentAdminResource {

    private static final Logger LOG = Logger.getLogger(ConsentAdminResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final BackofficeAudit audit;

    public ConsentAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.audit = new BackofficeAudit(adminEvent);
    }

    private ConsentStore store() {
        return session.getProvider(ConsentStore.class);
    }

    private void requireView() {
        if (!BackofficeRoles.canView(auth.adminAuth(), realm)) {
            throw new ForbiddenException("requires the view-consents or manage-consents role");
        }
    }

    private void requireManage() {
        if (!BackofficeRoles.canManage(auth.adminAuth(), realm)) {
            throw new ForbiddenException("requires the manage-consents role");
        }
    }

    private void requireConsume() {
        if (!BackofficeRoles.canConsume(auth.adminAuth(), realm)) {
            throw new ForbiddenException("requires the consume-payment-consents role");
        }
    }

    /**
     * Search. Filters: {@code cpf}, {@code cnpj} (blind index), {@code client} (clientId), {@code user}
     * (username or id), {@code type} and {@code status} (comma-separated or repeated), {@code created-from},
     * {@code created-to}, {@code expires-before} (ISO-8601 instants). Paging: {@code page} (from 1),
     * {@code page-size} (1..200, default 25). {@code order}: {@code -createdAt} (default), {@code createdAt},
     * {@code -statusUpdatedAt}, {@code expiresAt}. Totals: {@code meta.totalRecords} is exact when
     * {@code meta.totalRecordsExact} is true, else a lower bound (more than
     * {@value ConsentSearchParameters#COUNT_LIMIT} matches); {@code exact-total=true} always counts exactly.
     */
    @GET
    public Response search() {
        requireView();
        ConsentSearchParameters parameters;
        try {
            parameters = ConsentSearchParameters.parse(session.getContext().getUri().getQueryParameters());
        } catch (BadParameterException e) {
            return badRequest(e.getMessage());
        }
        String clientInternalId = null;
        if (parameters.client() != null) {
            ClientModel client = realm.getClientByClientId(parameters.client());
            if (client == null) {
                return ok(ConsentPageRepresentation.empty(parameters.page(), parameters.pageSize()));
            }
            clientInternalId = client.getId();
        }
        String userId = null;
        if (parameters.user() != null) {
            // Not a user (any more): taken as a user id, so the erased consents of a removed user stay findable.
            UserModel user = userByNameOrId(parameters.user());
            userId = user != null ? user.getId() : parameters.user();
        }
        ConsentPage result = store().search(realm, parameters.toQuery(clientInternalId, userId));
        Instant now = now();
        List<ConsentSummaryRepresentation> data = result.items().stream()
                .map(c -> ConsentSummaryRepresentation.of(c, clientIdOf(c), now))
                .toList();
        return ok(new ConsentPageRepresentation(data, PageMetaRepresentation.of(result.total(), result.totalExact(),
                parameters.page(), parameters.pageSize())));
    }

    @GET
    @Path("counts")
    public Response counts() {
        requireView();
        return ok(ConsentCountsRepresentation.of(store().counts(realm)));
    }

    @GET
    @Path("{id}")
    public Response detail(@PathParam("id") String id) {
        requireView();
        return store().find(realm, id)
                .map(c -> ok(detail(c)))
                .orElseGet(ConsentAdminResource::notFound);
    }

    /**
     * Erases a customer's personal data from all their consents and keeps the audit trail (see README, "Erasure"):
     * body {@code {"user": "<username or user id>"}}. Open consents are ended first as the customer's own decision,
     * recorded as {@code admin:<id>}. 404 if there is no such user and no consent of that user id.
     */
    @POST
    @Path("erasure")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response erase(String body) {
        requireManage();
        String requested;
        try {
            requested = ErasureRequest.user(body);
        } catch (BadParameterException e) {
            return badRequest(e.getMessage());
        }
        UserModel user = userByNameOrId(requested);
        String userId = user != null ? user.getId() : requested;
        if (user == null && store().findByUser(realm, userId).isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND)
                    .entity(new ErrorRepresentation(ErrorRepresentation.NOT_FOUND, "no such user and no consents of that user id")).build();
        }
        try {
            int erased = store().erase(realm, userId, Actor.admin(auth.adminAuth().getUser().getId()), Channel.BACK_OFFICE);
            audit.erased(userId, erased);
            return ok(new ErasureRepresentation(userId, erased));
        } catch (ConcurrentConsentUpdateException e) {
            // Consents erased before the one that raced were already written: the whole erasure is undone.
            session.getTransactionManager().setRollbackOnly();
            return conflict(ErrorRepresentation.CONCURRENT_UPDATE, "a consent of the user changed meanwhile; nothing was erased, try again");
        }
    }

    /** Every signed receipt of the consent, oldest first (see README, "Signed receipts"). */
    @GET
    @Path("{id}/receipts")
    public Response receipts(@PathParam("id") String id) {
        requireView();
        if (store().find(realm, id).isEmpty()) {
            return notFound();
        }
        return ok(ReceiptsRepresentation.of(id, session.getProvider(ConsentReceipts.class).of(realm, id)));
    }

    /**
     * Verifies one consent's sealed status history: each entry against its seal, the chain from entry to entry,
     * and the consent row's head and status against the newest entry (see README, "Tamper-evident history").
     */
    @GET
    @Path("{id}/history/verification")
    public Response verifyHistory(@PathParam("id") String id) {
        requireView();
        if (store().find(realm, id).isEmpty()) {
            return notFound();
        }
        return ok(HistoryVerificationRepresentation.of(store().verifyHistory(realm, id)));
    }

    /**
     * Verifies the realm's consents a bounded page at a time, in id order: {@code after} (the previous page's
     * {@code next}) and {@code max} (1..500, default 100). The answer lists the consents that did not verify.
     */
    @GET
    @Path("history/verification")
    public Response verifyRealmHistory() {
        requireView();
        HistoryVerificationPage page;
        try {
            page = HistoryVerificationPage.parse(session.getContext().getUri().getQueryParameters());
        } catch (BadParameterException e) {
            return badRequest(e.getMessage());
        }
        List<HistoryVerification> checked = store().verifyHistories(realm, page.after(), page.max());
        return ok(RealmHistoryVerificationRepresentation.of(checked, checked.size() == page.max()));
    }

    /**
     * Revokes (authorised) or rejects (awaiting) on the customer's behalf: body
     * {@code {"reason": "CUSTOMER_MANUALLY_REVOKED" | "INTERNAL_SECURITY_REASON" | …, "additionalInformation": "…"}};
     * without a reason it is the customer's own revocation. Recorded in the history as {@code admin:<id>}.
     */
    @POST
    @Path("{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response revoke(@PathParam("id") String id, String body) {
        requireManage();
        Consent consent = store().find(realm, id).orElse(null);
        if (consent == null) {
            return notFound();
        }
        Rejection rejection;
        try {
            rejection = RevocationRequest.rejection(body, consent.type(), consent.effectiveStatus(now()));
        } catch (BadParameterException e) {
            return badRequest(e.getMessage());
        }
        try {
            Consent revoked = store().reject(realm, id, rejection, Actor.admin(auth.adminAuth().getUser().getId()),
                    Channel.BACK_OFFICE);
            audit.revoked(revoked);
            return ok(detail(revoked));
        } catch (IllegalConsentTransitionException e) {
            return conflict(ErrorRepresentation.INVALID_STATUS, "the consent is " + e.from() + " and cannot be revoked");
        } catch (ConcurrentConsentUpdateException e) {
            return conflict(ErrorRepresentation.CONCURRENT_UPDATE, "the consent changed meanwhile; read it again");
        }
    }

    /**
     * The bank's payment system consumes an authorised payment consent, once: AUTHORISED → CONSUMED, recorded in
     * the history as {@code admin:<id>} through {@code BACK_OFFICE}. The answer carries what the payment must
     * match. An optional body ({@link ExpectedPayment}) names the payment's values; if one differs from the
     * consent's the answer is a 422 and nothing is consumed. Of two racing calls exactly one gets the 200; the
     * other a 409, as does every consent that is not an authorised payment consent now (awaiting, rejected,
     * expired, consumed, data sharing), and an immediate payment whose day has ended in Brasília time.
     */
    @POST
    @Path("{id}/consume")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response consume(@PathParam("id") String id, String body) {
        requireConsume();
        if (!ConsentIds.isWellFormed(id)) {
            return badRequest("the consent id is not well-formed (urn:<namespace>:<id>, at most "
                    + ConsentIds.MAX_LENGTH + " characters)");
        }
        ExpectedPayment expected;
        try {
            expected = ExpectedPayment.parse(body);
        } catch (BadParameterException e) {
            return badRequest(e.getMessage());
        }
        Consent consent = store().find(realm, id).orElse(null);
        if (consent == null) {
            return notFound();
        }
        Instant now = now();
        String refusal = PaymentConsumptionRules.refusal(consent, now);
        if (refusal != null) {
            return conflict(ErrorRepresentation.INVALID_STATUS, refusal);
        }
        PaymentConsentRequest payment;
        try {
            payment = PaymentConsentData.read(consent.paymentDetails(), consent.createdAt());
        } catch (RuntimeException e) {
            // A defect of whoever stored it, not of the caller; the id says which row, the details stay out.
            LOG.warnf("payment consent %s has stored details that do not read; it cannot be consumed", id);
            return conflict(ErrorRepresentation.INVALID_STATUS, "the consent's payment details cannot be read");
        }
        if (payment.debtorAccount() == null) {
            return conflict(ErrorRepresentation.INVALID_STATUS,
                    "the consent names no debtor account: it was authorised without one");
        }
        String late = PaymentConsumptionRules.dateRefusal(payment, now);
        if (late != null) {
            return conflict(ErrorRepresentation.PAYMENT_DATE_PASSED, late);
        }
        List<String> mismatches = expected.mismatches(payment);
        if (!mismatches.isEmpty()) {
            return Response.status(422).entity(new ErrorRepresentation(ErrorRepresentation.PAYMENT_MISMATCH,
                    "the payment does not match the consent: " + String.join(", ", mismatches))).build();
        }
        try {
            Consent consumed = store().consume(realm, id, Actor.admin(auth.adminAuth().getUser().getId()),
                    Channel.BACK_OFFICE);
            audit.consumed(consumed);
            return ok(PaymentConsumptionRepresentation.of(consumed, clientIdOf(consumed), payment));
        } catch (IllegalConsentTransitionException e) {
            return conflict(ErrorRepresentation.INVALID_STATUS, "the consent is " + e.from() + " and cannot be consumed");
        } catch (ConcurrentConsentUpdateException e) {
            return conflict(ErrorRepresentation.CONCURRENT_UPDATE,
                    "the consent changed meanwhile (consumed or ended by another request); it was not consumed");
        }
    }

    /** Makes one webhook event of this consent due again now (same event id). */
    @POST
    @Path("{id}/webhooks/{eventId}/redeliver")
    public Response redeliver(@PathParam("id") String id, @PathParam("eventId") String eventId) {
        requireManage();
        if (store().find(realm, id).isEmpty() || !outbox().redeliver(realm, id, eventId)) {
            return notFound();
        }
        audit.redelivered(id, eventId);
        return Response.accepted(RedeliveryRepresentation.pending(eventId)).build();
    }

    // ---------------------------------------------------------------------------------------------------

    private WebhookOutbox outbox() {
        return session.getProvider(WebhookOutbox.class);
    }

    private ConsentDetailRepresentation detail(Consent c) {
        UserModel user = c.userId() == null ? null : session.users().getUserById(realm, c.userId());
        return ConsentDetailRepresentation.of(c, clientIdOf(c), user == null ? null : user.getUsername(),
                store().history(realm, c.id()), outbox().deliveries(realm, c.id()), now());
    }

    /** The partner's {@code clientId} for the consent's internal client id; null if the client is gone. */
    private String clientIdOf(Consent c) {
        ClientModel client = realm.getClientById(c.clientId());
        return client == null ? null : client.getClientId();
    }

    /** A search by "user" accepts either: a username first, then a Keycloak user id. */
    private UserModel userByNameOrId(String user) {
        UserModel found = session.users().getUserByUsername(realm, user);
        return found != null ? found : session.users().getUserById(realm, user);
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }

    private static Response ok(Object representation) {
        return Response.ok(representation).build();
    }

    private static Response badRequest(String message) {
        return Response.status(Response.Status.BAD_REQUEST)
                .entity(new ErrorRepresentation(ErrorRepresentation.INVALID_REQUEST, message)).build();
    }

    private static Response conflict(String code, String description) {
        return Response.status(Response.Status.CONFLICT).entity(new ErrorRepresentation(code, description)).build();
    }

    private static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND)
                .entity(new ErrorRepresentation(ErrorRepresentation.NOT_FOUND, "no such consent")).build();
    }
}
