package io.github.kcconsent.backoffice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.store.ConsentQuery;
import org.junit.jupiter.api.Test;

class ConsentSearchParametersTest {

    /** A query string as JAX-RS hands it over: name, value, name, value…; a repeated name adds a value. */
    private static Map<String, List<String>> query(String... namesAndValues) {
        Map<String, List<String>> out = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.merge(namesAndValues[i], List.of(namesAndValues[i + 1]),
                    (a, b) -> Stream.concat(a.stream(), b.stream()).toList());
        }
        return out;
    }

    private static ConsentSearchParameters parse(String... namesAndValues) {
        return ConsentSearchParameters.parse(query(namesAndValues));
    }

    private static String refused(String... namesAndValues) {
        return assertThrows(BadParameterException.class, () -> parse(namesAndValues),
                String.join("=", namesAndValues)).getMessage();
    }

    @Test
    void anEmptyQueryFiltersNothingAndAsksForTheFirstPageOf25NewestFirstWithACappedTotal() {
        ConsentSearchParameters p = parse();

        assertNull(p.cpf());
        assertNull(p.cnpj());
        assertNull(p.client());
        assertNull(p.user());
        assertEquals(Set.of(), p.types());
        assertEquals(Set.of(), p.statuses());
        assertNull(p.createdFrom());
        assertNull(p.createdTo());
        assertNull(p.expiresBefore());
        assertEquals(ConsentQuery.Order.CREATED_DESC, p.order());
        assertEquals(1, p.page());
        assertEquals(25, p.pageSize());
        assertFalse(p.exactTotal());

        ConsentQuery q = p.toQuery(null, null);
        assertEquals(0, q.first());
        assertEquals(25, q.max());
        assertEquals(ConsentSearchParameters.COUNT_LIMIT, q.countLimit());
        assertNull(q.clientId());
        assertNull(q.userId());
    }

    @Test
    void blankValuesMeanNoFilterAndTheDefaults() {
        ConsentSearchParameters p = parse("cpf", " ", "cnpj", "", "client", "  ", "user", "", "type", "", "status", ",",
                "created-from", " ", "created-to", "", "expires-before", "", "order", " ", "page", "", "page-size", " ",
                "exact-total", "");

        assertEquals(parse(), p);
    }

    @Test
    void parametersTheSearchDoesNotKnowAreIgnored() {
        assertEquals(parse(), parse("foo", "bar", "pageSize", "x", "first", "-1", "q", "529.982.247-25"));
    }

    @Test
    void documentsAreMatchedWithOrWithoutTheirPunctuation() {
        assertEquals("52998224725", parse("cpf", "529.982.247-25").cpf());
        assertEquals("52998224725", parse("cpf", " 52998224725 ").cpf());
        assertEquals("11222333000181", parse("cnpj", "11.222.333/0001-81").cnpj());
        assertEquals("12ABC34501DE35", parse("cnpj", "12.abc.345/01de-35").cnpj(), "the alphanumeric CNPJ, upper-cased");
        assertEquals("11111111111", parse("cpf", "111.111.111-11").cpf(), "check digits are the store's business, not ours");
    }

    @Test
    void malformedDocumentsAreRefusedWithoutRepeatingTheValue() {
        for (String cpf : List.of("123", "529.982.247-2X", "529982247250", "5299822472a")) {
            String message = refused("cpf", cpf);
            assertEquals("cpf is not a well-formed CPF", message);
            assertFalse(message.contains(cpf));
        }
        for (String cnpj : List.of("abc", "11.222.333/0001-8", "11222333000181!")) {
            assertEquals("cnpj is not a well-formed CNPJ", refused("cnpj", cnpj));
        }
        assertEquals("cpf is not a well-formed CPF", refused("cpf", "11222333000181"), "a CNPJ is not a CPF");
    }

    @Test
    void typesAndStatusesAreCommaSeparatedOrRepeatedInAnyCase() {
        assertEquals(Set.of(ConsentType.PAYMENT, ConsentType.DATA_SHARING),
                parse("type", "PAYMENT,data_sharing").types());
        assertEquals(Set.of(ConsentType.PAYMENT), parse("type", " payment , ").types());
        assertEquals(Set.of(ConsentStatus.AUTHORISED, ConsentStatus.AWAITING_AUTHORISATION),
                parse("status", "AUTHORISED", "status", "awaiting_authorisation").statuses());
        assertEquals(Set.of(ConsentStatus.REJECTED, ConsentStatus.CONSUMED, ConsentStatus.AUTHORISED),
                parse("status", "rejected,Consumed", "status", "AUTHORISED,AUTHORISED").statuses());
    }

    @Test
    void unknownTypeOrStatusNamesAreRefusedNamingTheKnownOnes() {
        assertEquals("type must be one of [DATA_SHARING, PAYMENT]", refused("type", "FOO"));
        assertEquals("type must be one of [DATA_SHARING, PAYMENT]", refused("type", "PAYMENT,FOO"));
        assertEquals("status must be one of [AWAITING_AUTHORISATION, AUTHORISED, REJECTED, CONSUMED]",
                refused("status", "bar"));
        assertEquals("status must be one of [AWAITING_AUTHORISATION, AUTHORISED, REJECTED, CONSUMED]",
                refused("status", "AUTHORISED", "status", "REVOKED"), "one bad value among repeated ones");
        refused("type", "DATA SHARING");
    }

    @Test
    void datesAreIsoInstants() {
        ConsentSearchParameters p = parse("created-from", "2026-01-31T12:00:00Z", "created-to",
                " 2026-02-01T00:00:00.250Z ", "expires-before", "2027-01-01T00:00:00Z");

        assertEquals(Instant.parse("2026-01-31T12:00:00Z"), p.createdFrom());
        assertEquals(Instant.parse("2026-02-01T00:00:00.250Z"), p.createdTo());
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), p.expiresBefore());
    }

    @Test
    void anythingButAnIsoInstantIsARefusedDate() {
        for (String name : List.of("created-from", "created-to", "expires-before")) {
            for (String bad : List.of("yesterday", "2026-13-01", "2026-01-31", "2026-01-31T12:00:00", "1769860800",
                    "2026-01-31 12:00:00Z", "2026-02-30T00:00:00Z")) {
                assertEquals(name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z", refused(name, bad),
                        name + "=" + bad);
            }
        }
    }

    @Test
    void pageAndPageSizeAreWholeNumbersWithinTheirBounds() {
        assertEquals(1_000_000, parse("page", "1000000").page());
        assertEquals(200, parse("page-size", "200").pageSize());
        assertEquals(1, parse("page-size", " 1 ").pageSize());

        assertEquals("page must be between 1 and 1000000", refused("page", "0"));
        assertEquals("page must be between 1 and 1000000", refused("page", "-1"));
        assertEquals("page must be between 1 and 1000000", refused("page", "1000001"));
        assertEquals("page must be a whole number between 1 and 1000000", refused("page", "abc"));
        assertEquals("page must be a whole number between 1 and 1000000", refused("page", "1.5"));
        assertEquals("page must be a whole number between 1 and 1000000", refused("page", "99999999999"));
        assertEquals("page-size must be between 1 and 200", refused("page-size", "0"));
        assertEquals("page-size must be between 1 and 200", refused("page-size", "-5"));
        assertEquals("page-size must be between 1 and 200", refused("page-size", "201"));
        assertEquals("page-size must be a whole number between 1 and 200", refused("page-size", "ten"));
    }

    @Test
    void exactTotalIsTrueOrFalseInAnyCaseAndNothingElse() {
        assertTrue(parse("exact-total", "true").exactTotal());
        assertTrue(parse("exact-total", " TRUE ").exactTotal());
        assertFalse(parse("exact-total", "False").exactTotal());
        for (String bad : List.of("yes", "1", "TRUEE", "on")) {
            assertEquals("exact-total must be true or false", refused("exact-total", bad));
        }
    }

    @Test
    void onlyTheFourDocumentedOrdersAreAccepted() {
        assertEquals(ConsentQuery.Order.CREATED_DESC, parse("order", "-createdAt").order());
        assertEquals(ConsentQuery.Order.CREATED_ASC, parse("order", " createdAt ").order());
        assertEquals(ConsentQuery.Order.STATUS_UPDATED_DESC, parse("order", "-statusUpdatedAt").order());
        assertEquals(ConsentQuery.Order.EXPIRES_ASC, parse("order", "expiresAt").order());
        for (String bad : List.of("random", "createdat", "+createdAt", "-expiresAt")) {
            assertEquals("order must be one of -createdAt, createdAt, -statusUpdatedAt, expiresAt", refused("order", bad));
        }
    }

    @Test
    void withSeveralBadParametersTheSameOneIsAlwaysNamedFirst() {
        assertEquals("exact-total must be true or false",
                refused("order", "x", "cpf", "1", "page", "0", "exact-total", "maybe"));
        assertEquals("page must be between 1 and 1000000", refused("order", "x", "cpf", "1", "page", "0"));
        assertEquals("cpf is not a well-formed CPF", refused("order", "x", "type", "X", "cpf", "1"));
        assertEquals("type must be one of [DATA_SHARING, PAYMENT]", refused("order", "x", "created-from", "x", "type", "X"));
        assertEquals("created-from must be an ISO-8601 instant such as 2026-01-31T12:00:00Z",
                refused("order", "x", "created-from", "x"));
    }

    @Test
    void singleValuedParametersTakeTheFirstValue() {
        ConsentSearchParameters p = parse("page", "2", "page", "not a number", "client", "demo-partner", "client", "other");

        assertEquals(2, p.page());
        assertEquals("demo-partner", p.client());
    }

    @Test
    void clientAndUserAreKeptAsGivenForTheResourceToResolve() {
        ConsentSearchParameters p = parse("client", "demo-partner", "user", "maria");

        assertEquals("demo-partner", p.client());
        assertEquals("maria", p.user());
        ConsentQuery q = p.toQuery("internal-client-id", "user-id");
        assertEquals("internal-client-id", q.clientId());
        assertEquals("user-id", q.userId());
    }

    @Test
    void theQueryCarriesEveryFilterAndStartsAtThePagesOffset() {
        ConsentQuery q = parse("cpf", "529.982.247-25", "cnpj", "11222333000181", "type", "PAYMENT", "status",
                "AUTHORISED", "created-from", "2026-01-01T00:00:00Z", "created-to", "2026-02-01T00:00:00Z",
                "expires-before", "2027-01-01T00:00:00Z", "order", "expiresAt", "page", "3", "page-size", "10")
                .toQuery(null, null);

        assertEquals(new ConsentQuery("52998224725", "11222333000181", null, null, Set.of(ConsentType.PAYMENT),
                Set.of(ConsentStatus.AUTHORISED), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"),
                ConsentQuery.Order.EXPIRES_ASC, 20, 10, ConsentSearchParameters.COUNT_LIMIT), q);
    }

    @Test
    void theLastPageThereCanBeStillHasAnOffsetThatFits() {
        ConsentQuery q = parse("page", "1000000", "page-size", "200").toQuery(null, null);

        assertEquals(199_999_800, q.first());
        assertEquals(200, q.max());
    }

    @Test
    void anExactTotalAsksTheStoreToCountEveryMatch() {
        assertEquals(ConsentQuery.EXACT_TOTAL, parse("exact-total", "true").toQuery(null, null).countLimit());
        assertEquals(ConsentSearchParameters.COUNT_LIMIT, parse("exact-total", "false").toQuery(null, null).countLimit());
    }
}
