package io.github.kcconsent.link.validation;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The partner client a link is validated for, as the caller found it by the query's {@code client_id}.
 *
 * @param clientId               the client's public {@code client_id} (not Keycloak's internal id)
 * @param registeredRedirectUris the client's redirect URIs, compared as exact strings. An entry containing
 *                               {@code *} never matches anything: consent links get no wildcard or prefix
 *                               matching, unlike Keycloak's own redirect URI check.
 */
public record ConsentLinkClient(String clientId, Set<String> registeredRedirectUris) {

    public ConsentLinkClient {
        Objects.requireNonNull(clientId, "clientId");
        if (clientId.isEmpty()) {
            throw new IllegalArgumentException("clientId must not be empty");
        }
        Objects.requireNonNull(registeredRedirectUris, "registeredRedirectUris");
        registeredRedirectUris = registeredRedirectUris.stream()
                .filter(Objects::nonNull)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Exact, case-sensitive string equality; anything containing {@code *} is never registered. */
    public boolean isRegisteredRedirectUri(String redirectUri) {
        return redirectUri != null && redirectUri.indexOf('*') < 0 && registeredRedirectUris.contains(redirectUri);
    }
}
