package io.github.kcconsent.backoffice;

import org.keycloak.Config;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.services.resources.admin.AdminAuth;

/**
 * The back-office roles, client roles of each realm's {@code realm-management} client (and of
 * {@code <realm>-realm} in master, for master-realm administrators), so they are assigned like Keycloak's
 * own fine-grained admin roles: to staff users, groups or back-office service accounts.
 *
 * <ul>
 *   <li>{@code view-consents}: search, read (including decrypted personal data), count</li>
 *   <li>{@code manage-consents}: everything above plus revoke; includes view-consents</li>
 *   <li>{@code consume-payment-consents}: consume an authorised payment consent, and nothing else (no search,
 *       no detail). It is the bank's payment system's role, given to that system's service account: a
 *       consumption stands for a Pix leaving the customer's account, which no member of staff does by hand, so
 *       neither {@code manage-consents} nor {@code realm-admin} (nor master's {@code admin}) includes it, and
 *       the payment system needs no other role.</li>
 * </ul>
 * {@code realm-admin} includes {@code manage-consents}; nothing else does.
 */
public final class BackofficeRoles {

    public static final String VIEW = "view-consents";
    public static final String MANAGE = "manage-consents";
    public static final String CONSUME = "consume-payment-consents";

    private BackofficeRoles() {
    }

    /** Adds the roles to the realm's admin clients when missing. Idempotent. */
    public static void ensure(RealmModel realm) {
        ensureOn(realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID), AdminRoles.REALM_ADMIN);
        ClientModel masterAdminClient = realm.getMasterAdminClient();
        ensureOn(masterAdminClient, null);
        if (masterAdminClient != null) {
            // Master's "admin" role includes every <realm>-realm role Keycloak created with the realm; ours are
            // added later, so add them to it too, as Keycloak does for its own.
            RoleModel masterAdmin = masterAdminClient.getRealm().getRole(AdminRoles.ADMIN);
            RoleModel manage = masterAdminClient.getRole(MANAGE);
            if (masterAdmin != null && manage != null && !masterAdmin.hasRole(manage)) {
                masterAdmin.addCompositeRole(manage);
            }
        }
    }

    private static void ensureOn(ClientModel client, String adminRoleName) {
        if (client == null) {
            return;
        }
        RoleModel view = client.getRole(VIEW);
        if (view == null) {
            view = client.addRole(VIEW);
            view.setDescription("${kcConsentRoleView}");
        }
        RoleModel manage = client.getRole(MANAGE);
        if (manage == null) {
            manage = client.addRole(MANAGE);
            manage.setDescription("${kcConsentRoleManage}");
            manage.addCompositeRole(view);
        }
        if (client.getRole(CONSUME) == null) {
            // Deliberately part of no composite: assigned only to the payment system (see the class comment).
            client.addRole(CONSUME).setDescription("${kcConsentRoleConsume}");
        }
        if (adminRoleName != null) {
            RoleModel realmAdmin = client.getRole(adminRoleName);
            if (realmAdmin != null && !realmAdmin.hasRole(manage)) {
                realmAdmin.addCompositeRole(manage);
            }
        }
    }

    public static boolean canView(AdminAuth auth, RealmModel realm) {
        ClientModel client = adminClient(auth, realm);
        return client != null && auth.hasOneOfAppRole(client, VIEW, MANAGE);
    }

    public static boolean canManage(AdminAuth auth, RealmModel realm) {
        ClientModel client = adminClient(auth, realm);
        return client != null && auth.hasAppRole(client, MANAGE);
    }

    public static boolean canConsume(AdminAuth auth, RealmModel realm) {
        ClientModel client = adminClient(auth, realm);
        return client != null && auth.hasAppRole(client, CONSUME);
    }

    /** Where the caller's roles for this realm live: master admins via {@code <realm>-realm}, others locally. */
    private static ClientModel adminClient(AdminAuth auth, RealmModel realm) {
        if (auth.getRealm().getName().equals(Config.getAdminRealm()) && !realm.getName().equals(Config.getAdminRealm())) {
            return realm.getMasterAdminClient();
        }
        if (!auth.getRealm().getId().equals(realm.getId())) {
            return null; // an admin of another (non-master) realm has no say here
        }
        return realm.getName().equals(Config.getAdminRealm())
                ? realm.getMasterAdminClient()
                : realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
    }

}
