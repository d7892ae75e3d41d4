package io.github.kcconsent.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Payment consents straight into the store (the Payments API is not what these tests are about), in the shared
 * contract's shape: type PAYMENT, permission PAYMENTS_INITIATE, the request's {@code data} members as the
 * stored payment details, and at authorisation the debtor account the customer chose.
 */
public final class PaymentConsents {

    public static final String CREDITOR_CNPJ = "58764789000137";
    /** Markup and an ampersand the spec's name pattern allows: pages must show them as text. */
    public static final String CREDITOR_NAME = "Padaria <b>São João</b> & Cia";
    public static final String AMOUNT = "1234.56";
    public static final Map<String, String> CREDITOR_ACCOUNT =
            Map.of("ispb", "12345678", "issuer", "1774", "number", "1234567890", "accountType", "CACC");
    /** The account the customer picks on the payment screen. */
    public static final Map<String, String> DEBTOR_ACCOUNT =
            Map.of("ispb", "87654321", "issuer", "0001", "number", "9876543210", "accountType", "SVGS");

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
        String today = LocalDate.now(ZoneId.of("America/Sao_Paulo")).toString();
        return "{\"loggedUser\":{\"document\":{\"identification\":\"" + DemoRealm.USER_CPF + "\",\"rel\":\"CPF\"}},"
                + "\"creditor\":{\"personType\":\"PESSOA_JURIDICA\",\"cpfCnpj\":\"" + CREDITOR_CNPJ + "\","
                + "\"name\":\"" + CREDITOR_NAME + "\"},"
                + "\"payment\":{\"type\":\"PIX\",\"date\":\"" + today + "\",\"currency\":\"BRL\",\"amount\":\"" + AMOUNT
                + "\",\"details\":{\"localInstrument\":\"DICT\",\"proxy\":\"12345678901\",\"creditorAccount\":"
                + "{\"ispb\":\"12345678\",\"issuer\":\"1774\",\"number\":\"1234567890\",\"accountType\":\"CACC\"}}}}";
    }

    /** A payment consent awaiting authorisation. */
    public String awaiting(String userId) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientId", clientId);
        body.put("userId", userId);
        body.put("type", "PAYMENT");
        body.put("permissions", List.of("PAYMENTS_INITIATE"));
        body.put("cpf", DemoRealm.USER_CPF);
        body.put("paymentDetails", details());
        return (String) store.create(body).get("id");
    }

    /** A payment consent the customer authorised, paying from {@link #DEBTOR_ACCOUNT}. */
    public String authorised(String userId) {
        String id = awaiting(userId);
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
}
