package io.github.kcconsent.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** Fresh users per test, so one test's consents never meet another's. */
public final class TestUsers {

    public static final String PASSWORD = "secret";
    public static final String TWO_ACCOUNTS = "[{\"id\":\"acc-0001\",\"type\":\"CONTA_DEPOSITO_A_VISTA\",\"label\":\"Conta corrente •••• 1234\"},"
            + "{\"id\":\"acc-0002\",\"type\":\"CONTA_POUPANCA\",\"label\":\"Poupança •••• 5678\"}]";

    /**
     * Two accounts that can pay (a {@code payment} member: the Pix identification) and one that cannot, for the
     * payment screen; data-sharing screens see them like any other accounts.
     */
    public static final String PAYING_ACCOUNTS = "[{\"id\":\"acc-0001\",\"type\":\"CONTA_DEPOSITO_A_VISTA\",\"label\":\"Conta corrente •••• 1234\","
            + "\"payment\":{\"ispb\":\"12345678\",\"issuer\":\"0001\",\"number\":\"9871234\",\"accountType\":\"CACC\"}},"
            + "{\"id\":\"acc-0002\",\"type\":\"CONTA_POUPANCA\",\"label\":\"Poupança •••• 5678\","
            + "\"payment\":{\"ispb\":\"12345678\",\"issuer\":\"0001\",\"number\":\"6545678\",\"accountType\":\"SVGS\"}},"
            + "{\"id\":\"acc-0003\",\"type\":\"CONTA_DEPOSITO_A_VISTA\",\"label\":\"Conta sem Pix •••• 9012\"}]";

    private TestUsers() {
    }

    /**
     * A user named {@code <prefix>-<random>} with password {@value #PASSWORD} and any {@code moreCredentials} (e.g. an
     * OTP credential in Keycloak's import form); returns the username.
     */
    public static String create(ManagedRealm realm, String prefix, Map<String, List<String>> attributes,
                                CredentialRepresentation... moreCredentials) {
        return create(realm.admin(), prefix, attributes, moreCredentials);
    }

    /** The same through any admin client (the cluster drills talk to servers the test framework did not start). */
    public static String create(RealmResource realm, String prefix, Map<String, List<String>> attributes,
                                CredentialRepresentation... moreCredentials) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        UserRepresentation u = new UserRepresentation();
        u.setUsername(username);
        u.setEnabled(true);
        u.setEmail(username + "@example.com");
        u.setEmailVerified(true);
        u.setFirstName("Teste");
        u.setLastName("Usuário");
        u.setAttributes(attributes);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType("password");
        password.setValue(PASSWORD);
        password.setTemporary(false);
        List<CredentialRepresentation> credentials = new ArrayList<>(List.of(password));
        credentials.addAll(List.of(moreCredentials));
        u.setCredentials(credentials);
        try (var response = realm.users().create(u)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("user not created: HTTP " + response.getStatus());
            }
        }
        return username;
    }

    /** A customer with the demo CPF and the given accounts JSON. */
    public static String customer(ManagedRealm realm, String prefix, String accountsJson) {
        return customer(realm.admin(), prefix, accountsJson);
    }

    public static String customer(RealmResource realm, String prefix, String accountsJson) {
        return create(realm, prefix, Map.of("cpf", List.of("52998224725"), "kcconsent_accounts", List.of(accountsJson)));
    }

    /**
     * A business credential: the demo CPF (the company's representative), acting for {@code cnpj} (user
     * attribute {@code cnpj}), with one account of that company ({@code acc-0001}) and one of another company.
     */
    public static String businessCustomer(ManagedRealm realm, String prefix, String cnpj) {
        String accounts = "[{\"id\":\"acc-0001\",\"type\":\"CONTA_DEPOSITO_A_VISTA\",\"label\":\"Conta PJ •••• 4321\",\"cnpj\":\"" + cnpj + "\"},"
                + "{\"id\":\"acc-0009\",\"type\":\"CONTA_DEPOSITO_A_VISTA\",\"label\":\"Outra empresa •••• 8765\",\"cnpj\":\"" + OTHER_COMPANY + "\"}]";
        return create(realm, prefix, Map.of("cpf", List.of("52998224725"), "cnpj", List.of(cnpj),
                "kcconsent_accounts", List.of(accounts)));
    }

    /** A valid CNPJ of a company no test consent is for. */
    public static final String OTHER_COMPANY = "11444777000161";

    public static String idOf(ManagedRealm realm, String username) {
        return idOf(realm.admin(), username);
    }

    public static String idOf(RealmResource realm, String username) {
        return realm.users().search(username, true).get(0).getId();
    }
}
