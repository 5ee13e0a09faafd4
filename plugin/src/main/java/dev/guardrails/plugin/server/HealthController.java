package dev.guardrails.plugin.server;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** {@code GET /health}: answered on the event loop, so a busy worker pool never makes the pod look dead. */
@Controller
public class HealthController {

    @Get(uri = "/health", produces = MediaType.TEXT_PLAIN)
    public String health() {
        return "ok\n";
    }
}
