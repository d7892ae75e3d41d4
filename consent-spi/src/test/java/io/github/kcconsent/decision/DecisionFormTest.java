package io.github.kcconsent.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.github.kcconsent.decision.DecisionForm.Action;
import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.Test;

/** The consent screen's post read as a decision: which button, which accounts. */
class DecisionFormTest {

    @Test
    void permitirIgnorarAndContinuarAreTheScreensThreeButtons() {
        assertEquals(Action.APPROVE, DecisionForm.read("approve", null).action());
        assertEquals(Action.IGNORE, DecisionForm.read("ignore", null).action());
        assertEquals(Action.CONTINUE, DecisionForm.read("continue", null).action());
    }

    @Test
    void noButtonAnUnknownOneOrAnotherCaseIsNoDecision() {
        assertEquals(Action.NONE, DecisionForm.read(null, null).action());
        assertEquals(Action.NONE, DecisionForm.read("", null).action());
        assertEquals(Action.NONE, DecisionForm.read("APPROVE", null).action());
        assertEquals(Action.NONE, DecisionForm.read("delete", null).action());
    }

    @Test
    void tickedAccountsKeepThePostedOrderAndCountOnce() {
        assertEquals(List.of("acc-2", "acc-1"), List.copyOf(DecisionForm.read("approve", List.of("acc-2", "acc-1", "acc-2")).accounts()));
    }

    @Test
    void noAccountFieldIsNoAccountTicked() {
        assertEquals(List.of(), List.copyOf(DecisionForm.read("approve", null).accounts()));
    }

    @Test
    void theFormFieldsAreDecisionAndEveryAccount() {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.add("decision", "approve");
        form.add("decision", "ignore");
        form.add("account", "acc-1");
        form.add("account", "acc-3");

        DecisionForm read = DecisionForm.read(form);

        assertEquals(Action.APPROVE, read.action(), "the first decision field counts");
        assertEquals(List.of("acc-1", "acc-3"), List.copyOf(read.accounts()));
    }
}
