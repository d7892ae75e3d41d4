package io.github.kcconsent.it.containers;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips every test of a {@code -Ptestcontainers} run on a machine without a Docker engine. */
public class DockerRequiredCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return Boolean.getBoolean(OfficialImageKeycloak.DOCKER_MISSING)
                ? ConditionEvaluationResult.disabled("no Docker engine: the testcontainers profile needs one")
                : ConditionEvaluationResult.enabled("Docker is available");
    }
}
