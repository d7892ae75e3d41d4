package io.github.kcconsent.example;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints the consent link exactly as the bank's partner documentation asks: a JWS signed with the partner's
 * registered key (RS256 or PS256), header {@code kid} and {@code typ: JWT}, and the claims {@code type},
 * {@code client_id}, {@code iss}, {@code aud}, {@code redirect_uri}, {@code session_metadata}, {@code iat},
 * {@code nbf}, {@code exp} and {@code jti}.
 */
public final class ConsentLinkMinter {

    /** How long a link stays valid: well under the bank's maximum of two hours. */
    public static final Duration LIFETIME = Duration.ofMinutes(10);
    public static final String LINK_TYPE = "consent";
    public static final String SESSION_METADATA_KEY = "user_session";

    private final RSAKey key;
    private final JWSAlgorithm algorithm;
    private final String clientId;
    private final String redirectUri;
    private final String audience;
    private final String consentEndpoint;
    private final Clock clock;
    private final RSASSASigner signer;

    public ConsentLinkMinter(RSAKey key, JWSAlgorithm algorithm, String clientId, String redirectUri,
                             String audience, String consentEndpoint, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.consentEndpoint = Objects.requireNonNull(consentEndpoint, "consentEndpoint");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            this.signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the key cannot sign", e);
        }
    }

    public static ConsentLinkMinter of(PartnerConfig config, RSAKey key, String redirectUri) {
        return new ConsentLinkMinter(key, config.algorithm(), config.clientId(), redirectUri,
                config.realmIssuer(), config.consentEndpoint(), Clock.systemUTC());
    }

    /** A freshly signed link carrying {@code {"user_session": userSession}} as its session metadata. */
    public String mint(String userSession) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWSHeader header = new JWSHeader.Builder(algorithm)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("type", LINK_TYPE)
                .claim("client_id", clientId)
                .issuer(clientId)
                .audience(audience)
                .claim("redirect_uri", redirectUri)
                .claim("session_metadata", Map.of(SESSION_METADATA_KEY, userSession))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing the consent link failed", e);
        }
        return jwt.serialize();
    }

    /** Where to send the browser: {@code <issuer>/consent?client_id=…&type=consent&jwt=…}. */
    public String consentUrl(String jwt) {
        return consentEndpoint + "?client_id=" + Urls.queryValue(clientId) + "&type=" + LINK_TYPE
                + "&jwt=" + Urls.queryValue(jwt);
    }

    public JWSAlgorithm algorithm() {
        return algorithm;
    }

    public String redirectUri() {
        return redirectUri;
    }
}
