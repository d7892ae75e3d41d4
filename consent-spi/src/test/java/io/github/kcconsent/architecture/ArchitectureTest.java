package io.github.kcconsent.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: the domain at the bottom, then what it is stored with, the store, the contracts
 * of Keycloak's sessions, the services that react to consents, the consent screen, and the entrances on top.
 * The layering is docs/architecture.md's picture; change both together.
 */
class ArchitectureTest {

    static final Layers LAYERS = Layers.under("io.github.kcconsent")
            // pure cores: no Keycloak runtime, no store (the Open Finance wire format is shared by every API)
            .layer("consent", "support", "link.validation", "openbanking.api")
            .layer("crypto", "accounts", "clientsettings", "permissions", "openbanking.validation", "openbanking.jws")
            .layer("store", "openbanking.consents.validation", "openbanking.payments.validation")
            // what our flows keep in Keycloak's authentication and client sessions (one owner of each note)
            .layer("authsession")
            // signed receipts of the store's events: the webhook payload carries them
            .layer("receipt")
            // services around a stored consent; none of them knows another
            .layer("token", "webhook", "maintenance", "fapi", "openbanking.renewal", "metrics")
            .layer("decision", "openbanking.partner")
            .layer("link")
            .layer("selfservice", "backoffice", "openbanking.consents", "openbanking.payments")
            // entrances that mount several features
            .layer("web", "openbanking");

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.kcconsent");

    @Test
    void noPackageDependsOnAHigherOrSiblingLayer() {
        List<String> violations = LAYERS.violations(MAIN);
        assertEquals(List.of(), violations, String.join("\n", violations));
    }

    @Test
    void everyPackageOfTheProviderJarIsInTheLayering() {
        assertTrue(MAIN.size() > 100, "the main classes were imported (" + MAIN.size() + ")");
        assertTrue(LAYERS.violations(MAIN).stream().noneMatch(v -> v.contains("is in no layer")));
    }

    @Test
    void onlyTheJpaPackagesUseThePersistenceApi() {
        List<String> users = MAIN.stream()
                .filter(c -> !c.getPackageName().matches(".*\\.jpa(\\..*)?"))
                .filter(c -> c.getDirectDependenciesFromSelf().stream()
                        .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("jakarta.persistence")))
                .map(JavaClass::getName)
                .sorted()
                .toList();
        assertEquals(List.of(), users, "the EntityManager and entities stay behind each SPI's jpa package");
    }

    @Test
    void anUpwardDependencyIsReported() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.github.kcconsent.architecture.fixture");
        List<String> violations = Layers.under("io.github.kcconsent.architecture.fixture")
                .layer("low", "other").layer("high").violations(fixture);
        assertEquals(List.of("low -> high: io.github.kcconsent.architecture.fixture.low.Low uses "
                + "io.github.kcconsent.architecture.fixture.high.High"), violations);
    }

    @Test
    void aSiblingDependencyAndAnUnplacedPackageAreReported() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.github.kcconsent.architecture.fixture");
        List<String> violations = Layers.under("io.github.kcconsent.architecture.fixture")
                .layer("low", "high").violations(fixture);
        assertEquals(List.of(
                "high -> low: io.github.kcconsent.architecture.fixture.high.High uses io.github.kcconsent.architecture.fixture.low.Low",
                "io.github.kcconsent.architecture.fixture.other.Other is in no layer (place its package in ArchitectureTest)",
                "low -> high: io.github.kcconsent.architecture.fixture.low.Low uses io.github.kcconsent.architecture.fixture.high.High"),
                violations);
    }
}
