package io.github.kcconsent.permissions;

import static io.github.kcconsent.fakes.KeycloakFakes.clientScope;
import static io.github.kcconsent.fakes.KeycloakFakes.realmWithScopes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

/** A stored link consent reads as its consent screen did: the scopes' texts, found by name in the realm. */
class ConsentPermissionsTest {

    private static List<String> texts(List<ConsentPermissions.Permission> permissions) {
        return permissions.stream().map(p -> p.getName() + "=" + p.getText()).toList();
    }

    @Test
    void eachStoredNameGetsItsScopesConsentScreenTextInTheStoredOrder() {
        RealmModel realm = realmWithScopes(clientScope("accounts", "${kcConsentScopeAccounts}"),
                clientScope("profile", "${profileScopeConsentText}"), clientScope("transactions", "Extratos"));

        assertEquals(List.of("transactions=Extratos", "accounts=${kcConsentScopeAccounts}"),
                texts(ConsentPermissions.forStored(realm, List.of("transactions", "accounts"))));
    }

    @Test
    void theGenericPermissionAScopeWithoutTextAndADeletedScopeStillReadSensibly() {
        RealmModel realm = realmWithScopes(clientScope("plain", null), clientScope("blank", " "));

        assertEquals(List.of("account_access=${kcConsentPermissionAccountAccess}", "plain=plain", "blank=blank",
                        "gone=gone"),
                texts(ConsentPermissions.forStored(realm, List.of("account_access", "plain", "blank", "gone"))));
    }
}
