package io.github.kcconsent.openbanking;

import io.github.kcconsent.openbanking.consents.ConsentsApiResource;
import io.github.kcconsent.openbanking.payments.PaymentConsentsApiResource;
import jakarta.ws.rs.Path;
import org.keycloak.models.KeycloakSession;

/**
 * {@code /realms/{realm}/open-banking}: one sub-resource per Open Finance API and major version, under the
 * spec's own base paths. Each API shares the wire format in {@code openbanking/api} (errors, dates, envelopes,
 * headers, paging) and partner authentication in {@code openbanking/partner}.
 */
public class OpenBankingApis {

    private final KeycloakSession session;

    public OpenBankingApis(KeycloakSession session) {
        this.session = session;
    }

    /** Consents API v3 ({@code /open-banking/consents/v3/consents…}). */
    @Path("consents/v3")
    public ConsentsApiResource consentsV3() {
        return new ConsentsApiResource(session);
    }

    /** Payments API v4, its consents ({@code /open-banking/payments/v4/consents…}). */
    @Path("payments/v4")
    public PaymentConsentsApiResource paymentsV4() {
        return new PaymentConsentsApiResource(session);
    }
}
