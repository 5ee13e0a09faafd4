package dev.guardrails.plugin.webhook;

/** Recognises the comment command {@code /guardrails rescan} (whitespace-tolerant, case-insensitive). */
final class RescanCommand {

    /** The trigger recorded on reviews started by the command. */
    static final String TRIGGER = "command";

    private RescanCommand() {
    }

    static boolean matches(String commentBody) {
        if (commentBody == null) {
            return false;
        }
        String[] words = commentBody.strip().split("\\s+");
        return words.length == 2 && words[0].equalsIgnoreCase("/guardrails") && words[1].equalsIgnoreCase("rescan");
    }
}
