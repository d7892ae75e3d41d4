package io.github.kcconsent.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.AccessToken;

class CertificateBindingTest {

    /** A public test certificate (its key was never kept) and its x5t#S256, computed with openssl. */
    static final String PEM = read();
    static final String THUMBPRINT = "gOOpuWlTSgs2k9G5LiQsEpfUDvtWt2JZfYXJkHgCsUs";

    private static String read() {
        try (InputStream in = CertificateBindingTest.class.getResourceAsStream("/token/partner-certificate.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MultivaluedHashMap<String, String> form(String... pairs) {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.add(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private static AccessToken boundTo(String thumbprint) {
        AccessToken token = new AccessToken();
        AccessToken.Confirmation cnf = new AccessToken.Confirmation();
        cnf.setCertThumbprint(thumbprint);
        token.setConfirmation(cnf);
        return token;
    }

    @Test
    void noParameterNamesNoCertificate() throws Exception {
        assertNull(CertificateBinding.expectedThumbprint(form("token", "x")));
        assertNull(CertificateBinding.expectedThumbprint(form(CertificateBinding.CERTIFICATE_PARAM, " ")));
    }

    @Test
    void aPemCertificateGivesItsSha256Thumbprint() throws Exception {
        assertEquals(THUMBPRINT, CertificateBinding.expectedThumbprint(form(CertificateBinding.CERTIFICATE_PARAM, PEM)));
    }

    @Test
    void base64DerWithoutPemArmourIsReadToo() throws Exception {
        String der = PEM.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "").replaceAll("\\s", "");
        assertEquals(THUMBPRINT, CertificateBinding.expectedThumbprint(form(CertificateBinding.CERTIFICATE_PARAM, der)));
    }

    @Test
    void aThumbprintIsTakenAsGiven() throws Exception {
        assertEquals(THUMBPRINT, CertificateBinding.expectedThumbprint(form(CertificateBinding.THUMBPRINT_PARAM, THUMBPRINT)));
    }

    @Test
    void unreadableParametersAreRefused() {
        for (String[] bad : new String[][]{
                {CertificateBinding.CERTIFICATE_PARAM, "not a certificate"},
                {CertificateBinding.CERTIFICATE_PARAM, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"},
                {CertificateBinding.CERTIFICATE_PARAM, "A".repeat(20_000)},
                {CertificateBinding.THUMBPRINT_PARAM, "short"},
                {CertificateBinding.THUMBPRINT_PARAM, THUMBPRINT + "="},
                {CertificateBinding.THUMBPRINT_PARAM, THUMBPRINT.replace('g', '+')},
        }) {
            assertThrows(CertificateBinding.BadParameter.class, () -> CertificateBinding.expectedThumbprint(form(bad)), bad[1]);
        }
    }

    @Test
    void bothParametersOrOneTwiceAreRefused() {
        assertThrows(CertificateBinding.BadParameter.class, () -> CertificateBinding.expectedThumbprint(
                form(CertificateBinding.CERTIFICATE_PARAM, PEM, CertificateBinding.THUMBPRINT_PARAM, THUMBPRINT)));
        assertThrows(CertificateBinding.BadParameter.class, () -> CertificateBinding.expectedThumbprint(
                form(CertificateBinding.THUMBPRINT_PARAM, THUMBPRINT, CertificateBinding.THUMBPRINT_PARAM, THUMBPRINT)));
    }

    @Test
    void aTokenIsBoundOnlyToItsOwnCertificate() {
        assertTrue(CertificateBinding.boundTo(boundTo(THUMBPRINT), THUMBPRINT));
        assertFalse(CertificateBinding.boundTo(boundTo(THUMBPRINT), THUMBPRINT.substring(1) + "A"));
        assertFalse(CertificateBinding.boundTo(new AccessToken(), THUMBPRINT), "an unbound (bearer) token is bound to nothing");
        assertFalse(CertificateBinding.boundTo(boundTo(null), THUMBPRINT));
    }
}
