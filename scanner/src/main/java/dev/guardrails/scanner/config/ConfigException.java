package dev.guardrails.scanner.config;

/** A {@code .guardrails.yaml} that cannot be used; the message names the file, field and problem. */
public class ConfigException extends Exception {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
