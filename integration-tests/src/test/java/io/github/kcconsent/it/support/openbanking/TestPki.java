package io.github.kcconsent.it.support.openbanking;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.stream.Stream;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS material of the HTTPS + mutual-TLS test server, generated at test time so that no private key is ever
 * committed: a test CA (standing in for ICP-Brasil), the server's certificate for {@code localhost}, and the
 * transport certificates of two partners, all issued by that CA, plus one certificate from outside it.
 *
 * <p>The server reads its keystore and truststore from files in {@code kcconsent.pki.dir} (Maven sets it under
 * {@code target/}); the tests read the same files, so a server kept running between local runs
 * ({@code KC_TEST_SERVER_REUSE=true}) and the next run agree. The files are made once and reused while the CA has
 * more than a day to live. The store password only guards throw-away test keys.
 */
public final class TestPki {

    /** Protects the generated PKCS#12 files; they hold keys made for this test run only. */
    public static final String STORE_PASSWORD = "kcconsent-test-pki";
    public static final String PARTNER_A = "partner-a";
    public static final String PARTNER_B = "partner-b";
    /** A certificate not issued by the test CA: the server must refuse it in the handshake. */
    public static final String OUTSIDER = "outsider";

    private static final Duration VALIDITY = Duration.ofDays(3);
    private static final Duration MIN_REMAINING = Duration.ofDays(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final class Holder {
        static final TestPki INSTANCE = load(Path.of(System.getProperty("kcconsent.pki.dir", "target/test-pki")));
    }

    private final Path dir;
    private final X509Certificate ca;

    private TestPki(Path dir, X509Certificate ca) {
        this.dir = dir;
        this.ca = ca;
    }

    /** The material of this build, made on first use. */
    public static TestPki get() {
        return Holder.INSTANCE;
    }

    /** PKCS#12 keystore with the server's key and its chain (Keycloak's {@code https-key-store-file}). */
    public Path serverKeystore() {
        return dir.resolve("server.p12");
    }

    /** The test CA in PEM: the partners' certificates chain to it. */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** PKCS#12 truststore holding only the test CA (Keycloak's {@code https-trust-store-file}). */
    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    public X509Certificate ca() {
        return ca;
    }

    /** A partner's transport certificate ({@link #PARTNER_A}, {@link #PARTNER_B}, {@link #OUTSIDER}). */
    public X509Certificate certificate(String name) {
        try {
            return (X509Certificate) keystore(name).getCertificate(name);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code x5t#S256} of a partner's certificate: base64url SHA-256 of its DER (RFC 8705 §3.1). */
    public String thumbprint(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate(name).getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate as a load balancer forwards it: PEM. */
    public String pem(String name) {
        return toPem(certificate(name));
    }

    /**
     * TLS as that partner: its certificate offered to the server, the test CA trusted. The certificate is offered
     * whatever CAs the server lists as acceptable (the JDK would otherwise silently send none, e.g. for the outsider).
     */
    public SSLContext clientContext(String name) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keystore(name), STORE_PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[]{new AlwaysOffer((X509ExtendedKeyManager) keys.getKeyManagers()[0], name)},
                    trust().getTrustManagers(), RANDOM);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** TLS without a client certificate (a customer's browser, a partner that forgot its certificate). */
    public SSLContext anonymousContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust().getTrustManagers(), RANDOM);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Offers one alias as the client certificate, always. */
    private static final class AlwaysOffer extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager keys;
        private final String alias;

        AlwaysOffer(X509ExtendedKeyManager keys, String alias) {
            this.keys = keys;
            this.alias = alias;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return alias;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return alias;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[]{alias};
        }

        @Override
        public X509Certificate[] getCertificateChain(String name) {
            return keys.getCertificateChain(name);
        }

        @Override
        public PrivateKey getPrivateKey(String name) {
            return keys.getPrivateKey(name);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }

    private TrustManagerFactory trust() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.setCertificateEntry("ca", ca);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        return trust;
    }

    private KeyStore keystore(String name) {
        return read(dir.resolve(name + ".p12"));
    }

    // ---- generation ---------------------------------------------------------------------------------------

    private static TestPki load(Path dir) {
        try {
            Path caFile = dir.resolve("ca.p12");
            boolean complete = Stream.of("ca.p12", "ca.pem", "truststore.p12", "server.p12", PARTNER_A + ".p12",
                    PARTNER_B + ".p12", OUTSIDER + ".p12").allMatch(f -> Files.exists(dir.resolve(f)));
            if (complete) {
                X509Certificate ca = (X509Certificate) read(caFile).getCertificate("ca");
                if (ca.getNotAfter().toInstant().isAfter(Instant.now().plus(MIN_REMAINING))) {
                    return new TestPki(dir, ca);
                }
            }
            return generate(dir);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the test PKI", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestPki generate(Path dir) throws GeneralSecurityException, IOException {
        Files.createDirectories(dir);
        KeyPair caKeys = rsa();
        X500Name caName = new X500Name("CN=kc-consent test CA (stands in for ICP-Brasil),O=kc-consent tests,C=BR");
        X509Certificate ca = issue(caName, caKeys, caName, caKeys.getPrivate(), true, null, null);
        write(dir.resolve("ca.p12"), "ca", caKeys.getPrivate(), ca);
        Files.writeString(dir.resolve("ca.pem"), toPem(ca), StandardCharsets.US_ASCII);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        try (OutputStream out = Files.newOutputStream(dir.resolve("truststore.p12"))) {
            trust.store(out, STORE_PASSWORD.toCharArray());
        }

        KeyPair serverKeys = rsa();
        X509Certificate server = issue(new X500Name("CN=localhost,O=kc-consent tests,C=BR"), serverKeys, caName,
                caKeys.getPrivate(), false, KeyPurposeId.id_kp_serverAuth,
                new GeneralNames(new GeneralName[]{new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        write(dir.resolve("server.p12"), "server", serverKeys.getPrivate(), server, ca);

        for (String partner : new String[]{PARTNER_A, PARTNER_B}) {
            KeyPair keys = rsa();
            // Shaped like an ICP-Brasil transport certificate's subject: the organisation and its software.
            X500Name subject = new X500Name("CN=" + partner + ".example.com,OU=software-" + partner
                    + ",O=Parceiro " + partner + ",C=BR");
            X509Certificate cert = issue(subject, keys, caName, caKeys.getPrivate(), false,
                    KeyPurposeId.id_kp_clientAuth, null);
            write(dir.resolve(partner + ".p12"), partner, keys.getPrivate(), cert, ca);
        }
        KeyPair outsiderKeys = rsa();
        X500Name outsiderName = new X500Name("CN=outsider.example.com,O=Not from the test CA,C=BR");
        X509Certificate outsider = issue(outsiderName, outsiderKeys, outsiderName, outsiderKeys.getPrivate(), false,
                KeyPurposeId.id_kp_clientAuth, null);
        write(dir.resolve(OUTSIDER + ".p12"), OUTSIDER, outsiderKeys.getPrivate(), outsider);
        return new TestPki(dir, ca);
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
        return generator.generateKeyPair();
    }

    private static X509Certificate issue(X500Name subject, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey,
                                         boolean isCa, KeyPurposeId purpose, GeneralNames altNames)
            throws GeneralSecurityException, IOException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).abs(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(isCa
                ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        if (purpose != null) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        }
        if (altNames != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, altNames);
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static void write(Path file, String alias, PrivateKey key, Certificate... chain)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, key, STORE_PASSWORD.toCharArray(), chain);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            store.store(out, STORE_PASSWORD.toCharArray());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static KeyStore read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, STORE_PASSWORD.toCharArray());
            return store;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String toPem(X509Certificate cert) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
