package io.github.kcconsent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsentQueryTest {

    private static ConsentQuery page(int first, int max, int countLimit) {
        return new ConsentQuery(null, null, "client", null, null, null, null, null, null, null, first, max, countLimit);
    }

    @Test
    void aCappedCountStopsAtTheCapOrAtTheEndOfTheRequestedPageIfLater() {
        assertEquals(1000, page(0, 25, 1000).countCeiling());
        assertEquals(1000, page(975, 25, 1000).countCeiling());
        assertEquals(1025, page(1000, 25, 1000).countCeiling());
        assertEquals(199_999_800L + 200, page(199_999_800, 200, 1000).countCeiling());
    }

    @Test
    void withoutACountLimitTheTotalIsExact() {
        ConsentQuery q = new ConsentQuery(null, null, "client", null, null, null, null, null, null, null, 0, 25);
        assertEquals(ConsentQuery.EXACT_TOTAL, q.countLimit());
    }

    @Test
    void negativeOffsetsSizesOrLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> page(-1, 25, 1000));
        assertThrows(IllegalArgumentException.class, () -> page(0, 0, 1000));
        assertThrows(IllegalArgumentException.class, () -> page(0, 25, -1));
    }

    @Test
    void aPageDefaultsToAnExactTotal() {
        assertEquals(true, new ConsentPage(3, List.of()).totalExact());
    }
}
