package io.github.kcconsent.token;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.store.ConsentStore;
import org.keycloak.OAuthErrorException;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientModelContext;
import org.keycloak.services.clientpolicy.context.ScopeParameterContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * Client-policy executor {@code kcconsent-consent-scope} for Open Finance partners: an authorization request
 * (at PAR and again at the authorization endpoint) must name exactly one consent, {@code consent:<id>}, and
 * that consent must be the client's own, from the Consents API, awaiting authorisation and not expired.
 * Otherwise the request is refused before any login page: {@code invalid_scope} for a missing or second
 * consent scope (also a scope parameter Keycloak dropped for being too long), {@code access_denied} with the
 * same descriptions as the consent screen for a consent that cannot be authorised.
 */
public class ConsentScopeEnforcer implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    public static final String NOT_FOUND = ConsentBinding.Refusal.NOT_FOUND.description();
    public static final String NOT_AWAITING = "the consent is not awaiting authorisation (expired, rejected or already authorised)";

    private final KeycloakSession session;

    public ConsentScopeEnforcer(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getProviderId() {
        return ConsentScopeEnforcerFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        switch (context.getEvent()) {
            case PUSHED_AUTHORIZATION_REQUEST, AUTHORIZATION_REQUEST ->
                    check(((ClientModelContext) context).getClient(), ((ScopeParameterContext) context).getScopeParameter());
            default -> {
            }
        }
    }

    private void check(ClientModel client, String scope) throws ClientPolicyException {
        List<String> consents = ConsentScopes.consentIds(scope);
        if (consents.size() != 1) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_SCOPE,
                    "an Open Finance authorization names exactly one consent: scope consent:{consentId}");
        }
        RealmModel realm = client.getRealm();
        Optional<Consent> consent = ConsentScopes.isWellFormed(consents.get(0))
                ? session.getProvider(ConsentStore.class).find(realm, consents.get(0))
                : Optional.empty();
        if (consent.isEmpty() || consent.get().origin() != ConsentOrigin.OPEN_FINANCE_API
                || !consent.get().clientId().equals(client.getId())) {
            throw new ClientPolicyException(OAuthErrorException.ACCESS_DENIED, NOT_FOUND);
        }
        if (consent.get().effectiveStatus(Instant.ofEpochMilli(Time.currentTimeMillis())) != ConsentStatus.AWAITING_AUTHORISATION) {
            throw new ClientPolicyException(OAuthErrorException.ACCESS_DENIED, NOT_AWAITING);
        }
    }
}
