package io.github.kcconsent.openbanking.payments;

import io.github.kcconsent.consent.RejectionReason;

/** The {@code rejectionReason.detail} we give for each payment-consent rejection code, in our own words. */
final class RejectionDetails {

    static final int MAX_LENGTH = 2048;

    private RejectionDetails() {
    }

    /** The detail for a payment code; the bank's own additional information, when recorded, instead. */
    static String of(RejectionReason reason, String additionalInformation) {
        if (additionalInformation != null && !additionalInformation.isBlank()) {
            return additionalInformation.length() > MAX_LENGTH ? additionalInformation.substring(0, MAX_LENGTH)
                    : additionalInformation;
        }
        return switch (reason) {
            case TEMPO_EXPIRADO_AUTORIZACAO -> "O cliente não confirmou o consentimento dentro do prazo.";
            case TEMPO_EXPIRADO_CONSUMO -> "O consentimento autorizado não foi usado dentro do prazo.";
            case REJEITADO_USUARIO -> "O cliente não autorizou o consentimento.";
            case VALOR_INVALIDO -> "O valor não é válido para este pagamento.";
            case FALHA_INFRAESTRUTURA -> "Uma falha de infraestrutura impediu o processamento.";
            case CONTAS_ORIGEM_DESTINO_IGUAIS -> "A conta de origem é igual à conta de destino.";
            case CONTA_NAO_PERMITE_PAGAMENTO -> "A conta escolhida não permite este pagamento.";
            case SALDO_INSUFICIENTE -> "A conta escolhida não tem saldo suficiente.";
            case VALOR_ACIMA_LIMITE -> "O valor ultrapassa o limite permitido ao cliente.";
            case QRCODE_INVALIDO -> "O QR Code do pagamento não é válido.";
            default -> "Motivo não informado pela instituição detentora de conta.";
        };
    }
}
