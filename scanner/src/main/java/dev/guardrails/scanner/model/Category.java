package dev.guardrails.scanner.model;

import java.util.Locale;

/** The part of the production checklist a rule belongs to; profiles can set a mode per category. */
public enum Category {
    RESOURCES, PROBES, POD_SECURITY, HARDENING, IMAGES, AVAILABILITY, NETWORKING,
    NAMESPACES, SECRETS, SERVICE_ACCOUNTS, DEPRECATIONS, JOBS, METADATA,
    /** Role-based access control: what Roles grant and whom bindings grant it to. */
    RBAC,
    /** Objects of one app that refer to each other: selectors, backends, mounted objects. */
    REFERENCES,
    /** Objects the API server would reject or misread: schema, duplicate keys, invalid values. */
    SCHEMA,
    /** Findings about the scan itself: a failed render, an expired exemption. */
    PLATFORM;

    /** The kebab-case id used in config files and reports, e.g. {@code pod-security}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Category parse(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
