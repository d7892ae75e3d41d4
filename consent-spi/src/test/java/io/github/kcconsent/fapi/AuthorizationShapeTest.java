package io.github.kcconsent.fapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AuthorizationShapeTest {

    @Test
    void theHybridResponseTypeInEitherOrderWithoutOrWithFragmentModePasses() {
        assertNull(AuthorizationShape.responseProblem("code id_token", null));
        assertNull(AuthorizationShape.responseProblem("id_token code", "fragment"));
        assertNull(AuthorizationShape.responseProblem(" code  id_token ", null));
    }

    @Test
    void everyOtherResponseTypeIsRefused() {
        for (String type : new String[]{null, "", " ", "code", "id_token", "token", "code token", "code id_token token",
                "code code", "code id_token code", "none", "CODE ID_TOKEN"}) {
            assertEquals(AuthorizationShape.RESPONSE_TYPE, AuthorizationShape.responseProblem(type, null), String.valueOf(type));
        }
    }

    @Test
    void everyResponseModeButFragmentIsRefused() {
        for (String mode : new String[]{"query", "form_post", "jwt", "fragment.jwt", "query.jwt", "form_post.jwt", "", "FRAGMENT"}) {
            assertEquals(AuthorizationShape.RESPONSE_MODE, AuthorizationShape.responseProblem("code id_token", mode), mode);
        }
    }

    @Test
    void theResponseTypeIsJudgedBeforeTheMode() {
        assertEquals(AuthorizationShape.RESPONSE_TYPE, AuthorizationShape.responseProblem("code", "jwt"));
    }
}
