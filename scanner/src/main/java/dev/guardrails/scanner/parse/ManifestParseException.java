package dev.guardrails.scanner.parse;

/** Input that cannot be read as Kubernetes manifests; the message names the file, line and reason. */
public class ManifestParseException extends Exception {

    private final String file;
    private final int line;
    private final String reason;

    public ManifestParseException(String file, int line, String reason) {
        super(line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** The reason alone, without the file and line (for output that shows the location already). */
    public String reason() {
        return reason;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
