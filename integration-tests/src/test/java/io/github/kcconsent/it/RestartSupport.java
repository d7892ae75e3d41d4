package io.github.kcconsent.it;

/** The test server's URLs for realms the framework does not manage. */
final class RestartSupport {

    static final String SERVER = "http://localhost:8080";

    private RestartSupport() {
    }

    static String realmUrl(String realm) {
        return SERVER + "/realms/" + realm;
    }
}
