package io.github.kcconsent.link.validation;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * The signature keys registered on the partner's Keycloak client (its JWKS or JWKS URL as configured by an
 * admin in the client's Keys tab). Bound to the client the caller looked up; the validator checks the query's
 * {@code client_id} against that client before asking.
 *
 * <p>The validator never uses keys from the token itself and calls this only after refusing any token whose
 * header carries {@code jwk}, {@code jku}, {@code x5u} or {@code x5c}.
 */
@FunctionalInterface
public interface PublicKeyResolver {

    /**
     * @param kid the token's {@code kid}, or null when it has none: then every registered RSA signature key
     * @param alg the token's (already allowed) algorithm, e.g. to skip keys registered for another one
     * @return candidate keys, possibly empty; only RSA keys of at least 2048 bits are used
     */
    List<PublicKey> keysFor(String kid, JWSAlgorithm alg);

    /** The smallest RSA modulus a signature is ever verified with. */
    int MIN_RSA_KEY_BITS = 2048;

    /** The candidates a verifier may use: RSA keys of at least {@value #MIN_RSA_KEY_BITS} bits; null gives none. */
    static List<RSAPublicKey> usableRsaKeys(List<PublicKey> keys) {
        if (keys == null || keys.isEmpty()) {
            return List.of();
        }
        List<RSAPublicKey> usable = new ArrayList<>(keys.size());
        for (PublicKey key : keys) {
            if (key instanceof RSAPublicKey rsa && rsa.getModulus() != null
                    && rsa.getModulus().bitLength() >= MIN_RSA_KEY_BITS) {
                usable.add(rsa);
            }
        }
        return usable;
    }
}
