package io.github.kcconsent.decision;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * What a post of the consent screen asks for: the button (its {@code decision} field) and the ticked accounts
 * (the {@code account} fields, in the order posted, each once).
 */
record DecisionForm(Action action, Set<String> accounts) {

    static final String DECISION = "decision";
    static final String ACCOUNT = "account";

    /** The screen's buttons; anything else posted, or nothing, is {@link #NONE}. */
    enum Action {
        /** Permitir. */
        APPROVE("approve"),
        /** Ignorar. */
        IGNORE("ignore"),
        /** Continuar, on the result page. */
        CONTINUE("continue"),
        NONE(null);

        private final String value;

        Action(String value) {
            this.value = value;
        }

        static Action of(String posted) {
            for (Action a : values()) {
                if (a.value != null && a.value.equals(posted)) {
                    return a;
                }
            }
            return NONE;
        }
    }

    DecisionForm {
        accounts = Collections.unmodifiableSet(new LinkedHashSet<>(accounts));
    }

    /** Reads the button and the ticked accounts; a missing field is no button, no account. */
    static DecisionForm read(String decision, List<String> accounts) {
        return new DecisionForm(Action.of(decision), new LinkedHashSet<>(accounts == null ? List.of() : accounts));
    }

    static DecisionForm read(MultivaluedMap<String, String> form) {
        return read(form.getFirst(DECISION), form.get(ACCOUNT));
    }
}
