/**
 * What our flows keep in Keycloak's authentication session that more than one package reads: which flow a
 * session belongs to. Depends on Keycloak only, so the link flow, the consent screen and self-service can all
 * use it without depending on each other.
 */
package io.github.kcconsent.authsession;
