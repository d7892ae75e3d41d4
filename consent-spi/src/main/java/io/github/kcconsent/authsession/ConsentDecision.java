package io.github.kcconsent.authsession;

import java.util.Arrays;
import java.util.List;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What the user decided on the consent screen, kept in the authentication session so that a reload, a
 * second click or the final redirect all see the one decision that was recorded.
 */
public record ConsentDecision(Result result, String consentId, List<String> resourceIds) {

    public enum Result {
        APPROVED("approved"), IGNORED("ignored"), ALREADY_GRANTED("already_granted");

        private final String wire;

        Result(String wire) {
            this.wire = wire;
        }

        /** The {@code consent_result} value sent to the partner. */
        public String wire() {
            return wire;
        }
    }

    static final String RESULT = "kcconsent.decision.result";
    static final String CONSENT_ID = "kcconsent.decision.consentId";
    static final String RESOURCE_IDS = "kcconsent.decision.resourceIds";

    public ConsentDecision {
        resourceIds = List.copyOf(resourceIds);
    }

    public void writeTo(AuthenticationSessionModel authSession) {
        authSession.setAuthNote(RESULT, result.name());
        authSession.setAuthNote(CONSENT_ID, consentId == null ? "" : consentId);
        // Resource ids are bank-assigned identifiers (no spaces); a space joins them.
        authSession.setAuthNote(RESOURCE_IDS, String.join(" ", resourceIds));
    }

    public static ConsentDecision readFrom(AuthenticationSessionModel authSession) {
        String result = authSession.getAuthNote(RESULT);
        if (result == null) {
            return null;
        }
        String ids = authSession.getAuthNote(RESOURCE_IDS);
        String consentId = authSession.getAuthNote(CONSENT_ID);
        return new ConsentDecision(Result.valueOf(result), consentId == null || consentId.isEmpty() ? null : consentId,
                ids == null || ids.isEmpty() ? List.of() : Arrays.asList(ids.split(" ")));
    }
}
