package io.github.kcconsent.decision;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import io.github.kcconsent.accounts.Account;

/**
 * The accounts ticked on the consent screen, checked against the user's accounts: valid when at least one is
 * ticked and every ticked id is one of the user's. Otherwise nothing changes and the screen is shown again
 * with the error {@link #ERROR}, still ticking the ticked ids that are the user's.
 */
record AccountChoice(boolean valid, List<Account> chosen, Set<String> ticked) {

    /** The message key of the screen shown again. */
    static final String ERROR = "kcConsentSelectAccount";

    AccountChoice {
        chosen = List.copyOf(chosen);
        ticked = Collections.unmodifiableSet(new LinkedHashSet<>(ticked));
    }

    /**
     * {@code chosen}: the user's accounts in the order ticked (an id listed twice by the account source counts
     * its first account). {@code ticked}: what the screen shown again ticks.
     */
    static AccountChoice of(List<Account> userAccounts, Set<String> ticked) {
        Map<String, Account> byId = userAccounts.stream()
                .collect(Collectors.toMap(Account::id, Function.identity(), (a, b) -> a));
        Set<String> selected = new LinkedHashSet<>(ticked);
        if (selected.isEmpty() || !byId.keySet().containsAll(selected)) {
            selected.retainAll(byId.keySet());
            return new AccountChoice(false, List.of(), selected);
        }
        List<Account> chosen = new ArrayList<>();
        for (String id : selected) {
            chosen.add(byId.get(id));
        }
        return new AccountChoice(true, chosen, selected);
    }

    /** The chosen accounts' ids, in the order ticked. */
    List<String> chosenIds() {
        return chosen.stream().map(Account::id).toList();
    }
}
