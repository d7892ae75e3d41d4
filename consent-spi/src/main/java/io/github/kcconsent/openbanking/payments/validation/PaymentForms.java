package io.github.kcconsent.openbanking.payments.validation;

/**
 * {@code payment.type} and {@code details.localInstrument} name a way of paying. A string we do not offer
 * (a future arrangement such as TED, an unknown instrument) is refused as a payment form the institution does
 * not support, which tells the initiator more than "malformed"; a value that is not a string is malformed.
 */
final class PaymentForms {

    private PaymentForms() {
    }

    static <E extends Enum<E>> E accepted(FieldReader reader, JsonObjectAt parent, String name, Class<E> type) {
        String text = reader.string(parent, name, true);
        if (text == null) {
            return null;
        }
        E form = FieldReader.lookup(type, text);
        if (form == null) {
            reader.errors().rule(PaymentErrorCode.FORMA_PAGAMENTO_INVALIDA, parent.child(name),
                    "não é oferecida por esta instituição");
        }
        return form;
    }
}
