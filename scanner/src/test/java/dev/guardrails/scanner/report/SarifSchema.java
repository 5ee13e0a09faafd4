package dev.guardrails.scanner.report;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The official OASIS SARIF 2.1.0 schema (draft-07, copied from oasis-tcs/sarif-spec into test
 * resources so tests need no network) and a validator for it.
 */
final class SarifSchema {

    private static final Schema SCHEMA = load();

    private SarifSchema() {
    }

    private static Schema load() {
        try (InputStream in = SarifSchema.class.getResourceAsStream("/report/sarif-schema-2.1.0.json")) {
            if (in == null) {
                throw new IllegalStateException("missing /report/sarif-schema-2.1.0.json");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoClassDefFoundError e) {
            // json-schema-validator 3 runs on Jackson 3, which needs jackson-annotations 2.21+.
            throw new IllegalStateException("json-schema-validator needs com.fasterxml.jackson.core:jackson-annotations"
                    + " 2.21 or later on the test classpath (Jackson 3.1 uses its newer annotations): " + e, e);
        }
    }

    /** Schema violations of {@code json}; empty when it is valid SARIF 2.1.0. */
    static List<Error> validate(String json) {
        return SCHEMA.validate(json, InputFormat.JSON);
    }
}
