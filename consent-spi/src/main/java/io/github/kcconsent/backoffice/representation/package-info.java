/**
 * What the back-office API ({@code /admin/realms/{realm}/consents}) returns, one class per JSON object, as
 * Keycloak keeps its own in {@code representations} packages.
 *
 * <p>Absent values are left out of the JSON, never written as {@code null}: that is what Keycloak's REST
 * mapper does with every body (it serialises with {@code NON_NULL}), and every class also says so itself so
 * the shape does not depend on which mapper writes it. Dates are ISO-8601 strings written by
 * {@code Instant.toString()}, so the shape does not depend on the mapper's date modules either.
 * The factories take everything already looked up (client ids, user names, history), so these classes need no
 * Keycloak session and are tested as plain objects.
 */
package io.github.kcconsent.backoffice.representation;
