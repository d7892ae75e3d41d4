package io.github.kcconsent.fakes;

import java.time.Instant;
import java.util.List;

import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.ConsentedResource;

/** Payment consents as the store returns them, with stored details in the shared contract's shape. */
public final class PaymentConsents {

    /** Noon in Brasília on 2026-03-01: the consents' creation, so "today" of their date rules. */
    public static final Instant CREATED = Instant.parse("2026-03-01T15:00:00Z");

    /** An immediate DICT payment of R$ 1.234,56 on 2026-03-01, debtor account chosen. */
    public static final String IMMEDIATE = """
            {"loggedUser":{"document":{"identification":"52998224725","rel":"CPF"}},
             "creditor":{"personType":"PESSOA_JURIDICA","cpfCnpj":"58764789000137","name":"Padaria São João Ltda."},
             "payment":{"type":"PIX","date":"2026-03-01","currency":"BRL","amount":"1234.56","ibgeTownCode":"5300108",
               "details":{"localInstrument":"DICT","proxy":"12345678901",
                 "creditorAccount":{"ispb":"12345678","issuer":"1774","number":"1234567890","accountType":"CACC"}}},
             "debtorAccount":{"ispb":"87654321","issuer":"0001","number":"9876543210","accountType":"SVGS"}}
            """;

    /** Three daily MANU payments of R$ 10,00 from 2026-03-02, without a debtor account. */
    public static final String DAILY = """
            {"loggedUser":{"document":{"identification":"52998224725","rel":"CPF"}},
             "creditor":{"personType":"PESSOA_NATURAL","cpfCnpj":"11144477735","name":"Maria <b>Souza</b>"},
             "payment":{"type":"PIX","schedule":{"daily":{"startDate":"2026-03-02","quantity":3}},"currency":"BRL",
               "amount":"10.00",
               "details":{"localInstrument":"MANU",
                 "creditorAccount":{"ispb":"12345678","number":"55","accountType":"TRAN"}}}}
            """;

    private PaymentConsents() {
    }

    public static Consent payment(ConsentStatus status, String details, Instant expiresAt) {
        return consent(ConsentType.PAYMENT, status, details, expiresAt);
    }

    public static Consent consent(ConsentType type, ConsentStatus status, String details, Instant expiresAt) {
        return new Consent("urn:consent-demo:pay-1", "realm", "client-internal-id", "maria-id", type,
                ConsentOrigin.OPEN_FINANCE_API, status, List.of("PAYMENTS_INITIATE"), List.<ConsentedResource>of(),
                CREATED, CREATED.plusSeconds(60), expiresAt, CREATED.plusSeconds(300), "52998224725", null, null,
                details, null, 2, null);
    }
}
