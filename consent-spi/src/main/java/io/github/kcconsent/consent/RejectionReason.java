package io.github.kcconsent.consent;

import java.util.EnumSet;
import java.util.Set;

/**
 * Rejection reason codes. The first six are the Consents API v3 codes; the rest are the Payments v4 consent
 * codes. Each code says from which statuses it may end a consent, so the state machine can refuse e.g. a
 * "revoked" reason on a consent that was never authorised.
 */
public enum RejectionReason {
    CONSENT_EXPIRED(ConsentStatus.AWAITING_AUTHORISATION),
    CUSTOMER_MANUALLY_REJECTED(ConsentStatus.AWAITING_AUTHORISATION),
    CUSTOMER_MANUALLY_REVOKED(ConsentStatus.AUTHORISED),
    CONSENT_MAX_DATE_REACHED(ConsentStatus.AUTHORISED),
    CONSENT_TECHNICAL_ISSUE(ConsentStatus.AWAITING_AUTHORISATION, ConsentStatus.AUTHORISED),
    INTERNAL_SECURITY_REASON(ConsentStatus.AWAITING_AUTHORISATION, ConsentStatus.AUTHORISED),

    TEMPO_EXPIRADO_AUTORIZACAO(ConsentStatus.AWAITING_AUTHORISATION),
    TEMPO_EXPIRADO_CONSUMO(ConsentStatus.AUTHORISED),
    REJEITADO_USUARIO(ConsentStatus.AWAITING_AUTHORISATION, ConsentStatus.AUTHORISED),
    VALOR_INVALIDO(ConsentStatus.AWAITING_AUTHORISATION, ConsentStatus.AUTHORISED),
    NAO_INFORMADO(ConsentStatus.AWAITING_AUTHORISATION, ConsentStatus.AUTHORISED),
    FALHA_INFRAESTRUTURA(ConsentStatus.AWAITING_AUTHORISATION, ConsentStatus.AUTHORISED),
    CONTAS_ORIGEM_DESTINO_IGUAIS(ConsentStatus.AWAITING_AUTHORISATION),
    CONTA_NAO_PERMITE_PAGAMENTO(ConsentStatus.AWAITING_AUTHORISATION),
    SALDO_INSUFICIENTE(ConsentStatus.AWAITING_AUTHORISATION),
    VALOR_ACIMA_LIMITE(ConsentStatus.AWAITING_AUTHORISATION),
    QRCODE_INVALIDO(ConsentStatus.AWAITING_AUTHORISATION);

    private static final Set<RejectionReason> PAYMENT_CODES = EnumSet.range(TEMPO_EXPIRADO_AUTORIZACAO, QRCODE_INVALIDO);

    private final Set<ConsentStatus> endsFrom;

    RejectionReason(ConsentStatus first, ConsentStatus... rest) {
        this.endsFrom = EnumSet.of(first, rest);
    }

    public boolean mayEnd(ConsentStatus from) {
        return endsFrom.contains(from);
    }

    public boolean appliesTo(ConsentType type) {
        return (type == ConsentType.PAYMENT) == PAYMENT_CODES.contains(this);
    }

    /** The reason the expiry sweeper records for a consent of this type leaving this status by time. */
    public static RejectionReason expiryOf(ConsentType type, ConsentStatus from) {
        boolean awaiting = from == ConsentStatus.AWAITING_AUTHORISATION;
        if (type == ConsentType.PAYMENT) {
            return awaiting ? TEMPO_EXPIRADO_AUTORIZACAO : TEMPO_EXPIRADO_CONSUMO;
        }
        return awaiting ? CONSENT_EXPIRED : CONSENT_MAX_DATE_REACHED;
    }

    /** The reason for a customer saying no (in the journey) or taking it back (after authorising). */
    public static RejectionReason customerDecline(ConsentType type, ConsentStatus from) {
        if (type == ConsentType.PAYMENT) {
            return REJEITADO_USUARIO;
        }
        return from == ConsentStatus.AUTHORISED ? CUSTOMER_MANUALLY_REVOKED : CUSTOMER_MANUALLY_REJECTED;
    }
}
