package io.github.kcconsent.backoffice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.RejectedBy;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;
import org.junit.jupiter.api.Test;

class RevocationRequestTest {

    private static Rejection authorisedDataSharing(String body) {
        return RevocationRequest.rejection(body, ConsentType.DATA_SHARING, ConsentStatus.AUTHORISED);
    }

    private static String refused(String body) {
        return assertThrows(BadParameterException.class, () -> authorisedDataSharing(body), body).getMessage();
    }

    @Test
    void withoutAReasonItIsTheCustomersOwnDecisionWithTheCodeThatFitsTheConsent() {
        for (String body : Arrays.asList(null, "", "  ", "{}", "{\"reason\":null}")) {
            assertEquals(new Rejection(RejectedBy.USER, RejectionReason.CUSTOMER_MANUALLY_REVOKED),
                    authorisedDataSharing(body), String.valueOf(body));
        }
        assertEquals(new Rejection(RejectedBy.USER, RejectionReason.CUSTOMER_MANUALLY_REJECTED),
                RevocationRequest.rejection("{}", ConsentType.DATA_SHARING, ConsentStatus.AWAITING_AUTHORISATION));
        assertEquals(new Rejection(RejectedBy.USER, RejectionReason.REJEITADO_USUARIO),
                RevocationRequest.rejection("", ConsentType.PAYMENT, ConsentStatus.AWAITING_AUTHORISATION));
    }

    @Test
    void theCustomersOwnCodesAreRecordedAsTheUsersAndEveryOtherAsTheBanks() {
        for (RejectionReason reason : List.of(RejectionReason.CUSTOMER_MANUALLY_REJECTED,
                RejectionReason.CUSTOMER_MANUALLY_REVOKED, RejectionReason.REJEITADO_USUARIO)) {
            assertEquals(RejectedBy.USER, authorisedDataSharing("{\"reason\":\"" + reason + "\"}").rejectedBy());
        }
        for (RejectionReason reason : List.of(RejectionReason.INTERNAL_SECURITY_REASON,
                RejectionReason.CONSENT_TECHNICAL_ISSUE, RejectionReason.CONSENT_EXPIRED,
                RejectionReason.SALDO_INSUFICIENTE)) {
            Rejection rejection = authorisedDataSharing("{\"reason\":\"" + reason + "\"}");
            assertEquals(RejectedBy.ASPSP, rejection.rejectedBy(), reason.name());
            assertEquals(reason, rejection.reason());
        }
    }

    @Test
    void whetherAKnownCodeFitsTheConsentIsLeftToTheStateMachine() {
        // A payment code on an authorised data-sharing consent is well-formed here; the store refuses it (409).
        assertEquals(RejectionReason.REJEITADO_USUARIO,
                authorisedDataSharing("{\"reason\":\"REJEITADO_USUARIO\"}").reason());
    }

    @Test
    void aReasonMustBeAKnownCodeWrittenExactlyAsDefined() {
        for (String reason : List.of("\"BECAUSE\"", "\"customer_manually_revoked\"", "\"CUSTOMER_MANUALLY_REVOKED \"",
                "\"\"", "5", "true", "[\"CUSTOMER_MANUALLY_REVOKED\"]")) {
            assertEquals("unknown reason", refused("{\"reason\":" + reason + "}"), reason);
        }
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsRefused() {
        for (String body : List.of("not json", "[1]", "\"CUSTOMER_MANUALLY_REVOKED\"", "1", "null", "{\"reason\":")) {
            assertEquals("the body must be a JSON object", refused(body), body);
        }
    }

    @Test
    void additionalInformationIsAShortStringWithoutSurroundingWhiteSpace() {
        assertEquals("Pedido pelo cliente na agência",
                authorisedDataSharing("{\"additionalInformation\":\"Pedido pelo cliente na agência\"}")
                        .additionalInformation());
        assertEquals("x".repeat(140),
                authorisedDataSharing("{\"additionalInformation\":\"" + "x".repeat(140) + "\"}").additionalInformation());
        assertNull(authorisedDataSharing("{\"additionalInformation\":\"   \"}").additionalInformation(),
                "blank is no note");
        assertNull(authorisedDataSharing("{\"additionalInformation\":null}").additionalInformation());

        assertEquals("additionalInformation must be a string", refused("{\"additionalInformation\":42}"));
        assertEquals("additionalInformation must be a string", refused("{\"additionalInformation\":{\"a\":1}}"));
        String tooLong = "additionalInformation must be at most 140 characters without leading or trailing white space";
        assertEquals(tooLong, refused("{\"additionalInformation\":\"" + "x".repeat(141) + "\"}"));
        assertEquals(tooLong, refused("{\"additionalInformation\":\" na agência\"}"));
    }

    @Test
    void aNoteThatIsNotAStringIsNamedBeforeAnUnknownReason() {
        assertEquals("additionalInformation must be a string",
                refused("{\"reason\":\"BECAUSE\",\"additionalInformation\":1}"));
    }
}
