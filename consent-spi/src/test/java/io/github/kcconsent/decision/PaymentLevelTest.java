package io.github.kcconsent.decision;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PaymentLevelTest {

    private static final Map<String, Integer> OFB = Map.of("urn:brasil:openbanking:loa2", 1, PaymentLevel.LOA3, 2);

    @Test
    void whereTheRealmDefinesLoa3APaymentNeedsIt() {
        assertTrue(PaymentLevel.tooLow(OFB, 1), "LoA2 is not enough");
        assertTrue(PaymentLevel.tooLow(OFB, -1), "no recorded level is not enough");
        assertFalse(PaymentLevel.tooLow(OFB, 2));
        assertFalse(PaymentLevel.tooLow(OFB, 3), "above LoA3 is enough");
    }

    @Test
    void aRealmWithoutLoa3HasNoLevelToRequire() {
        assertFalse(PaymentLevel.tooLow(Map.of(), -1));
        assertFalse(PaymentLevel.tooLow(null, -1));
        assertFalse(PaymentLevel.tooLow(Map.of("urn:brasil:openbanking:loa2", 1), 1));
    }
}
