package dev.guardrails.scanner.fix;

import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.model.ManifestObject;
import java.util.List;

/** A directory app's object is its own source document: the edits go into it in place. */
final class PlainManifestWriter implements SourceWriter {

    @Override
    public List<Alternative> alternatives(AppTarget app, ManifestObject object, List<Edit> edits, SourceFiles files)
            throws FixException {
        String file = object.origin().file();
        if (file.isEmpty()) {
            throw new FixException("the object's source file is unknown");
        }
        YamlSourceEditor.DocumentSelector doc = new YamlSourceEditor.DocumentSelector(object.kind(), object.name(),
                object.origin().document());
        return List.of(new Alternative("in " + file, List.of(new DocumentEdits(file, doc, edits))));
    }
}
