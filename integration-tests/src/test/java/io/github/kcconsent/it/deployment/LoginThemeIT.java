package io.github.kcconsent.it.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Http;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/** The kc-consent login theme (from the theme jar in providers/) renders Keycloak's login page. */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class LoginThemeIT {

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    @Test
    void loginPageRendersWithOurThemeInPortuguese() {
        HttpResponse<String> response = Http.get(authorizationUrl(null));

        assertEquals(200, response.statusCode(), response.body());
        String html = response.body();
        assertTrue(html.contains("/login/kc-consent/css/kc-consent.css"), "our stylesheet is linked");
        assertTrue(html.contains("lang=\"pt-BR\""), "Portuguese is the realm default");
        assertTrue(html.contains("Banco Demo"), "the realm's own branding still applies");
        // The theme's own stylesheet is served from the jar, not just referenced.
        String css = html.replaceAll("(?s).*href=\"([^\"]*kc-consent\\.css)\".*", "$1");
        HttpResponse<String> cssResponse = Http.get(realm.getBaseUrl().replaceAll("/realms/.*", "") + css);
        assertEquals(200, cssResponse.statusCode());
        assertTrue(cssResponse.body().contains("--kc-consent-accent"));
    }

    @Test
    void loginPageRendersInEnglishWhenAsked() {
        HttpResponse<String> response = Http.get(authorizationUrl("en"));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("lang=\"en\""));
        assertTrue(response.body().contains("/login/kc-consent/css/kc-consent.css"));
    }

    private String authorizationUrl(String uiLocale) {
        // The Account Console's client: partners must use PAR with a signed request object (client policy).
        String url = realm.getBaseUrl() + "/protocol/openid-connect/auth"
                + "?client_id=account-console"
                + "&response_type=code&scope=openid"
                + "&redirect_uri=" + URLEncoder.encode(realm.getBaseUrl() + "/account/", StandardCharsets.UTF_8)
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
                + "&state=s1&nonce=n1";
        return uiLocale == null ? url : url + "&ui_locales=" + uiLocale;
    }
}
