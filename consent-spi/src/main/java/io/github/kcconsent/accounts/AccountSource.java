package io.github.kcconsent.accounts;

import java.util.List;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;

/**
 * Lists the accounts a user may select for a consent request. Implementations: the {@code user-attribute}
 * provider (JSON in a user attribute; the demo realm uses it). A failure must throw
 * {@link AccountSourceException}, never return an empty list that would look like "no accounts".
 */
public interface AccountSource extends Provider {

    List<Account> accounts(RealmModel realm, ClientModel client, UserModel user) throws AccountSourceException;
}
