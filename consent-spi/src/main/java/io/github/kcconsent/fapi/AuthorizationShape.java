package io.github.kcconsent.fapi;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The shape of an authorization request the Open Finance Brasil profile accepts (see the package description).
 * Pure: strings in, the refusal's description out.
 */
public final class AuthorizationShape {

    public static final String RESPONSE_TYPE = "response_type must be 'code id_token'";
    public static final String RESPONSE_MODE = "response_mode must be 'fragment' (or absent)";
    public static final String REQUEST_OBJECT = "the authorization request must be a signed request object";
    public static final String SCOPE_IN_REQUEST_OBJECT = "scope must be inside the signed request object";

    private static final Set<String> HYBRID = Set.of("code", "id_token");

    private AuthorizationShape() {
    }

    /** Null when {@code responseType} and {@code responseMode} are the profile's; the refusal otherwise. */
    public static String responseProblem(String responseType, String responseMode) {
        List<String> types = responseType == null || responseType.isBlank() ? List.of()
                : Arrays.asList(responseType.trim().split(" +"));
        if (types.size() != HYBRID.size() || !HYBRID.equals(Set.copyOf(types))) {
            return RESPONSE_TYPE;
        }
        if (responseMode != null && !"fragment".equals(responseMode)) {
            return RESPONSE_MODE;
        }
        return null;
    }
}
