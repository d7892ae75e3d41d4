package io.github.kcconsent.permissions;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.RealmModel;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A stored link consent reads as its consent screen did: the scopes' texts, found by name in the realm. */
class ConsentPermissionsTest {

    private static ClientScopeModel scope(String name, String consentText) {
        return proxy(ClientScopeModel.class, Map.of("getName", () -> name, "getConsentScreenText", () -> consentText));
    }

    private static RealmModel realmWith(ClientScopeModel... scopes) {
        return proxy(RealmModel.class, Map.of("getClientScopesStream", () -> Arrays.stream(scopes)));
    }

    /** Answers only the named no-argument methods; any other call fails the test. */
    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Map<String, Supplier<Object>> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            Supplier<Object> answer = answers.get(method.getName());
            if (answer == null) {
                throw new AssertionError("unexpected call " + type.getSimpleName() + "." + method.getName());
            }
            return answer.get();
        });
    }

    private static List<String> texts(List<ConsentPermissions.Permission> permissions) {
        return permissions.stream().map(p -> p.getName() + "=" + p.getText()).toList();
    }

    @Test
    void eachStoredNameGetsItsScopesConsentScreenTextInTheStoredOrder() {
        RealmModel realm = realmWith(scope("accounts", "${kcConsentScopeAccounts}"),
                scope("profile", "${profileScopeConsentText}"), scope("transactions", "Extratos"));

        assertEquals(List.of("transactions=Extratos", "accounts=${kcConsentScopeAccounts}"),
                texts(ConsentPermissions.forStored(realm, List.of("transactions", "accounts"))));
    }

    @Test
    void theGenericPermissionAScopeWithoutTextAndADeletedScopeStillReadSensibly() {
        RealmModel realm = realmWith(scope("plain", null), scope("blank", " "));

        assertEquals(List.of("account_access=${kcConsentPermissionAccountAccess}", "plain=plain", "blank=blank",
                        "gone=gone"),
                texts(ConsentPermissions.forStored(realm, List.of("account_access", "plain", "blank", "gone"))));
    }
}
