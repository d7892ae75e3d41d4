package io.github.kcconsent.openbanking.payments;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.SignatureProvider;
import org.keycloak.crypto.SignatureSignerContext;
import org.keycloak.jose.jws.JWSBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.util.JsonSerialization;

/**
 * Signs our answers as the security profile asks: a compact JWS, {@code PS256}, {@code typ JWT}, with the
 * realm's active PS256 signing key (its {@code kid} in the header, verifiable with the realm's JWKS), the body's
 * members as claims next to {@code aud} (the partner's organisation id), {@code iss} (ours), {@code iat} and a
 * fresh {@code jti}. The realm needs an active PS256 key (Realm settings → Keys, e.g. an {@code rsa-generated}
 * provider with algorithm PS256).
 */
final class MessageSigner {

    private final KeycloakSession session;
    private final String issuer;

    MessageSigner(KeycloakSession session, String issuer) {
        this.session = session;
        this.issuer = issuer;
    }

    String sign(String audience, Object body, Instant now) {
        ObjectNode claims = JsonSerialization.mapper.createObjectNode();
        claims.put("aud", audience);
        claims.put("iss", issuer);
        claims.put("iat", now.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.setAll((ObjectNode) JsonSerialization.mapper.valueToTree(body));
        SignatureSignerContext signer = session.getProvider(SignatureProvider.class, Algorithm.PS256).signer();
        return new JWSBuilder().type("JWT").jsonContent(claims).sign(signer);
    }
}
