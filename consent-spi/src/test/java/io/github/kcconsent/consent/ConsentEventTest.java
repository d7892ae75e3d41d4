package io.github.kcconsent.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConsentEventTest {

    @Test
    void aStatusChangeNamesItsEvent() {
        assertEquals(ConsentEvent.CREATED, ConsentEvent.of(null, ConsentStatus.AWAITING_AUTHORISATION, null));
        assertEquals(ConsentEvent.GRANTED, ConsentEvent.of(ConsentStatus.AWAITING_AUTHORISATION, ConsentStatus.AUTHORISED, null));
        assertEquals(ConsentEvent.CONSUMED, ConsentEvent.of(ConsentStatus.AUTHORISED, ConsentStatus.CONSUMED, null));
        assertEquals(ConsentEvent.REVOKED, ConsentEvent.of(ConsentStatus.AUTHORISED, ConsentStatus.REJECTED,
                new Rejection(RejectedBy.USER, RejectionReason.CUSTOMER_MANUALLY_REVOKED)));
        assertEquals(ConsentEvent.REJECTED, ConsentEvent.of(ConsentStatus.AWAITING_AUTHORISATION, ConsentStatus.REJECTED,
                new Rejection(RejectedBy.USER, RejectionReason.CUSTOMER_MANUALLY_REJECTED)));
    }

    @ParameterizedTest
    @EnumSource(value = RejectionReason.class,
            names = {"CONSENT_EXPIRED", "CONSENT_MAX_DATE_REACHED", "TEMPO_EXPIRADO_AUTORIZACAO", "TEMPO_EXPIRADO_CONSUMO"})
    void anEndForLackOfTimeIsAnExpiryWhateverTheStatusBefore(RejectionReason reason) {
        Rejection rejection = new Rejection(RejectedBy.ASPSP, reason);
        assertEquals(ConsentEvent.EXPIRED, ConsentEvent.of(ConsentStatus.AUTHORISED, ConsentStatus.REJECTED, rejection));
        assertEquals(ConsentEvent.EXPIRED, ConsentEvent.of(ConsentStatus.AWAITING_AUTHORISATION, ConsentStatus.REJECTED, rejection));
    }
}
