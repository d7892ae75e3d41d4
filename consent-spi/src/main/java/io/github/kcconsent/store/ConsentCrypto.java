package io.github.kcconsent.store;

import io.github.kcconsent.crypto.ActiveKey;
import io.github.kcconsent.crypto.BlindIndex;
import io.github.kcconsent.crypto.FieldCipher;
import io.github.kcconsent.crypto.HistoryMac;
import org.keycloak.models.RealmModel;

/** The realm's field cipher, blind index and history seal, and customers' data-key ciphers, as the store needs them. */
public interface ConsentCrypto {

    FieldCipher cipher(RealmModel realm);

    BlindIndex blindIndex(RealmModel realm);

    HistoryMac historyMac(RealmModel realm);

    /** The cipher of one customer's values: under their data key, reading older values with the realm's keys. */
    FieldCipher dataKeyCipher(RealmModel realm, ActiveKey dataKey);
}
