package io.github.kcconsent.openbanking.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.RejectionReason;
import org.junit.jupiter.api.Test;

class RejectionDetailsTest {

    private static final List<RejectionReason> PAYMENT_CODES = Arrays.stream(RejectionReason.values())
            .filter(r -> r.appliesTo(ConsentType.PAYMENT)).toList();

    @Test
    void everyPaymentCodeHasADetailOfItsOwnWithinTheSpecsLength() {
        assertEquals(11, PAYMENT_CODES.size(), "the spec's EnumConsentRejectionReasonType has eleven codes");
        Set<String> seen = new HashSet<>();
        for (RejectionReason reason : PAYMENT_CODES) {
            String detail = RejectionDetails.of(reason, null);
            assertFalse(detail.isBlank(), reason.name());
            assertTrue(detail.length() <= RejectionDetails.MAX_LENGTH, reason.name());
            assertTrue(seen.add(detail), reason + " shares its detail with another code");
        }
    }

    @Test
    void theExpiriesSayWhichWindowRanOut() {
        assertTrue(RejectionDetails.of(RejectionReason.TEMPO_EXPIRADO_AUTORIZACAO, null).contains("confirmou"));
        assertTrue(RejectionDetails.of(RejectionReason.TEMPO_EXPIRADO_CONSUMO, null).contains("usado"));
    }

    @Test
    void theBanksAdditionalInformationReplacesTheDefaultDetail() {
        assertEquals("Conta bloqueada pelo banco.",
                RejectionDetails.of(RejectionReason.CONTA_NAO_PERMITE_PAGAMENTO, "Conta bloqueada pelo banco."));
    }

    @Test
    void blankAdditionalInformationIsNoInformation() {
        for (String blank : new String[] {"", "   ", "\t"}) {
            assertEquals(RejectionDetails.of(RejectionReason.REJEITADO_USUARIO, null),
                    RejectionDetails.of(RejectionReason.REJEITADO_USUARIO, blank));
        }
    }

    @Test
    void additionalInformationLongerThanTheSpecAllowsIsCutToIt() {
        String longText = "x".repeat(RejectionDetails.MAX_LENGTH + 10);
        assertEquals("x".repeat(RejectionDetails.MAX_LENGTH), RejectionDetails.of(RejectionReason.NAO_INFORMADO, longText));
        String exact = "y".repeat(RejectionDetails.MAX_LENGTH);
        assertEquals(exact, RejectionDetails.of(RejectionReason.NAO_INFORMADO, exact));
    }
}
