package io.github.kcconsent.store;

import io.github.kcconsent.crypto.BlindIndex;
import io.github.kcconsent.crypto.FieldCipher;
import org.keycloak.models.RealmModel;

/** The realm's field cipher and blind index, as the store needs them. */
public interface ConsentCrypto {

    FieldCipher cipher(RealmModel realm);

    BlindIndex blindIndex(RealmModel realm);
}
