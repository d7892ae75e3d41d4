package io.github.kcconsent.maintenance;

import org.keycloak.provider.ProviderFactory;

public interface ConsentMaintenanceFactory extends ProviderFactory<ConsentMaintenance> {
}
