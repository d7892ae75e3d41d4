package io.github.kcconsent.store;

import io.github.kcconsent.crypto.BlindIndex;
import io.github.kcconsent.crypto.FieldCipher;
import io.github.kcconsent.crypto.HistoryMac;
import org.keycloak.models.RealmModel;

/** The realm's field cipher, blind index and history seal, as the store needs them. */
public interface ConsentCrypto {

    FieldCipher cipher(RealmModel realm);

    BlindIndex blindIndex(RealmModel realm);

    HistoryMac historyMac(RealmModel realm);
}
