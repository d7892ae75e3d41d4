package io.github.kcconsent.it.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.PartnerLinks;
import io.github.kcconsent.it.support.StoreDriver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Every class of bad link: the user gets a themed page in Portuguese, never a redirect or a stack trace; the
 * realm records a Keycloak event with the specific error; no consent is written; an invalid link does not
 * burn its jti.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class ConsentLinkRejectionIT {

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    PartnerLinks partner;
    StoreDriver store;
    RSAKey attacker;

    @BeforeEach
    void setUp() throws Exception {
        partner = new PartnerLinks(realm.getBaseUrl());
        store = new StoreDriver(realm.getBaseUrl());
        attacker = new RSAKeyGenerator(2048).keyID(PartnerLinks.DEMO_KEY.getKeyID()).keyUse(KeyUse.SIGNATURE).generate();
    }

    /** Opens the link and checks everything a rejection must be; returns the page. */
    private String assertRejected(String url, String eventError, String pageText) {
        int consentsBefore = store.get("/raw?table=KCC_CONSENT").list().size();
        realm.admin().clearEvents();

        var response = Http.get(url, "Accept-Language", "pt-BR");

        assertTrue(response.statusCode() == 400 || response.statusCode() == 404, "status " + response.statusCode());
        assertTrue(response.headers().firstValue("Location").isEmpty(), "never a redirect");
        String body = response.body();
        assertTrue(body.contains(pageText), "page explains it: " + body);
        assertFalse(body.contains("Exception") || body.contains("at io.") || body.contains("at org."), "no stack trace");
        List<EventRepresentation> events = realm.admin().getEvents(List.of("LOGIN_ERROR"), null, null, null, null, null, 0, 10);
        assertFalse(events.isEmpty(), "an event was recorded");
        assertEquals(eventError, events.get(0).getError());
        assertEquals(consentsBefore, store.get("/raw?table=KCC_CONSENT").list().size(), "no consent written");
        return body;
    }

    private static final String INVALID = "Este link de consentimento é inválido";

    @Test
    void badSignature() {
        String[] parts = partner.sign(partner.validClaims().build()).split("\\.");
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(
                partner.validClaims().claim("redirect_uri", "https://evil.example/cb").build().toString().getBytes());
        assertRejected(partner.link(parts[0] + "." + altered + "." + parts[2]), "consent_link_bad_signature", INVALID);
    }

    @Test
    void wrongKey() {
        String jwt = partner.sign(partner.validClaims().build(), JWSAlgorithm.RS256, attacker, h -> { });
        assertRejected(partner.link(jwt), "consent_link_bad_signature", INVALID);
    }

    @Test
    void forbiddenAlgorithms() throws Exception {
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), partner.validClaims().build());
        hmac.sign(new MACSigner(new byte[32]));
        assertRejected(partner.link(hmac.serialize()), "consent_link_algorithm_not_allowed", INVALID);

        String none = new PlainJWT(partner.validClaims().build()).serialize();
        assertRejected(partner.link(none), "consent_link_algorithm_not_allowed", INVALID);

        // RS512 is a valid RSA algorithm but not on this client's allow-list (RS256, PS256).
        String rs512 = partner.sign(partner.validClaims().build(), JWSAlgorithm.RS512, PartnerLinks.DEMO_KEY, h -> { });
        assertRejected(partner.link(rs512), "consent_link_algorithm_not_allowed", INVALID);
    }

    @Test
    void headerSuppliedKeysAreNeverUsed() throws Exception {
        String embedded = partner.sign(partner.validClaims().build(), JWSAlgorithm.RS256, attacker,
                h -> h.jwk(attacker.toPublicJWK()));
        assertRejected(partner.link(embedded), "consent_link_header_key_forbidden", INVALID);
        String jku = partner.sign(partner.validClaims().build(), JWSAlgorithm.RS256, attacker,
                h -> h.jwkURL(URI.create("https://attacker.example/jwks")));
        assertRejected(partner.link(jku), "consent_link_header_key_forbidden", INVALID);
    }

    @Test
    void expired() {
        Instant past = Instant.now().minusSeconds(3600);
        JWTClaimsSet claims = partner.validClaims().issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(600))).build();
        assertRejected(partner.link(partner.sign(claims)), "consent_link_expired", "expirou");
    }

    @Test
    void notYetValid() {
        Instant future = Instant.now().plusSeconds(900);
        JWTClaimsSet claims = partner.validClaims().notBeforeTime(Date.from(future))
                .expirationTime(Date.from(future.plusSeconds(600))).build();
        assertRejected(partner.link(partner.sign(claims)), "consent_link_not_yet_valid", "ainda não é válido");
    }

    @Test
    void lifetimeOverTwoHours() {
        JWTClaimsSet claims = partner.validClaims().expirationTime(Date.from(Instant.now().plusSeconds(3 * 3600))).build();
        assertRejected(partner.link(partner.sign(claims)), "consent_link_lifetime_too_long", INVALID);
    }

    @Test
    void replayedJtiIsRefusedButAnInvalidLinkDoesNotBurnIt() {
        String jti = UUID.randomUUID().toString();
        // First an invalid token with this jti (wrong audience): refused, and the jti stays unused.
        assertRejected(partner.link(partner.sign(partner.validClaims().jwtID(jti).audience("https://other").build())),
                "consent_link_wrong_audience", INVALID);

        String valid = partner.link(partner.sign(partner.validClaims().jwtID(jti).build()));
        var first = Http.get(valid);
        assertEquals(200, first.statusCode(), "the jti was not burned by the invalid token");
        assertTrue(first.body().contains("kc-form-login"));

        assertRejected(valid, "consent_link_replayed", "já foi usado");
    }

    @Test
    void wrongAudience() {
        assertRejected(partner.link(partner.sign(partner.validClaims().audience("accounts-hubid@openbank.example").build())),
                "consent_link_wrong_audience", INVALID);
    }

    @Test
    void issuerOrClientIdMismatch() {
        assertRejected(partner.link(partner.sign(partner.validClaims().issuer("someone-else").build())),
                "consent_link_client_mismatch", INVALID);
        assertRejected(partner.link(partner.sign(partner.validClaims().claim("client_id", "someone-else").build())),
                "consent_link_client_mismatch", INVALID);
    }

    @Test
    void unregisteredOrAlteredRedirectUri() {
        for (String uri : List.of("https://evil.example/callback", DemoRealm.PARTNER_REDIRECT_URI + "/evil",
                DemoRealm.PARTNER_REDIRECT_URI + "?next=https://evil.example", "HTTP://LOCALHOST:8090/callback")) {
            assertRejected(partner.link(partner.sign(partner.validClaims().claim("redirect_uri", uri).build())),
                    "consent_link_redirect_uri_not_registered", INVALID);
        }
    }

    @Test
    void missingOrMalformedSessionMetadata() {
        JWTClaimsSet.Builder missing = partner.validClaims();
        missing.claim("session_metadata", null);
        assertRejected(partner.link(partner.sign(missing.build())), "consent_link_session_metadata_invalid", INVALID);
        for (Object bad : List.of(Map.of(), "a-string", List.of("a"))) {
            assertRejected(partner.link(partner.sign(partner.validClaims().claim("session_metadata", bad).build())),
                    "consent_link_session_metadata_invalid", INVALID);
        }
    }

    @Test
    void oversizedToken() {
        // Over our 6 KiB cap: refused before parsing, with our page and event.
        JWTClaimsSet big = partner.validClaims().claim("padding", "x".repeat(4200)).build();
        String jwt = partner.sign(big);
        assertTrue(jwt.length() > 6144 && jwt.length() < 7500, "length " + jwt.length());
        assertRejected(partner.link(jwt), "consent_link_too_large", INVALID);

        // A megabyte never reaches us: the server's own request-line limit refuses it (an HTTP 4xx, or the
        // connection closed), never with a redirect, and nothing is written.
        int before = store.get("/raw?table=KCC_CONSENT").list().size();
        try {
            var response = Http.get(partner.link("a".repeat(1024 * 1024)));
            assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, "status " + response.statusCode());
            assertTrue(response.headers().firstValue("Location").isEmpty());
        } catch (UncheckedIOException closedByServer) {
            assertTrue(closedByServer.getMessage() != null);
        }
        assertEquals(before, store.get("/raw?table=KCC_CONSENT").list().size());
    }

    @Test
    void garbageAndWrongParameters() {
        assertRejected(partner.link("abc"), "consent_link_malformed", INVALID);
        assertRejected(partner.link("a.b.c"), "consent_link_malformed", INVALID);
        assertRejected(partner.link(""), "consent_link_malformed", INVALID);
        assertRejected(partner.link(DemoRealm.PARTNER_CLIENT_ID, "payment", partner.sign(partner.validClaims().build())),
                "consent_link_wrong_type", INVALID);
        assertRejected(partner.link("no-such-client", "consent", partner.sign(partner.validClaims().build())),
                "consent_link_unknown_client", "não está autorizado");
    }
}
