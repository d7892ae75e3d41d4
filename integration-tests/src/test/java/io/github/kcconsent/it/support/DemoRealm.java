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
    /** The partner's Directory organisation id (client attribute kcconsent.organisationId). */
    public static final String PARTNER_ORGANISATION_ID = "5f69111d-5cb5-4d1d-9e5b-0e4b5b3d7a21";
    /** The bank's organisation id (realm attribute kcconsent.organisationId): iss of signed answers. */
    public static final String BANK_ORGANISATION_ID = "74e929d9-33b6-4d85-8ba7-c146c867a817";

    private DemoRealm() {
    }
}
