package io.github.kcconsent.backoffice;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.kcconsent.consent.Actor;
import io.github.kcconsent.consent.Channel;
import io.github.kcconsent.consent.ConcurrentConsentUpdateException;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.IllegalConsentTransitionException;
import io.github.kcconsent.consent.RejectedBy;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;
import io.github.kcconsent.consent.StatusChange;
import io.github.kcconsent.crypto.DocumentKind;
import io.github.kcconsent.store.ConsentCount;
import io.github.kcconsent.store.ConsentPage;
import io.github.kcconsent.store.ConsentQuery;
import io.github.kcconsent.store.ConsentStore;
import io.github.kcconsent.webhook.WebhookDelivery;
import io.github.kcconsent.webhook.WebhookOutbox;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.util.JsonSerialization;

/**
 * {@code /admin/realms/{realm}/consents}. Every call checks {@code view-consents} or {@code manage-consents}
 * first (403 otherwise); bad parameters are a 400 with a clear message and no partial work.
 */
@Produces(MediaType.APPLICATION_JSON)
public class ConsentAdminResource {

    static final int DEFAULT_PAGE_SIZE = 25;
    static final int MAX_PAGE_SIZE = 200;
    static final int MAX_PAGE = 1_000_000;
    /**
     * Totals are exact up to this many matches (or the end of the requested page), "at least" beyond it,
     * unless the caller asks for {@code exact-total=true}: counting every match of a large partner costs time
     * in proportion to its size, which a search screen should not pay on every page.
     */
    public static final int COUNT_LIMIT = 1000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public ConsentAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
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

    /**
     * Search. Filters: {@code cpf}, {@code cnpj} (blind index), {@code client} (clientId), {@code user}
     * (username or id), {@code type} and {@code status} (comma-separated or repeated), {@code created-from},
     * {@code created-to}, {@code expires-before} (ISO-8601 instants). Paging: {@code page} (from 1),
     * {@code page-size} (1..200, default 25). {@code order}: {@code -createdAt} (default), {@code createdAt},
     * {@code -statusUpdatedAt}, {@code expiresAt}. Totals: {@code meta.totalRecords} is exact when
     * {@code meta.totalRecordsExact} is true, else a lower bound (more than {@value #COUNT_LIMIT} matches);
     * {@code exact-total=true} always counts exactly.
     */
    @GET
    public Response search(@QueryParam("cpf") String cpf, @QueryParam("cnpj") String cnpj,
                           @QueryParam("client") String client, @QueryParam("user") String user,
                           @QueryParam("type") List<String> types, @QueryParam("status") List<String> statuses,
                           @QueryParam("created-from") String createdFrom, @QueryParam("created-to") String createdTo,
                           @QueryParam("expires-before") String expiresBefore, @QueryParam("order") String order,
                           @QueryParam("page") String page, @QueryParam("page-size") String pageSize,
                           @QueryParam("exact-total") String exactTotal) {
        requireView();
        try {
            boolean exact = bool("exact-total", exactTotal);
            int pageNumber = integer("page", page, 1, 1, MAX_PAGE);
            int size = integer("page-size", pageSize, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
            String normalizedCpf = document(DocumentKind.CPF, "cpf", cpf);
            String normalizedCnpj = document(DocumentKind.CNPJ, "cnpj", cnpj);
            Set<ConsentType> typeSet = enums(ConsentType.class, "type", types);
            Set<ConsentStatus> statusSet = enums(ConsentStatus.class, "status", statuses);
            Instant from = instant("created-from", createdFrom);
            Instant to = instant("created-to", createdTo);
            Instant expires = instant("expires-before", expiresBefore);
            ConsentQuery.Order sort = order(order);

            String clientInternalId = null;
            if (client != null && !client.isBlank()) {
                ClientModel c = realm.getClientByClientId(client);
                if (c == null) {
                    return page(new ConsentPage(0, List.of()), pageNumber, size);
                }
                clientInternalId = c.getId();
            }
            String userId = null;
            if (user != null && !user.isBlank()) {
                UserModel u = session.users().getUserByUsername(realm, user);
                if (u == null) {
                    u = session.users().getUserById(realm, user);
                }
                if (u == null) {
                    return page(new ConsentPage(0, List.of()), pageNumber, size);
                }
                userId = u.getId();
            }
            ConsentQuery query = new ConsentQuery(normalizedCpf, normalizedCnpj, clientInternalId, userId, typeSet,
                    statusSet, from, to, expires, sort, (pageNumber - 1) * size, size,
                    exact ? ConsentQuery.EXACT_TOTAL : COUNT_LIMIT);
            return page(store().search(realm, query), pageNumber, size);
        } catch (BadParameter e) {
            return badRequest(e.getMessage());
        }
    }

    @GET
    @Path("counts")
    public Response counts() {
        requireView();
        List<ConsentCount> counts = store().counts(realm);
        List<Map<String, Object>> out = counts.stream().map(ConsentAdminResource::count).toList();
        long total = counts.stream().mapToLong(ConsentCount::count).sum();
        return Response.ok(Map.of("total", total, "counts", out)).build();
    }

    @GET
    @Path("{id}")
    public Response detail(@PathParam("id") String id) {
        requireView();
        return store().find(realm, id)
                .map(c -> Response.ok(detail(c)).build())
                .orElseGet(ConsentAdminResource::notFound);
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
            rejection = rejection(consent, body);
        } catch (BadParameter e) {
            return badRequest(e.getMessage());
        }
        try {
            Consent revoked = store().reject(realm, id, rejection, Actor.admin(auth.adminAuth().getUser().getId()),
                    Channel.BACK_OFFICE);
            return Response.ok(detail(revoked)).build();
        } catch (IllegalConsentTransitionException e) {
            return Response.status(Response.Status.CONFLICT)
                    .entity(error("invalid_status", "the consent is " + e.from() + " and cannot be revoked")).build();
        } catch (ConcurrentConsentUpdateException e) {
            return Response.status(Response.Status.CONFLICT)
                    .entity(error("concurrent_update", "the consent changed meanwhile; read it again")).build();
        }
    }

    /** Makes one webhook event of this consent due again now (same event id). */
    @POST
    @Path("{id}/webhooks/{eventId}/redeliver")
    public Response redeliver(@PathParam("id") String id, @PathParam("eventId") String eventId) {
        requireManage();
        if (store().find(realm, id).isEmpty()
                || !session.getProvider(WebhookOutbox.class).redeliver(realm, id, eventId)) {
            return notFound();
        }
        return Response.accepted(Map.of("eventId", eventId, "state", "PENDING")).build();
    }

    private Rejection rejection(Consent consent, String body) {
        Map<?, ?> request = Map.of();
        if (body != null && !body.isBlank()) {
            try {
                request = JsonSerialization.readValue(body, Map.class);
            } catch (IOException e) {
                throw new BadParameter("the body must be a JSON object");
            }
        }
        Object info = request.get("additionalInformation");
        if (info != null && !(info instanceof String)) {
            throw new BadParameter("additionalInformation must be a string");
        }
        ConsentStatus current = consent.effectiveStatus(now());
        RejectionReason reason;
        Object requested = request.get("reason");
        if (requested == null) {
            reason = RejectionReason.customerDecline(consent.type(), current);
        } else {
            try {
                reason = RejectionReason.valueOf(String.valueOf(requested));
            } catch (IllegalArgumentException e) {
                throw new BadParameter("unknown reason");
            }
        }
        RejectedBy by = switch (reason) {
            case CUSTOMER_MANUALLY_REJECTED, CUSTOMER_MANUALLY_REVOKED, REJEITADO_USUARIO -> RejectedBy.USER;
            default -> RejectedBy.ASPSP;
        };
        try {
            return new Rejection(by, reason, (String) info);
        } catch (IllegalArgumentException e) {
            throw new BadParameter(e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------------

    private Response page(ConsentPage result, int page, int size) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("totalRecords", result.total());
        meta.put("totalRecordsExact", result.totalExact());
        meta.put("totalPages", (result.total() + size - 1) / size);
        meta.put("page", page);
        meta.put("pageSize", size);
        return Response.ok(Map.of("data", result.items().stream().map(this::summary).toList(), "meta", meta)).build();
    }

    private Map<String, Object> summary(Consent c) {
        Instant now = now();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("consentId", c.id());
        ClientModel client = realm.getClientById(c.clientId());
        v.put("clientId", client == null ? null : client.getClientId());
        v.put("userId", c.userId());
        v.put("type", c.type().name());
        v.put("origin", c.origin().name());
        v.put("status", c.effectiveStatus(now).name());
        v.put("storedStatus", c.status().name());
        v.put("permissions", c.permissions());
        v.put("creationDateTime", c.createdAt().toString());
        v.put("statusUpdateDateTime", c.statusUpdatedAt().toString());
        v.put("expirationDateTime", c.expiresAt() == null ? null : c.expiresAt().toString());
        return v;
    }

    private Map<String, Object> detail(Consent c) {
        Map<String, Object> v = summary(c);
        Instant now = now();
        UserModel user = c.userId() == null ? null : session.users().getUserById(realm, c.userId());
        v.put("username", user == null ? null : user.getUsername());
        v.put("authorisationDeadline", c.authorisationDeadline() == null ? null : c.authorisationDeadline().toString());
        v.put("loggedUserDocument", c.loggedUserDocument());
        v.put("businessEntityDocument", c.businessEntityDocument());
        v.put("sessionMetadata", json(c.sessionMetadata()));
        v.put("paymentDetails", json(c.paymentDetails()));
        v.put("resources", c.resources().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("resourceId", r.resourceId());
            m.put("type", r.type());
            m.put("label", r.label());
            return m;
        }).toList());
        Rejection rejection = c.effectiveRejection(now);
        if (rejection != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rejectedBy", rejection.rejectedBy().name());
            m.put("reason", rejection.reason().name());
            m.put("additionalInformation", rejection.additionalInformation());
            v.put("rejection", m);
        }
        v.put("history", store().history(realm, c.id()).stream().map(ConsentAdminResource::change).toList());
        v.put("webhookDeliveries", session.getProvider(WebhookOutbox.class).deliveries(realm, c.id()).stream()
                .map(ConsentAdminResource::delivery).toList());
        return v;
    }

    private static Map<String, Object> change(StatusChange h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", h.from() == null ? null : h.from().name());
        m.put("to", h.to().name());
        m.put("at", h.at().toString());
        m.put("actor", h.actor().asString());
        m.put("channel", h.channel().name());
        m.put("reason", h.reason() == null ? null : h.reason().name());
        m.put("additionalInformation", h.additionalInformation());
        return m;
    }

    private static Map<String, Object> delivery(WebhookDelivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventId", d.eventId());
        m.put("type", d.type());
        m.put("state", d.state());
        m.put("attempts", d.attempts());
        m.put("createdAt", d.createdAt().toString());
        m.put("nextAttemptAt", d.nextAttemptAt() == null ? null : d.nextAttemptAt().toString());
        m.put("lastAttemptAt", d.lastAttemptAt() == null ? null : d.lastAttemptAt().toString());
        m.put("lastStatus", d.lastStatus());
        m.put("lastError", d.lastError());
        m.put("deliveredAt", d.deliveredAt() == null ? null : d.deliveredAt().toString());
        return m;
    }

    private static Map<String, Object> count(ConsentCount c) {
        return Map.of("type", c.type().name(), "status", c.status().name(), "count", c.count());
    }

    private static Object json(String value) {
        if (value == null) {
            return null;
        }
        try {
            return JsonSerialization.readValue(value, Object.class);
        } catch (IOException e) {
            return value;
        }
    }

    /** {@code true} or {@code false} (any case); absent means false; anything else is a bad parameter. */
    private static boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadParameter(name + " must be true or false");
        };
    }

    private static int integer(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new BadParameter(name + " must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new BadParameter(name + " must be a whole number between " + min + " and " + max);
        }
    }

    private static String document(DocumentKind kind, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return kind.normalize(value);
        } catch (IllegalArgumentException e) {
            // The message never repeats the value: it is personal data.
            throw new BadParameter(name + " is not a well-formed " + kind.name());
        }
    }

    private static <E extends Enum<E>> Set<E> enums(Class<E> type, String name, List<String> values) {
        Set<E> out = EnumSet.noneOf(type);
        if (values == null) {
            return out;
        }
        for (String value : values) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    out.add(Enum.valueOf(type, part.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new BadParameter(name + " must be one of " + EnumSet.allOf(type));
                }
            }
        }
        return out;
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadParameter(name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    private static ConsentQuery.Order order(String value) {
        if (value == null || value.isBlank()) {
            return ConsentQuery.Order.CREATED_DESC;
        }
        return switch (value.trim()) {
            case "-createdAt" -> ConsentQuery.Order.CREATED_DESC;
            case "createdAt" -> ConsentQuery.Order.CREATED_ASC;
            case "-statusUpdatedAt" -> ConsentQuery.Order.STATUS_UPDATED_DESC;
            case "expiresAt" -> ConsentQuery.Order.EXPIRES_ASC;
            default -> throw new BadParameter("order must be one of -createdAt, createdAt, -statusUpdatedAt, expiresAt");
        };
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }

    private static Response badRequest(String message) {
        return Response.status(Response.Status.BAD_REQUEST).entity(error("invalid_request", message)).build();
    }

    private static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND).entity(error("not_found", "no such consent")).build();
    }

    private static Map<String, String> error(String code, String description) {
        return Map.of("error", code, "error_description", description);
    }

    /** A query or body parameter that is not acceptable; becomes a 400 before anything is read or written. */
    private static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message, null, false, false);
        }
    }
}
