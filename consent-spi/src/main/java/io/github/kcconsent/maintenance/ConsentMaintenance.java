package io.github.kcconsent.maintenance;

import org.keycloak.provider.Provider;

/**
 * The extension's background upkeep of consent data ({@code kcconsent-maintenance} SPI): the expiry sweeper and
 * the consents' re-encryption, scheduled by the factory on Keycloak's cluster-aware timer. Nothing here is done
 * per request, so the provider itself has no operations; the SPI exists so that the scheduling and its options
 * belong to this package and not to the store, which must not know who works on its rows.
 */
public interface ConsentMaintenance extends Provider {
}
