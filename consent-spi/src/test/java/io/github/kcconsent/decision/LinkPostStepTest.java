package io.github.kcconsent.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.github.kcconsent.authsession.ConsentDecision;
import io.github.kcconsent.authsession.ConsentDecision.Result;
import io.github.kcconsent.decision.DecisionForm.Action;
import org.junit.jupiter.api.Test;

/** One decision per authentication session: what each post of the consent-link screen leads to. */
class LinkPostStepTest {

    static final ConsentDecision APPROVED = new ConsentDecision(Result.APPROVED, "urn:consent:1", List.of("acc-1"));
    static final ConsentDecision IGNORED = new ConsentDecision(Result.IGNORED, "urn:consent:2", List.of());
    static final ConsentDecision ALREADY = new ConsentDecision(Result.ALREADY_GRANTED, "urn:consent:3", List.of());

    @Test
    void beforeAnyDecisionPermitirApprovesAndIgnorarIgnores() {
        assertEquals(LinkPostStep.APPROVE, LinkPostStep.after(null, Action.APPROVE));
        assertEquals(LinkPostStep.IGNORE, LinkPostStep.after(null, Action.IGNORE));
    }

    @Test
    void beforeAnyDecisionAPostWithoutAButtonOrWithContinuarShowsTheScreenAgain() {
        assertEquals(LinkPostStep.SHOW_SCREEN, LinkPostStep.after(null, Action.NONE));
        assertEquals(LinkPostStep.SHOW_SCREEN, LinkPostStep.after(null, Action.CONTINUE));
    }

    @Test
    void afterADecisionOnlyContinuarMovesOn() {
        for (ConsentDecision recorded : List.of(APPROVED, IGNORED, ALREADY)) {
            assertEquals(LinkPostStep.CONTINUE_LOGIN, LinkPostStep.after(recorded, Action.CONTINUE), recorded.toString());
        }
    }

    @Test
    void afterADecisionASecondClickOrAReloadShowsTheRecordedResultAgain() {
        for (ConsentDecision recorded : List.of(APPROVED, IGNORED, ALREADY)) {
            for (Action posted : List.of(Action.APPROVE, Action.IGNORE, Action.NONE)) {
                assertEquals(LinkPostStep.SHOW_RESULT_AGAIN, LinkPostStep.after(recorded, posted), recorded + " " + posted);
            }
        }
    }

    @Test
    void anExistingConsentShowsTheAlreadyGrantedPageAndADecisionTheSuccessPage() {
        assertEquals("kcconsent-already-granted.ftl", ConsentDecisionRequiredAction.resultTemplate(Result.ALREADY_GRANTED));
        assertEquals("kcconsent-success.ftl", ConsentDecisionRequiredAction.resultTemplate(Result.APPROVED));
        assertEquals("kcconsent-success.ftl", ConsentDecisionRequiredAction.resultTemplate(Result.IGNORED));
    }
}
