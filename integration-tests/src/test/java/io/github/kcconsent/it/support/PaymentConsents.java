package io.github.kcconsent.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Payment consents straight into the store (the Payments API is not what these tests are about), in the shared
 * contract's shape: type PAYMENT, permission PAYMENTS_INITIATE, the request's {@code data} members as the
 * stored payment details, and at authorisation the debtor account the customer chose.
 */
public final class PaymentConsents {

    /** Brasília, where payment days begin and end. */
    public static final ZoneId BRASILIA = ZoneId.of("America/Sao_Paulo");

    public static final String CREDITOR_CNPJ = "58764789000137";
    /** Markup and an ampersand the spec's name pattern allows: pages must show them as text. */
    public static final String CREDITOR_NAME = "Padaria <b>São João</b> & Cia";
    public static final String AMOUNT = "1234.56";
    public static final Map<String, String> CREDITOR_ACCOUNT =
            Map.of("ispb", "12345678", "issuer", "1774", "number", "1234567890", "accountType", "CACC");
    /** The account the customer picks on the payment screen. */
    public static final Map<String, String> DEBTOR_ACCOUNT =
            Map.of("ispb", "87654321", "issuer", "0001", "number", "9876543210", "accountType", "SVGS");

    /**
     * The creditor account's institution in {@link #immediate} and {@link #custom}: not the payer's, so a screen
     * showing it shows the creditor's.
     */
    public static final String SCREEN_CREDITOR_ISPB = "99999004";
    /** The payment member of {@code acc-0001} in {@code TestUsers.PAYING_ACCOUNTS}, as a debtorAccount. */
    public static final String PAYING_CURRENT_ACCOUNT = "{\"ispb\":\"12345678\",\"issuer\":\"0001\",\"number\":\"9871234\",\"accountType\":\"CACC\"}";
    /** The payment member of {@code acc-0002}. */
    public static final String PAYING_SAVINGS_ACCOUNT = "{\"ispb\":\"12345678\",\"issuer\":\"0001\",\"number\":\"6545678\",\"accountType\":\"SVGS\"}";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final StoreDriver store;
    private final String clientId;

    /** @param clientId the partner's internal client id */
    public PaymentConsents(StoreDriver store, String clientId) {
        this.store = store;
        this.clientId = clientId;
    }

    /**
     * An immediate DICT payment for today in Brasília (the store's creation day, which its date rules take as
     * "today"), as the partner would send it: no debtor account yet.
     */
    public static String details() {
        return details(today());
    }

    /** The same payment on {@code date}: "today" for a consent the server creates on that day in Brasília. */
    public static String details(LocalDate date) {
        return "{\"loggedUser\":{\"document\":{\"identification\":\"" + DemoRealm.USER_CPF + "\",\"rel\":\"CPF\"}},"
                + "\"creditor\":{\"personType\":\"PESSOA_JURIDICA\",\"cpfCnpj\":\"" + CREDITOR_CNPJ + "\","
                + "\"name\":\"" + CREDITOR_NAME + "\"},"
                + "\"payment\":{\"type\":\"PIX\",\"date\":\"" + date + "\",\"currency\":\"BRL\",\"amount\":\"" + AMOUNT
                + "\",\"details\":{\"localInstrument\":\"DICT\",\"proxy\":\"12345678901\",\"creditorAccount\":"
                + "{\"ispb\":\"12345678\",\"issuer\":\"1774\",\"number\":\"1234567890\",\"accountType\":\"CACC\"}}}}";
    }

    /** A payment consent awaiting authorisation. */
    public String awaiting(String userId) {
        return awaiting(userId, today());
    }

    /** A payment consent awaiting authorisation, for an immediate payment on {@code date}. */
    public String awaiting(String userId, LocalDate date) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientId", clientId);
        body.put("userId", userId);
        body.put("type", "PAYMENT");
        body.put("permissions", List.of("PAYMENTS_INITIATE"));
        body.put("cpf", DemoRealm.USER_CPF);
        body.put("paymentDetails", details(date));
        return (String) store.create(body).get("id");
    }

    /** A payment consent the customer authorised, paying from {@link #DEBTOR_ACCOUNT}. */
    public String authorised(String userId) {
        return authorised(userId, today());
    }

    /** The same, for an immediate payment on {@code date} (the server's "today" when it is called). */
    public String authorised(String userId, LocalDate date) {
        String id = awaiting(userId, date);
        authorise(id, userId, true);
        return id;
    }

    /** Authorises as the payment screen does; {@code withDebtorAccount=false} stores no debtor account. */
    public void authorise(String id, String userId, boolean withDebtorAccount) {
        Map<String, Object> body = new HashMap<>();
        body.put("userId", userId);
        if (withDebtorAccount) {
            body.put("debtorAccount", DEBTOR_ACCOUNT);
        }
        StoreDriver.Reply reply = store.post("/consents/" + StoreDriver.encode(id) + "/authorise", body);
        assertEquals(200, reply.status(), String.valueOf(reply.body()));
    }

    /** Today in Brasília, the day a consent created now may be paid immediately. */
    public static LocalDate today() {
        return LocalDate.now(BRASILIA);
    }

    /** An immediate Pix of {@code amount} to a company named {@code creditorName}; {@code debtorAccount} JSON or null. */
    public static ObjectNode immediate(String creditorName, String amount, String debtorAccount) {
        return immediate(creditorName, amount, debtorAccount, today());
    }

    /** The same payment on {@code date}: "today" for a consent the server creates on that day in Brasília. */
    public static ObjectNode immediate(String creditorName, String amount, String debtorAccount, LocalDate date) {
        ObjectNode data = read("""
                {"loggedUser":{"document":{"identification":"%s","rel":"CPF"}},
                 "creditor":{"personType":"PESSOA_JURIDICA","cpfCnpj":"%s","name":"placeholder"},
                 "payment":{"type":"PIX","currency":"BRL","amount":"%s",
                   "details":{"localInstrument":"DICT","proxy":"12345678901",
                     "creditorAccount":{"ispb":"%s","issuer":"1774","number":"1234567890","accountType":"CACC"}}}}
                """.formatted(DemoRealm.USER_CPF, CREDITOR_CNPJ, amount, SCREEN_CREDITOR_ISPB));
        ((ObjectNode) data.get("creditor")).put("name", creditorName);
        ((ObjectNode) data.get("payment")).put("date", date.toString());
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

    /** Creates a payment consent with these details for the demo partner, awaiting authorisation; returns its id. */
    public static String create(ManagedRealm realm, ObjectNode paymentDetails) {
        String partner = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        return create(new StoreDriver(realm.getBaseUrl()), partner, paymentDetails);
    }

    /** The same for the client {@code partnerId} (internal id), without the admin API. */
    public static String create(StoreDriver store, String partnerId, ObjectNode paymentDetails) {
        return (String) store.create(Map.of(
                "clientId", partnerId, "type", "PAYMENT", "origin", "OPEN_FINANCE_API",
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
