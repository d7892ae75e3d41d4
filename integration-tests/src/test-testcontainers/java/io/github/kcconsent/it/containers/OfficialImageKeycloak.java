package io.github.kcconsent.it.containers;

import java.io.File;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import io.github.kcconsent.it.support.ConsentServerConfig;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Only with {@code -Ptestcontainers}: before any test runs, starts the official Keycloak image
 * ({@code quay.io/keycloak/keycloak:<keycloak.version>}) with our jars in providers/ and exactly the options
 * of {@link ConsentServerConfig}; the test framework then runs the same suite against it in "remote" mode.
 * The container shares the host network (Linux), so it listens on localhost:8080/9000 like the distribution
 * the default build starts, and reaches the tests' local webhook receivers and partner stand-ins.
 * Without a Docker engine nothing is started and {@link DockerRequiredCondition} skips every test.
 */
public class OfficialImageKeycloak implements LauncherSessionListener {

    static final String DOCKER_MISSING = "kcconsent.testcontainers.dockerMissing";

    private KeycloakContainer container;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!dockerAvailable()) {
            System.setProperty(DOCKER_MISSING, "true");
            System.out.println("[kc-consent] -Ptestcontainers: no Docker engine here, every test is skipped.");
            return;
        }
        KeycloakContainer keycloak = new KeycloakContainer("quay.io/keycloak/keycloak:" + System.getProperty("kcconsent.keycloak.version"))
                .withProviderLibsFrom(providerJars())
                .withEnv("KC_BOOTSTRAP_ADMIN_CLIENT_ID", "temp-admin")
                .withEnv("KC_BOOTSTRAP_ADMIN_CLIENT_SECRET", "mysecret")
                .withEnv("KC_HEALTH_ENABLED", "true");
        for (String option : serverOptions()) {
            keycloak = keycloak.withCustomCommand(option);
        }
        keycloak.withNetworkMode("host");
        keycloak.waitingFor(Wait.forLogMessage(".*Keycloak.* started in .*", 1).withStartupTimeout(Duration.ofMinutes(5)));
        keycloak.start();
        container = keycloak;
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (container != null) {
            container.stop();
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The CLI options the default build passes to the distribution (SPI options, cache, …), minus the command. */
    private static List<String> serverOptions() {
        try {
            KeycloakServerConfigBuilder builder = new ConsentServerConfig().configure(KeycloakServerConfigBuilder.startDev());
            Method toArgs = KeycloakServerConfigBuilder.class.getDeclaredMethod("toArgs");
            toArgs.setAccessible(true);
            @SuppressWarnings("unchecked")
            List<String> args = new ArrayList<>((List<String>) toArgs.invoke(builder));
            args.remove("start-dev"); // the container adds its own start-dev
            return args;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the test server configuration", e);
        }
    }

    private static List<File> providerJars() {
        List<File> jars = new ArrayList<>();
        for (String path : System.getProperty("kcconsent.providers", "").split(",")) {
            File jar = new File(path.trim());
            if (!jar.isFile()) {
                throw new IllegalStateException("provider jar missing (build the modules first): " + jar);
            }
            jars.add(jar);
        }
        return jars;
    }
}
