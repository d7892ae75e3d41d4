package io.github.kcconsent.decision;

import java.util.Map;

/**
 * Payments are authorised at the security profile's LoA3 ({@value #LOA3}): when the client's (or realm's)
 * {@code acr.loa.map} defines that level, a payment consent is shown only to an authentication that reached it;
 * a lower one ends the authorization with {@code access_denied}, and the partner asks again with the essential
 * acr claim naming LoA3 (Keycloak then steps the session up with the second factor). A realm that maps no LoA3
 * (the demo realm) has no levels to compare, so the rule does not apply there. Pure, so the rule is unit-tested
 * on its own.
 */
final class PaymentLevel {

    static final String LOA3 = "urn:brasil:openbanking:loa3";
    static final String TOO_LOW = "a payment consent is authorised only at " + LOA3
            + ": request it as an essential acr claim with that value";

    private PaymentLevel() {
    }

    /**
     * @param acrLoaMap the client's acr-to-level map (Keycloak's {@code acr.loa.map}, client over realm)
     * @param reached   the level this authentication reached; negative when no level was recorded
     */
    static boolean tooLow(Map<String, Integer> acrLoaMap, int reached) {
        Integer required = acrLoaMap == null ? null : acrLoaMap.get(LOA3);
        return required != null && reached < required;
    }
}
