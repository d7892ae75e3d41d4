package io.github.kcconsent.selfservice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.keycloak.models.UserSessionModel;

/**
 * The token every self-service form posts back. The page is identified by Keycloak's SSO cookie alone, which a
 * browser also sends on a forged cross-site post; the token, which only our own pages know, is what tells the
 * two apart. One random value per user session, kept in its (cluster-wide) notes, so any node can check it and
 * it ends with the session.
 */
final class SelfServiceCsrf {

    static final String NOTE = "kcconsent.selfservice.csrf";
    /** 256 bits: not guessable within a session's lifetime. */
    static final int TOKEN_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfServiceCsrf() {
    }

    /** The session's token, created on the first page shown. */
    static String tokenOf(UserSessionModel userSession) {
        String token = userSession.getNote(NOTE);
        if (token == null) {
            token = newToken();
            userSession.setNote(NOTE, token);
        }
        return token;
    }

    static boolean isValid(UserSessionModel userSession, String presented) {
        return matches(userSession.getNote(NOTE), presented);
    }

    /** URL-safe, so it travels in a form field and a URL unchanged. */
    static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * True only when a token was issued and exactly that one is presented. Compared in constant time, so the
     * answer's timing does not reveal how much of a guess was right.
     */
    static boolean matches(String expected, String presented) {
        return expected != null && presented != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                        presented.getBytes(StandardCharsets.UTF_8));
    }
}
