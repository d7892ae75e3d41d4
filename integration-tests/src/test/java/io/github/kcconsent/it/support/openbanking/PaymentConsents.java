package io.github.kcconsent.it.support.openbanking;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.StoreDriver;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Payment consents for the tests, created straight in the store (the Payments API is not mounted yet) in the shape
 * the API stores them: type PAYMENT, origin OPEN_FINANCE_API, permission PAYMENTS_INITIATE, the customer's CPF and
 * {@code paymentDetails} holding the request's {@code data} members (loggedUser, creditor, payment, debtorAccount),
 * valid by the payment-consent validator: real check digits, today's date in Brasília for an immediate payment.
 */
public final class PaymentConsents {

    public static final String CREDITOR_CNPJ = "58764789000137";
    public static final String CREDITOR_ISPB = "99999004";
    /** The test users' first account that can pay ({@code acc-0001} of {@code TestUsers.PAYING_ACCOUNTS}). */
    public static final String CURRENT_ACCOUNT = "{\"ispb\":\"12345678\",\"issuer\":\"0001\",\"number\":\"9871234\",\"accountType\":\"CACC\"}";
    /** The second one ({@code acc-0002}). */
    public static final String SAVINGS_ACCOUNT = "{\"ispb\":\"12345678\",\"issuer\":\"0001\",\"number\":\"6545678\",\"accountType\":\"SVGS\"}";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PaymentConsents() {
    }

    /** Today in Brasília, the day a consent created now may be paid immediately. */
    public static LocalDate today() {
        return LocalDate.now(ZoneId.of("America/Sao_Paulo"));
    }

    /** An immediate Pix of {@code amount} to a company named {@code creditorName}; {@code debtorAccount} JSON or null. */
    public static ObjectNode immediate(String creditorName, String amount, String debtorAccount) {
        ObjectNode data = read("""
                {"loggedUser":{"document":{"identification":"%s","rel":"CPF"}},
                 "creditor":{"personType":"PESSOA_JURIDICA","cpfCnpj":"%s","name":"placeholder"},
                 "payment":{"type":"PIX","currency":"BRL","amount":"%s",
                   "details":{"localInstrument":"DICT","proxy":"12345678901",
                     "creditorAccount":{"ispb":"%s","issuer":"1774","number":"1234567890","accountType":"CACC"}}}}
                """.formatted(DemoRealm.USER_CPF, CREDITOR_CNPJ, amount, CREDITOR_ISPB));
        ((ObjectNode) data.get("creditor")).put("name", creditorName);
        ((ObjectNode) data.get("payment")).put("date", today().toString());
        if (debtorAccount != null) {
            data.set("debtorAccount", read(debtorAccount));
        }
        return data;
    }

    /** Payments on {@code count} custom days from tomorrow, with the initiator's {@code description}. */
    public static ObjectNode custom(String creditorName, String amount, int count, String description) {
        ObjectNode data = immediate(creditorName, amount, null);
        ObjectNode payment = (ObjectNode) data.get("payment");
        payment.remove("date");
        ObjectNode custom = payment.putObject("schedule").putObject("custom");
        for (int i = 1; i <= count; i++) {
            custom.withArray("dates").add(today().plusDays(i).toString());
        }
        custom.put("additionalInformation", description);
        return data;
    }

    /** Creates the consent for the demo partner, awaiting authorisation; returns its id. */
    public static String create(ManagedRealm realm, ObjectNode paymentDetails) {
        String partner = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        return (String) new StoreDriver(realm.getBaseUrl()).create(Map.of(
                "clientId", partner, "type", "PAYMENT", "origin", "OPEN_FINANCE_API",
                "permissions", List.of("PAYMENTS_INITIATE"), "cpf", DemoRealm.USER_CPF,
                "paymentDetails", paymentDetails.toString())).get("id");
    }

    private static ObjectNode read(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
