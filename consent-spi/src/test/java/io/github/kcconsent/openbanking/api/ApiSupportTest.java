package io.github.kcconsent.openbanking.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ApiSupportTest {

    @Test
    void datesAreWholeSecondsInUtc() {
        assertEquals("2026-03-01T12:00:00Z", ApiDates.format(Instant.parse("2026-03-01T12:00:00.987Z")));
        assertEquals(Instant.parse("2026-03-01T12:00:00Z"), ApiDates.parse("2026-03-01T12:00:00Z"));
        assertEquals(Instant.parse("2026-03-01T02:03:04Z"), ApiDates.parse("2026-3-1T02:03:04Z"));
        assertNull(ApiDates.parse("2026-03-01T12:00:00.000Z"));
        assertNull(ApiDates.parse("2026-03-01 12:00:00Z"));
        assertNull(ApiDates.parse("2026-03-01T24:00:00Z"));
        assertNull(ApiDates.parse("2026-02-29T00:00:00Z"));
        assertEquals(Instant.parse("2028-02-29T00:00:00Z"), ApiDates.parse("2028-02-29T00:00:00Z"));
    }

    @Test
    void aValidInteractionIdIsEchoedAnythingElseReplaced() {
        String id = "d78fc4e5-37ca-4da3-adf2-9b082bf92280";
        assertEquals(new InteractionId(id, true), InteractionId.of(List.of(id)));
        for (List<String> bad : List.of(List.<String>of(), List.of("abc"), List.of(id + " "), List.of(id, id))) {
            InteractionId generated = InteractionId.of(bad);
            assertFalse(generated.valid());
            assertNotEquals(id, generated.value());
            assertTrue(InteractionId.of(List.of(generated.value())).valid(), "the generated id is itself valid");
        }
        assertFalse(InteractionId.of(null).valid());
    }

    @Test
    void pagingDefaultsClampsAndRefuses() {
        assertEquals(new Paging(1, 25), Paging.parse(null, null));
        assertEquals(new Paging(3, 25), Paging.parse("3", "10"), "below 25 counts as 25");
        assertEquals(new Paging(1, 1000), Paging.parse("1", "1000"));
        for (String[] bad : new String[][] {{"0", "25"}, {"-1", "25"}, {"x", "25"}, {"1", "1001"}, {"1", "2.5"},
                {"99999999999", "25"}}) {
            assertEquals(400, assertThrows(ApiError.class, () -> Paging.parse(bad[0], bad[1])).status());
        }
    }

    @Test
    void pagingLinksFollowTheSpec() {
        Paging middle = new Paging(2, 25);
        Map<String, Object> links = middle.links(60, (p, s) -> "p" + p);
        assertEquals(Map.of("self", "p2", "first", "p1", "prev", "p1", "next", "p3", "last", "p3"), links);
        assertEquals(Map.of("self", "p1"), new Paging(1, 25).links(0, (p, s) -> "p" + p));
        assertEquals(Map.of("self", "p1", "next", "p2", "last", "p2"), new Paging(1, 25).links(26, (p, s) -> "p" + p));
        assertEquals(Map.of("self", "p9", "first", "p1", "prev", "p2"), new Paging(9, 25).links(30, (p, s) -> "p" + p),
                "past the end: prev points at the last page");
        assertEquals(1, new Paging(1, 25).totalPages(0));
        assertEquals(2, new Paging(1, 25).totalPages(26));
    }
}
