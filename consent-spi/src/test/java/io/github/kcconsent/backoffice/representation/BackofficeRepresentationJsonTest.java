package io.github.kcconsent.backoffice.representation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcconsent.consent.Actor;
import io.github.kcconsent.consent.Channel;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.ConsentedResource;
import io.github.kcconsent.consent.RejectedBy;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;
import io.github.kcconsent.consent.StatusChange;
import io.github.kcconsent.store.ConsentCount;
import io.github.kcconsent.webhook.WebhookDelivery;
import org.junit.jupiter.api.Test;
import org.keycloak.services.util.ObjectMapperResolver;
import org.keycloak.util.JsonSerialization;

/**
 * The back office's JSON as Keycloak's REST layer writes it: the same mapper its JAX-RS resolver hands out.
 * Field names, their order and which are left out are what {@code BackofficeApiIT}, {@code WebhookIT} and the
 * README rely on.
 */
class BackofficeRepresentationJsonTest {

    private static final ObjectMapper KEYCLOAK = ObjectMapperResolver.createStreamSerializer();

    private static final Instant CREATED = Instant.parse("2026-04-01T10:00:00.123Z");
    private static final Instant NOW = Instant.parse("2026-04-02T10:00:00Z");

    private static String json(Object representation) {
        try {
            return KEYCLOAK.writeValueAsString(representation);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** Read back as the integration tests read a body. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Object representation) {
        try {
            return JsonSerialization.readValue(json(representation), Map.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** An awaiting consent with nothing optional set: no user, no expiry, no documents. */
    private static Consent bare() {
        return new Consent("urn:consent-demo:1", "realm", "client-internal-id", null, ConsentType.DATA_SHARING,
                ConsentOrigin.CONSENT_LINK, ConsentStatus.AWAITING_AUTHORISATION, List.of(), List.of(), CREATED,
                CREATED, null, null, null, null, null, null, null, 0, null);
    }

    /** A revoked consent with everything set. */
    private static Consent full() {
        return new Consent("urn:consent-demo:2", "realm", "client-internal-id", "user-id", ConsentType.DATA_SHARING,
                ConsentOrigin.OPEN_FINANCE_API, ConsentStatus.REJECTED, List.of("ACCOUNTS_READ", "RESOURCES_READ"),
                List.of(new ConsentedResource("acc-0001", "CONTA", "Conta •••• 1234"),
                        new ConsentedResource("acc-0002", null, null)),
                CREATED, CREATED.plusSeconds(60), Instant.parse("2026-10-01T00:00:00Z"),
                Instant.parse("2026-04-01T11:00:00Z"), "52998224725", "11222333000181",
                "{\"user_session\":\"s-42\",\"n\":1}", "not json",
                new Rejection(RejectedBy.USER, RejectionReason.CUSTOMER_MANUALLY_REVOKED, "Pedido na agência"), 3, null);
    }

    private static final List<StatusChange> HISTORY = List.of(
            new StatusChange(null, ConsentStatus.AWAITING_AUTHORISATION, CREATED, Actor.client("demo-partner"),
                    Channel.OPEN_FINANCE_API, null, null, 0, "seal-0"),
            new StatusChange(ConsentStatus.AWAITING_AUTHORISATION, ConsentStatus.AUTHORISED, CREATED.plusSeconds(30),
                    Actor.user("user-id"), Channel.CONSENT_LINK, null, null, 1, "seal-1"),
            new StatusChange(ConsentStatus.AUTHORISED, ConsentStatus.REJECTED, CREATED.plusSeconds(60),
                    Actor.admin("staff-id"), Channel.BACK_OFFICE, RejectionReason.CUSTOMER_MANUALLY_REVOKED,
                    "Pedido na agência", 2, "seal-2"));

    private static final List<WebhookDelivery> DELIVERIES = List.of(
            new WebhookDelivery("evt-1", "consent_requested", "DELIVERED", 1, CREATED, null, CREATED.plusSeconds(1),
                    200, null, CREATED.plusSeconds(1)),
            new WebhookDelivery("evt-2", "consent_revoked", "PENDING", 0, CREATED.plusSeconds(60),
                    CREATED.plusSeconds(61), null, null, null, null));

    @Test
    void aSummaryLeavesOutWhatIsAbsentInsteadOfWritingNull() {
        assertEquals("{\"consentId\":\"urn:consent-demo:1\",\"type\":\"DATA_SHARING\",\"origin\":\"CONSENT_LINK\","
                        + "\"status\":\"AWAITING_AUTHORISATION\",\"storedStatus\":\"AWAITING_AUTHORISATION\","
                        + "\"permissions\":[],\"creationDateTime\":\"2026-04-01T10:00:00.123Z\","
                        + "\"statusUpdateDateTime\":\"2026-04-01T10:00:00.123Z\"}",
                json(ConsentSummaryRepresentation.of(bare(), null, NOW)));
    }

    @Test
    void aSummaryNamesThePartnerByItsClientIdAndHasItsFieldsInAFixedOrder() {
        assertEquals("{\"consentId\":\"urn:consent-demo:2\",\"clientId\":\"demo-partner\",\"userId\":\"user-id\","
                        + "\"type\":\"DATA_SHARING\",\"origin\":\"OPEN_FINANCE_API\",\"status\":\"REJECTED\","
                        + "\"storedStatus\":\"REJECTED\",\"permissions\":[\"ACCOUNTS_READ\",\"RESOURCES_READ\"],"
                        + "\"creationDateTime\":\"2026-04-01T10:00:00.123Z\","
                        + "\"statusUpdateDateTime\":\"2026-04-01T10:01:00.123Z\","
                        + "\"expirationDateTime\":\"2026-10-01T00:00:00Z\"}",
                json(ConsentSummaryRepresentation.of(full(), "demo-partner", NOW)));
    }

    @Test
    void anOverdueConsentShowsItsEffectiveStatusBesideTheStoredOne() {
        Consent overdue = new Consent("urn:consent-demo:3", "realm", "c", "u", ConsentType.DATA_SHARING,
                ConsentOrigin.CONSENT_LINK, ConsentStatus.AUTHORISED, List.of(), List.of(), CREATED, CREATED,
                NOW.minusSeconds(1), null, null, null, null, null, null, 0, null);

        Map<String, Object> summary = read(ConsentSummaryRepresentation.of(overdue, "demo-partner", NOW));
        assertEquals("REJECTED", summary.get("status"));
        assertEquals("AUTHORISED", summary.get("storedStatus"));

        Map<?, ?> rejection = (Map<?, ?>) read(ConsentDetailRepresentation.of(overdue, "demo-partner", null, List.of(),
                List.of(), NOW)).get("rejection");
        assertEquals(Map.of("rejectedBy", "ASPSP", "reason", "CONSENT_MAX_DATE_REACHED"), rejection,
                "the rejection its expiry implies, without a note");
    }

    @Test
    void aDetailIsTheSummaryFollowedByPersonalDataResourcesRejectionHistoryAndDeliveries() {
        assertEquals("{\"consentId\":\"urn:consent-demo:2\",\"clientId\":\"demo-partner\",\"userId\":\"user-id\","
                        + "\"type\":\"DATA_SHARING\",\"origin\":\"OPEN_FINANCE_API\",\"status\":\"REJECTED\","
                        + "\"storedStatus\":\"REJECTED\",\"permissions\":[\"ACCOUNTS_READ\",\"RESOURCES_READ\"],"
                        + "\"creationDateTime\":\"2026-04-01T10:00:00.123Z\","
                        + "\"statusUpdateDateTime\":\"2026-04-01T10:01:00.123Z\","
                        + "\"expirationDateTime\":\"2026-10-01T00:00:00Z\","
                        + "\"username\":\"maria\",\"authorisationDeadline\":\"2026-04-01T11:00:00Z\","
                        + "\"loggedUserDocument\":\"52998224725\",\"businessEntityDocument\":\"11222333000181\","
                        + "\"sessionMetadata\":{\"user_session\":\"s-42\",\"n\":1},\"paymentDetails\":\"not json\","
                        + "\"resources\":[{\"resourceId\":\"acc-0001\",\"type\":\"CONTA\",\"label\":\"Conta •••• 1234\"},"
                        + "{\"resourceId\":\"acc-0002\"}],"
                        + "\"rejection\":{\"rejectedBy\":\"USER\",\"reason\":\"CUSTOMER_MANUALLY_REVOKED\","
                        + "\"additionalInformation\":\"Pedido na agência\"},"
                        + "\"history\":["
                        + "{\"to\":\"AWAITING_AUTHORISATION\",\"at\":\"2026-04-01T10:00:00.123Z\","
                        + "\"actor\":\"client:demo-partner\",\"channel\":\"OPEN_FINANCE_API\",\"sequence\":0,\"seal\":\"seal-0\"},"
                        + "{\"from\":\"AWAITING_AUTHORISATION\",\"to\":\"AUTHORISED\",\"at\":\"2026-04-01T10:00:30.123Z\","
                        + "\"actor\":\"user:user-id\",\"channel\":\"CONSENT_LINK\",\"sequence\":1,\"seal\":\"seal-1\"},"
                        + "{\"from\":\"AUTHORISED\",\"to\":\"REJECTED\",\"at\":\"2026-04-01T10:01:00.123Z\","
                        + "\"actor\":\"admin:staff-id\",\"channel\":\"BACK_OFFICE\","
                        + "\"reason\":\"CUSTOMER_MANUALLY_REVOKED\",\"additionalInformation\":\"Pedido na agência\",\"sequence\":2,\"seal\":\"seal-2\"}],"
                        + "\"webhookDeliveries\":["
                        + "{\"eventId\":\"evt-1\",\"type\":\"consent_requested\",\"state\":\"DELIVERED\",\"attempts\":1,"
                        + "\"createdAt\":\"2026-04-01T10:00:00.123Z\",\"lastAttemptAt\":\"2026-04-01T10:00:01.123Z\","
                        + "\"lastStatus\":200,\"deliveredAt\":\"2026-04-01T10:00:01.123Z\"},"
                        + "{\"eventId\":\"evt-2\",\"type\":\"consent_revoked\",\"state\":\"PENDING\",\"attempts\":0,"
                        + "\"createdAt\":\"2026-04-01T10:01:00.123Z\",\"nextAttemptAt\":\"2026-04-01T10:01:01.123Z\"}]}",
                json(ConsentDetailRepresentation.of(full(), "demo-partner", "maria", HISTORY, DELIVERIES, NOW)));
    }

    @Test
    void aConsentThatHasNotEndedHasNoRejectionMemberAndEmptyListsStayLists() {
        Map<String, Object> detail = read(ConsentDetailRepresentation.of(bare(), "demo-partner", null, List.of(),
                List.of(), NOW));

        assertFalse(detail.containsKey("rejection"));
        assertFalse(detail.containsKey("username"), "no user yet");
        assertFalse(detail.containsKey("sessionMetadata"));
        assertFalse(detail.containsKey("expirationDateTime"));
        assertEquals(List.of(), detail.get("resources"));
        assertEquals(List.of(), detail.get("history"));
        assertEquals(List.of(), detail.get("webhookDeliveries"));
    }

    @Test
    void whatTheIntegrationTestsReadIsWhereTheyLookForIt() {
        Map<String, Object> detail = read(ConsentDetailRepresentation.of(full(), "demo-partner", "maria", HISTORY,
                DELIVERIES, NOW));

        assertEquals("52998224725", detail.get("loggedUserDocument"));
        assertEquals("11222333000181", detail.get("businessEntityDocument"));
        assertEquals("demo-partner", detail.get("clientId"));
        assertEquals("maria", detail.get("username"));
        assertEquals("Conta •••• 1234", ((Map<?, ?>) ((List<?>) detail.get("resources")).get(0)).get("label"));
        assertEquals(3, ((List<?>) detail.get("history")).size());
        Map<?, ?> last = (Map<?, ?>) ((List<?>) detail.get("history")).get(2);
        assertEquals("admin:staff-id", last.get("actor"));
        assertEquals("BACK_OFFICE", last.get("channel"));
        assertEquals("DELIVERED", ((Map<?, ?>) ((List<?>) detail.get("webhookDeliveries")).get(0)).get("state"));
    }

    @Test
    void storedJsonIsShownAsJsonAndAnythingElseAsTheTextItIs() {
        assertEquals(Map.of("user_session", "s-42"), ConsentDetailRepresentation.json("{\"user_session\":\"s-42\"}"));
        assertEquals(List.of(1, 2), ConsentDetailRepresentation.json("[1,2]"));
        assertEquals("not json", ConsentDetailRepresentation.json("not json"));
        assertEquals("{\"open\":", ConsentDetailRepresentation.json("{\"open\":"));
        assertNull(ConsentDetailRepresentation.json(null));
    }

    @Test
    void countsAreOneRowPerTypeAndStatusWithTheirSum() {
        ConsentCountsRepresentation counts = ConsentCountsRepresentation.of(List.of(
                new ConsentCount(ConsentType.DATA_SHARING, ConsentStatus.AUTHORISED, 3),
                new ConsentCount(ConsentType.PAYMENT, ConsentStatus.AWAITING_AUTHORISATION, 4)));

        assertEquals("{\"total\":7,\"counts\":[{\"type\":\"DATA_SHARING\",\"status\":\"AUTHORISED\",\"count\":3},"
                + "{\"type\":\"PAYMENT\",\"status\":\"AWAITING_AUTHORISATION\",\"count\":4}]}", json(counts));
        assertEquals("{\"total\":0,\"counts\":[]}", json(ConsentCountsRepresentation.of(List.of())));
    }

    @Test
    void aPageCarriesItsSummariesAndTotalsWhosePagesRoundUp() {
        ConsentPageRepresentation page = new ConsentPageRepresentation(
                List.of(ConsentSummaryRepresentation.of(bare(), "demo-partner", NOW)),
                PageMetaRepresentation.of(5, true, 3, 2));

        Map<String, Object> body = read(page);
        assertEquals(List.of("data", "meta"), List.copyOf(body.keySet()));
        assertEquals("urn:consent-demo:1", ((Map<?, ?>) ((List<?>) body.get("data")).get(0)).get("consentId"));
        assertEquals("{\"totalRecords\":5,\"totalRecordsExact\":true,\"totalPages\":3,\"page\":3,\"pageSize\":2}",
                json(page.meta()));
    }

    @Test
    void aLowerBoundTotalSaysSoAndItsPagesAreALowerBoundToo() {
        assertEquals("{\"totalRecords\":1001,\"totalRecordsExact\":false,\"totalPages\":41,\"page\":1,\"pageSize\":25}",
                json(PageMetaRepresentation.of(1001, false, 1, 25)));
        assertEquals(40, PageMetaRepresentation.of(1000, true, 1, 25).totalPages());
        assertEquals(1, PageMetaRepresentation.of(1, true, 1, 200).totalPages());
    }

    @Test
    void nothingToMatchIsAnEmptyExactPageWithNoPages() {
        assertEquals("{\"data\":[],\"meta\":{\"totalRecords\":0,\"totalRecordsExact\":true,\"totalPages\":0,"
                + "\"page\":4,\"pageSize\":10}}", json(ConsentPageRepresentation.empty(4, 10)));
    }

    @Test
    void errorsUseTheOAuthMemberNames() {
        assertEquals("{\"error\":\"invalid_request\",\"error_description\":\"page must be between 1 and 1000000\"}",
                json(new ErrorRepresentation(ErrorRepresentation.INVALID_REQUEST, "page must be between 1 and 1000000")));
        assertEquals("{\"error\":\"not_found\",\"error_description\":\"no such consent\"}",
                json(new ErrorRepresentation(ErrorRepresentation.NOT_FOUND, "no such consent")));
        assertEquals("invalid_status", ErrorRepresentation.INVALID_STATUS);
        assertEquals("concurrent_update", ErrorRepresentation.CONCURRENT_UPDATE);
    }

    @Test
    void aRedeliveryAnswersWithTheSameEventIdNowPending() {
        assertEquals("{\"eventId\":\"evt-1\",\"state\":\"PENDING\"}", json(RedeliveryRepresentation.pending("evt-1")));
    }

    @Test
    void absentValuesAreLeftOutWhicheverMapperWritesThem() throws Exception {
        // A plain mapper writes nulls by default; the classes' own annotations keep the shape the same.
        ObjectMapper plain = new ObjectMapper();
        assertEquals(json(ConsentDetailRepresentation.of(bare(), null, null, HISTORY, DELIVERIES, NOW)),
                plain.writeValueAsString(ConsentDetailRepresentation.of(bare(), null, null, HISTORY, DELIVERIES, NOW)));
    }
}
