package dev.guardrails.plugin.review;

/** The Git hosting service a pull/merge request lives on. */
public enum Forge {
    GITHUB, GITLAB
}
