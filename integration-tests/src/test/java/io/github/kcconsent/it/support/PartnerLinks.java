package io.github.kcconsent.it.support;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Mints consent links the way a partner does, with the demo partner's private key from realm-config/. */
public final class PartnerLinks {

    public static final RSAKey DEMO_KEY = loadDemoKey();

    private final String realmUrl;

    public PartnerLinks(String realmUrl) {
        this.realmUrl = realmUrl;
    }

    /** Claims of a valid link: every test starts here and breaks one thing. */
    public JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .claim("type", "consent")
                .claim("client_id", DemoRealm.PARTNER_CLIENT_ID)
                .issuer(DemoRealm.PARTNER_CLIENT_ID)
                .claim("redirect_uri", DemoRealm.PARTNER_REDIRECT_URI)
                .claim("session_metadata", Map.of("user_session", "sess-" + UUID.randomUUID()))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString())
                .audience(realmUrl);
    }

    public String sign(JWTClaimsSet claims) {
        return sign(claims, JWSAlgorithm.RS256, DEMO_KEY, h -> { });
    }

    public String sign(JWTClaimsSet claims, JWSAlgorithm alg, RSAKey key, Consumer<JWSHeader.Builder> header) {
        try {
            JWSHeader.Builder builder = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(key.getKeyID());
            header.accept(builder);
            SignedJWT jwt = new SignedJWT(builder.build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String link(String jwt) {
        return link(DemoRealm.PARTNER_CLIENT_ID, "consent", jwt);
    }

    public String link(String clientId, String type, String jwt) {
        return realmUrl + "/consent?client_id=" + enc(clientId) + "&type=" + enc(type) + "&jwt=" + enc(jwt);
    }

    private static String enc(String v) {
        return v == null ? "" : URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    private static RSAKey loadDemoKey() {
        try (InputStream in = PartnerLinks.class.getResourceAsStream("/realm-config/demo-partner-private.jwks.json")) {
            return JWKSet.load(in).getKeys().get(0).toRSAKey();
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the demo partner key", e);
        }
    }
}
