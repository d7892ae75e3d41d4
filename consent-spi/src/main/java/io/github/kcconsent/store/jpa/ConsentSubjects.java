package io.github.kcconsent.store.jpa;

/**
 * Whose data key a new consent's values go under: its Keycloak user when known, else the customer's CPF (or the
 * company's CNPJ) as its blind index, so that an Open Finance consent created before the customer logs in shares
 * the key of their other consents; else a key of its own. The subject is a pseudonymous reference (the same values
 * the consent row already holds), never a plaintext document.
 */
final class ConsentSubjects {

    private ConsentSubjects() {
    }

    static String of(ConsentEntity e) {
        if (e.getUserId() != null) {
            return "user:" + e.getUserId();
        }
        if (e.getCpfIndex() != null) {
            return "cpf:" + e.getCpfIndex();
        }
        return e.getCnpjIndex() != null ? "cnpj:" + e.getCnpjIndex() : null;
    }
}
