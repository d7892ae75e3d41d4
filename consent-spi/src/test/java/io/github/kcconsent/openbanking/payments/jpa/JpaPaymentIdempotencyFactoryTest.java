package io.github.kcconsent.openbanking.payments.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

class JpaPaymentIdempotencyFactoryTest {

    @Test
    void thePurgeOfExpiredKeysIsConfigurableWithItsDefaults() {
        Map<String, Object> options = new JpaPaymentIdempotencyFactory().getConfigMetadata().stream()
                .collect(Collectors.toMap(ProviderConfigProperty::getName, ProviderConfigProperty::getDefaultValue));
        assertEquals(Map.of("purge-interval", 3600, "purge-batch-size", 1000), options,
                "the options README names, with its defaults");
    }

    @Test
    void thePurgeTaskHasAPrefixedNameOfItsOwn() {
        // The name keys the cluster-wide claim of each interval: it must not collide with another task's.
        assertTrue(IdempotencyPurgeTask.TASK_NAME.startsWith("kcconsent-payment-idempotency"));
        assertEquals(IdempotencyPurgeTask.TASK_NAME, new IdempotencyPurgeTask(10).getTaskName());
    }
}
