package io.github.kcconsent.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version this jar was built as, read once from a Maven-filtered resource. Immutable after class load,
 * so sharing it is safe on every node.
 */
public final class ExtensionVersion {

    public static final String NAME = "kc-consent";

    private static final Properties BUILD = load();

    private ExtensionVersion() {
    }

    public static String version() {
        return BUILD.getProperty("version", "unknown");
    }

    public static String builtForKeycloak() {
        return BUILD.getProperty("keycloak.version", "unknown");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = ExtensionVersion.class.getResourceAsStream("/consent-extension.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read consent-extension.properties", e);
        }
        return properties;
    }
}
