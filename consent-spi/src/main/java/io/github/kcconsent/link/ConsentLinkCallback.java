package io.github.kcconsent.link;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import io.github.kcconsent.authsession.ConsentDecision;

/**
 * Builds the partner callback: the validated {@code redirect_uri} plus {@code session_metadata} (the JSON
 * object exactly as the link carried it, compact), {@code consent_result}, one {@code resource_id} per
 * selected account (approved only) and {@code consent_id}. Parameters are appended to any query the
 * registered URI already has, before its fragment.
 */
public final class ConsentLinkCallback {

    private ConsentLinkCallback() {
    }

    public static URI build(String redirectUri, String sessionMetadata, ConsentDecision decision) {
        StringBuilder params = new StringBuilder();
        append(params, "session_metadata", sessionMetadata);
        append(params, "consent_result", decision.result().wire());
        if (decision.result() == ConsentDecision.Result.APPROVED) {
            for (String id : decision.resourceIds()) {
                append(params, "resource_id", id);
            }
        }
        if (decision.consentId() != null) {
            append(params, "consent_id", decision.consentId());
        }
        int hash = redirectUri.indexOf('#');
        String base = hash < 0 ? redirectUri : redirectUri.substring(0, hash);
        String fragment = hash < 0 ? "" : redirectUri.substring(hash);
        return URI.create(base + (base.contains("?") ? "&" : "?") + params + fragment);
    }

    private static void append(StringBuilder params, String name, String value) {
        if (!params.isEmpty()) {
            params.append('&');
        }
        params.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
