package io.github.kcconsent.openbanking.payments.validation;

/**
 * The codes of the {@code 422} body of {@code POST /consents} that validation can produce. The spec's other two,
 * {@code ERRO_IDEMPOTENCIA} and {@code NAO_INFORMADO}, belong to the idempotency layer and to refusals
 * that are not about the request's content, so they are not here.
 */
public enum PaymentErrorCode {

    /** A required field, or one the chosen local instrument or account type requires, is absent. */
    PARAMETRO_NAO_INFORMADO("Parâmetro obrigatório ausente"),
    /** A field of the wrong type, pattern, length or range, or repeated custom dates. */
    PARAMETRO_INVALIDO("Parâmetro mal formatado"),
    /** A payment type or local instrument we do not accept (for this kind of payment). */
    FORMA_PAGAMENTO_INVALIDA("Forma de pagamento não aceita"),
    /** A well-formed date outside what the spec allows for an immediate or scheduled payment. */
    DATA_PAGAMENTO_INVALIDA("Data de pagamento não aceita"),
    /** A well-formed value that breaks a business rule of the payment. */
    DETALHE_PAGAMENTO_INVALIDO("Detalhe do pagamento não aceito");

    private final String title;

    PaymentErrorCode(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
