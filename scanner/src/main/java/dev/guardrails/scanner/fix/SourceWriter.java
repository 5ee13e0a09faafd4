package dev.guardrails.scanner.fix;

import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.model.ManifestObject;
import java.util.List;

/**
 * Turns edits on a rendered object into changes of the files its author owns, per app type.
 * Alternatives come in order of preference; none at all is a {@link FixException} saying why.
 */
public interface SourceWriter {

    List<Alternative> alternatives(AppTarget app, ManifestObject object, List<Edit> edits, SourceFiles files)
            throws FixException;
}
