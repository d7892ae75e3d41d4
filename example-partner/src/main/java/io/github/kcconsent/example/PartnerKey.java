package io.github.kcconsent.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/** Loads the partner's signing key from a JWKS file. */
final class PartnerKey {

    /** The bank ignores registered keys smaller than this. */
    static final int MIN_RSA_BITS = 2048;

    private PartnerKey() {
    }

    /**
     * The first RSA private key meant for signatures (use "sig" or no use). A key without a kid gets its RFC 7638
     * thumbprint as kid, which is how Keycloak names keys it imports from a JWKS.
     *
     * @throws IOException              the file cannot be read
     * @throws IllegalArgumentException the file is not a JWKS or holds no usable key
     */
    static RSAKey load(Path file) throws IOException {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null,
                    "key file not found (run from the repository root or pass --key)");
        }
        JWKSet set;
        try {
            set = JWKSet.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException(file + " is not a JWKS (JSON Web Key Set)");
        }
        for (JWK jwk : set.getKeys()) {
            if (jwk instanceof RSAKey rsa && rsa.isPrivate()
                    && (rsa.getKeyUse() == null || KeyUse.SIGNATURE.equals(rsa.getKeyUse()))) {
                if (rsa.size() < MIN_RSA_BITS) {
                    throw new IllegalArgumentException("the RSA key in " + file + " has " + rsa.size()
                            + " bits; the bank requires at least " + MIN_RSA_BITS);
                }
                if (rsa.getKeyID() != null) {
                    return rsa;
                }
                try {
                    return new RSAKey.Builder(rsa).keyIDFromThumbprint().build();
                } catch (JOSEException e) {
                    throw new IllegalArgumentException("cannot compute the key's thumbprint");
                }
            }
        }
        throw new IllegalArgumentException(file + " holds no RSA private signing key");
    }
}
