package io.github.kcconsent.openbanking.payments;

/**
 * Another request with the same idempotency key committed first. The current transaction can no longer be
 * used (the insert failed); the caller rolls it back and reads the winner's record in a new one.
 */
public class IdempotencyKeyTakenException extends RuntimeException {

    public IdempotencyKeyTakenException(Throwable cause) {
        super("idempotency key already used", cause, false, false);
    }
}
