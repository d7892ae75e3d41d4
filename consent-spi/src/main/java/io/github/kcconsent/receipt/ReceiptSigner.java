package io.github.kcconsent.receipt;

import org.keycloak.crypto.SignatureProvider;
import org.keycloak.crypto.SignatureSignerContext;
import org.keycloak.jose.jws.JWSBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Signs receipts with the realm's active key of its default signature algorithm (RS256 unless the realm says
 * otherwise; PS256 in an Open Finance realm), the key the realm's JWKS publishes, so anyone can verify a receipt
 * with a standard JOSE library and {@code /realms/{realm}/protocol/openid-connect/certs}. The header names the
 * key ({@code kid}) and the type {@value #TYPE}.
 */
public final class ReceiptSigner {

    public static final String TYPE = "kcconsent-receipt+jwt";

    private ReceiptSigner() {
    }

    public static String sign(KeycloakSession session, RealmModel realm, ReceiptClaims claims) {
        String algorithm = realm.getDefaultSignatureAlgorithm() == null ? "RS256" : realm.getDefaultSignatureAlgorithm();
        SignatureSignerContext signer = session.getProvider(SignatureProvider.class, algorithm).signer();
        return new JWSBuilder().type(TYPE).jsonContent(claims).sign(signer);
    }
}
