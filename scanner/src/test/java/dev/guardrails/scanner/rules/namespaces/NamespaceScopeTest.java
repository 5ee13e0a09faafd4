package dev.guardrails.scanner.rules.namespaces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.rule.Bundle;
import dev.guardrails.scanner.rules.availability.InlineRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceScopeTest {

    @Test
    void picksTheFirstWorkloadPerLandingNamespace() {
        List<ManifestObject> objects = InlineRun.parse("""
                {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}
                ---
                {apiVersion: v1, kind: Pod, metadata: {name: a, namespace: apps}}
                ---
                {apiVersion: apps/v1, kind: Deployment, metadata: {name: b}}
                ---
                {apiVersion: apps/v1, kind: Deployment, metadata: {name: c, namespace: apps}}
                ---
                {apiVersion: batch/v1, kind: Job, metadata: {name: d, namespace: shop}}
                """);
        Bundle bundle = new Bundle(objects, "apps");
        assertThat(objects).filteredOn(o -> NamespaceScope.isFirstWorkload(o, bundle))
                .extracting(ManifestObject::name)
                .containsExactly("a", "d");
        Bundle elsewhere = new Bundle(objects, "shop");
        assertThat(objects).filteredOn(o -> NamespaceScope.isFirstWorkload(o, elsewhere))
                .extracting(ManifestObject::name)
                .containsExactly("a", "b");
    }
}
