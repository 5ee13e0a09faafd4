package dev.guardrails.plugin.server;

import dev.guardrails.plugin.cmp.CmpGenerator;
import dev.guardrails.plugin.engine.Engines;
import dev.guardrails.plugin.ops.GuardrailsMetrics;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/** One engine per server: rules and renderers are stateless, so every request shares them. */
@Factory
public class EngineFactory {

    /** The engine, exporting per-app render/check latency and findings when metrics are on. */
    @Singleton
    GuardrailsEngine engine(Optional<GuardrailsMetrics> metrics) {
        GuardrailsEngine engine = Engines.create();
        return metrics.<GuardrailsEngine>map(engine::withListener).orElse(engine);
    }

    @Singleton
    CmpGenerator cmpGenerator(GuardrailsEngine engine) {
        return new CmpGenerator(engine, Clock.systemUTC());
    }
}
