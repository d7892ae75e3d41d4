package io.github.kcconsent.store;

import io.github.kcconsent.crypto.ActiveKey;
import io.github.kcconsent.crypto.AesGcmFieldCipher;
import io.github.kcconsent.crypto.BlindIndex;
import io.github.kcconsent.crypto.EnvelopeFieldKeys;
import io.github.kcconsent.crypto.FieldCipher;
import io.github.kcconsent.crypto.HistoryMac;
import io.github.kcconsent.crypto.RealmFieldKeys;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** AES-256-GCM, the blind index and the history seal over the realm's own keys (our key provider in Realm settings → Keys). */
public class RealmConsentCrypto implements ConsentCrypto {

    private final KeycloakSession session;

    public RealmConsentCrypto(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public FieldCipher cipher(RealmModel realm) {
        return new AesGcmFieldCipher(new RealmFieldKeys(session, realm));
    }

    @Override
    public BlindIndex blindIndex(RealmModel realm) {
        return new BlindIndex(new RealmFieldKeys(session, realm));
    }

    @Override
    public FieldCipher dataKeyCipher(RealmModel realm, ActiveKey dataKey) {
        return new AesGcmFieldCipher(new EnvelopeFieldKeys(new RealmFieldKeys(session, realm), dataKey));
    }

    @Override
    public HistoryMac historyMac(RealmModel realm) {
        return new HistoryMac(new RealmFieldKeys(session, realm));
    }
}
