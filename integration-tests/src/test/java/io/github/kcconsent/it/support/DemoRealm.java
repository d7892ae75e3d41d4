package io.github.kcconsent.it.support;

/** Facts about realm-config/consent-demo-realm.json the tests rely on. */
public final class DemoRealm {

    public static final String JSON = "/realm-config/consent-demo-realm.json";
    public static final String NAME = "consent-demo";
    public static final String PARTNER_CLIENT_ID = "demo-partner";
    public static final String PARTNER_REDIRECT_URI = "http://localhost:8090/callback";
    public static final String USER = "maria";
    public static final String USER_PASSWORD = "maria";
    public static final String USER_CPF = "52998224725";

    private DemoRealm() {
    }
}
