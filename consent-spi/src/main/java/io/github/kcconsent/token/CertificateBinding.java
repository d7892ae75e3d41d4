package io.github.kcconsent.token;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.util.MtlsHoKTokenUtil;

/**
 * Certificate-bound tokens (RFC 8705) where Keycloak does not check them itself.
 *
 * <p>Keycloak binds a partner's tokens to its TLS client certificate ({@code cnf.x5t#S256}) and refuses them at
 * its own endpoints (refresh, userinfo, revocation) when presented with another certificate. Two places are ours:
 * <ul>
 *   <li>our own resource server, the Consents API, which Keycloak's bearer-token authenticator would let a bound
 *       token into without the certificate ({@link #heldByCaller});</li>
 *   <li>token introspection, which Keycloak answers with the token's {@code cnf} but cannot compare, because the
 *       caller is the bank's resource server, not the partner: the resource server passes the certificate it saw
 *       in the partner's TLS handshake ({@value #CERTIFICATE_PARAM}) or its thumbprint ({@value #THUMBPRINT_PARAM}),
 *       and a token not bound to exactly that certificate is {@code active: false} ({@link #expectedThumbprint},
 *       {@link #boundTo}).</li>
 * </ul>
 */
public final class CertificateBinding {

    /** Introspection parameter: the partner's certificate, PEM (as proxies forward it) or base64 DER. */
    public static final String CERTIFICATE_PARAM = "kcconsent_client_cert";
    /** Introspection parameter: the partner certificate's {@code x5t#S256} (base64url SHA-256 of its DER). */
    public static final String THUMBPRINT_PARAM = "kcconsent_client_cert_thumbprint";
    /** Event error when the token is not bound to the certificate the resource server saw. */
    static final String ERROR = "certificate_not_bound";

    private static final int MAX_CERTIFICATE_CHARS = 16_384;

    private CertificateBinding() {
    }

    /** A resource-server request parameter that cannot be read. */
    public static final class BadParameter extends Exception {
        BadParameter(String message) {
            super(message);
        }
    }

    /**
     * The thumbprint an introspection request says the token must be bound to, or {@code null} when it names none.
     *
     * @throws BadParameter both parameters, or one that is not a certificate / a base64url SHA-256 thumbprint
     */
    public static String expectedThumbprint(MultivaluedMap<String, String> form) throws BadParameter {
        String certificate = single(form, CERTIFICATE_PARAM);
        String thumbprint = single(form, THUMBPRINT_PARAM);
        if (certificate != null && thumbprint != null) {
            throw new BadParameter("send " + CERTIFICATE_PARAM + " or " + THUMBPRINT_PARAM + ", not both");
        }
        if (thumbprint != null) {
            if (!thumbprint.matches("[A-Za-z0-9_-]{43}")) {
                throw new BadParameter(THUMBPRINT_PARAM + " must be the base64url SHA-256 of the certificate (43 characters)");
            }
            return thumbprint;
        }
        return certificate == null ? null : thumbprint(parse(certificate));
    }

    /** Whether the token carries {@code cnf.x5t#S256} equal to {@code thumbprint}. */
    static boolean boundTo(AccessToken token, String thumbprint) {
        String bound = token.getConfirmation() == null ? null : token.getConfirmation().getCertThumbprint();
        return bound != null && MessageDigest.isEqual(bound.getBytes(StandardCharsets.US_ASCII),
                thumbprint.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * For a resource server of ours: a certificate-bound token is usable only over a TLS connection authenticated
     * with that certificate (Keycloak's own check on the request's client certificate). Unbound tokens (the plain
     * HTTP demo) are not this check's business.
     */
    public static boolean heldByCaller(KeycloakSession session, AccessToken token) {
        boolean certificateBound = token.getConfirmation() != null && token.getConfirmation().getCertThumbprint() != null;
        return !certificateBound
                || MtlsHoKTokenUtil.verifyTokenBindingWithClientCertificate(token, session.getContext().getHttpRequest(), session);
    }

    private static String single(MultivaluedMap<String, String> form, String name) throws BadParameter {
        List<String> values = form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadParameter(name + " must be sent once");
        }
        String value = values.get(0);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static X509Certificate parse(String text) throws BadParameter {
        if (text.length() > MAX_CERTIFICATE_CHARS) {
            throw new BadParameter(CERTIFICATE_PARAM + " is too long");
        }
        String base64 = text.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "")
                .replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new BadParameter(CERTIFICATE_PARAM + " must be an X.509 certificate in PEM or base64 DER");
        }
    }

    private static String thumbprint(X509Certificate certificate) throws BadParameter {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new BadParameter(CERTIFICATE_PARAM + " cannot be encoded");
        }
    }
}
