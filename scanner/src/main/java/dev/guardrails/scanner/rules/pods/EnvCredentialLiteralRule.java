package dev.guardrails.scanner.rules.pods;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An environment variable whose name says credential carries a literal value. Only literal
 * {@code value}s count: {@code valueFrom} (Secret, ConfigMap, field refs) is how it should be done.
 */
public final class EnvCredentialLiteralRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "env-credential-literal",
            "Environment variable holds a literal credential",
            Category.SECRETS,
            Severity.HIGH,
            "A password, token or key written as an env value lives in Git history, in every "
                    + "rendered manifest and in the pod spec that anyone with read access to pods can see.",
            "Move the value into a Secret (sealed or synced from a secret manager) and reference it "
                    + "with env[].valueFrom.secretKeyRef.");

    /** Name parts that mean the value is a credential. */
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(^|_)(PASSWORD|PASSWD|PASSPHRASE|PWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|SECRET_?KEY|PRIVATE_?KEY"
                    + "|CLIENT_?SECRET|CREDENTIALS?|AUTH_?KEY|SIGNING_?KEY|ENCRYPTION_?KEY)($|_)");

    /** Name endings that say the variable holds something about a credential, not the credential. */
    private static final Pattern NOT_A_VALUE = Pattern.compile(
            "_(FILE|PATH|DIR|NAME|REF|KEY_ID|ID|ENABLED|ENABLE|DISABLED|TTL|EXPIRY|EXPIRATION|TIMEOUT"
                    + "|LENGTH|SIZE|MIN|MAX|HEADER|TYPE|URL|URI|ENDPOINT|ISSUER|AUDIENCE|FIELD|VERSION)$");

    /** Values that are clearly not secrets: booleans, numbers, paths, variable references. */
    private static final Pattern HARMLESS_VALUE = Pattern.compile(
            "(?i)true|false|yes|no|on|off|none|null|\\d+[smhd]?|/.*|\\$\\([A-Za-z_][A-Za-z0-9_]*\\)|\\$\\{[^}]*}");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            for (Container c : pod.allContainers()) {
                for (PodRules.Element env : PodRules.elements(c, "env")) {
                    String name = env.text("name");
                    JsonNode value = env.node().path("value");
                    if (looksLikeCredential(name) && value.isValueNode() && !value.isNull()
                            && isSecretLooking(value.asText())) {
                        // Never echo the value: the message names the variable only.
                        out.add(new Violation(env.field("value"),
                                c.describe() + " sets " + name + " to a literal value"));
                    }
                }
            }
        });
        return out;
    }

    static boolean looksLikeCredential(String name) {
        String upper = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        return CREDENTIAL.matcher(upper).find() && !NOT_A_VALUE.matcher(upper).find();
    }

    static boolean isSecretLooking(String value) {
        String v = value.trim();
        return v.length() >= 4 && !HARMLESS_VALUE.matcher(v).matches();
    }
}
