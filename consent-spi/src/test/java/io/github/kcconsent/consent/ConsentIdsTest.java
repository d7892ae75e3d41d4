package io.github.kcconsent.consent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConsentIdsTest {

    @Test
    void anIdIsAUrnOfTheSpecsCharactersAndLength() {
        assertTrue(ConsentIds.isWellFormed("urn:consent-demo:0b5a3c1e-0d1f-4d6e-9a51-4bb0c0a2f6de"));
        assertTrue(ConsentIds.isWellFormed("urn:bank:C1DD33123"));
        assertTrue(ConsentIds.isWellFormed("urn:b:" + "x".repeat(250)), "256 characters");
    }

    @Test
    void anythingElseIsNotAConsentId() {
        for (String bad : new String[] {null, "", "urn:a:", "consent-1", "URN:bank:1", "urn:-bank:1",
                "urn:bank:white space", "urn:bank:<script>", "urn:" + "n".repeat(33) + ":1"}) {
            assertFalse(ConsentIds.isWellFormed(bad), String.valueOf(bad));
        }
        assertFalse(ConsentIds.isWellFormed("urn:b:" + "x".repeat(251)), "257 characters");
    }
}
