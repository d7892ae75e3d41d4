package io.github.kcconsent.it.support;

/**
 * Same server as {@link ConsentServerConfig}, but a different class: the test framework restarts Keycloak
 * for it (on the same database). Its name sorts after ConsentServerConfig, so the framework's class orderer
 * runs its tests after every test of the first server. (The orderer compares fully qualified names: the
 * server configurations stay together in this package so that the order holds.)
 */
public class RestartedConsentServerConfig extends ConsentServerConfig {
}
