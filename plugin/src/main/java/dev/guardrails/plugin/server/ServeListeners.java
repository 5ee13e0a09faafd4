package dev.guardrails.plugin.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's listeners: the main one (health, webhooks, metrics) where the operator says, and, when
 * the CMP endpoint is on, a second one on 127.0.0.1 that alone serves it.
 */
public final class ServeListeners {

    /** The CMP endpoint's listener is bound here and nowhere else. */
    public static final String CMP_HOST = "127.0.0.1";

    private ServeListeners() {
    }

    /** Server properties for the listeners. */
    public static Map<String, Object> properties(String host, int port, boolean cmpEnabled, int cmpPort) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("micronaut.server.host", host);
        props.put("micronaut.server.port", port);
        if (cmpEnabled) {
            if (cmpPort == port) {
                throw new IllegalArgumentException("guardrails.cmp.port must differ from the server port " + port);
            }
            props.put("micronaut.server.netty.listeners.main.host", host);
            props.put("micronaut.server.netty.listeners.main.port", port);
            props.put("micronaut.server.netty.listeners.cmp.host", CMP_HOST);
            props.put("micronaut.server.netty.listeners.cmp.port", cmpPort);
        }
        return props;
    }
}
