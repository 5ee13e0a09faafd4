package dev.guardrails.plugin.forge;

/** An open pull/merge request as listed by the forge, enough to decide whether it needs a review. */
public record OpenRequest(String repository, String projectId, int number, String headSha) {
}
