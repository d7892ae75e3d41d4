package io.github.kcconsent.decision;

import io.github.kcconsent.authsession.ConsentDecision;

/**
 * What a post of the consent-link screen leads to. One decision per authentication session: once one is
 * recorded, only Continuar moves on; any other post (a second click, a reload, the back button) shows the
 * recorded result again.
 */
enum LinkPostStep {
    /** The result page's Continuar: the login goes on to the partner. */
    CONTINUE_LOGIN,
    /** A decision is recorded: its result page again, nothing changes. */
    SHOW_RESULT_AGAIN,
    /** Permitir, first decision. */
    APPROVE,
    /** Ignorar, first decision. */
    IGNORE,
    /** No button: the screen again. */
    SHOW_SCREEN;

    static LinkPostStep after(ConsentDecision recorded, DecisionForm.Action posted) {
        if (recorded != null) {
            return posted == DecisionForm.Action.CONTINUE ? CONTINUE_LOGIN : SHOW_RESULT_AGAIN;
        }
        return switch (posted) {
            case APPROVE -> APPROVE;
            case IGNORE -> IGNORE;
            default -> SHOW_SCREEN;
        };
    }
}
