package dev.guardrails.scanner.rules.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelErrorCode;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.Program;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.PodSecurityLevel;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A custom rule a platform team wrote in CEL in {@code .guardrails.yaml} (named a check, not a
 * {@code *Rule} class, because it is compiled from configuration rather than built in). The expression sees
 * {@code object} (the manifest), {@code namespace} (where it lands) and {@code app}, and must be
 * {@code true} for a compliant object. {@code false} is a finding; so is anything else (a non-bool
 * result, a missing key), with the error in the message, because a check that cannot decide must
 * not pass silently.
 *
 * <p>Expressions are compiled and type-checked once, by {@link #compile}. Evaluation is bounded:
 * CEL has no unbounded loops, expressions are at most {@link #MAX_EXPRESSION_LENGTH} code points
 * and every macro ({@code all}, {@code exists}, {@code map}, ...) shares an iteration budget of
 * {@link #MAX_ITERATIONS}. Compiled CEL programs are immutable, so one instance serves every thread.
 */
public final class CelCheck implements Rule {

    /** The longest expression accepted, in code points. */
    public static final int MAX_EXPRESSION_LENGTH = 4096;
    /** Comprehension iterations one evaluation may use, summed over all macros in it. */
    public static final int MAX_ITERATIONS = 100_000;
    /** The variables an expression may use. */
    public static final Set<String> VARIABLES = Set.of("object", "namespace", "app");

    private static final Pattern EVAL_PREFIX = Pattern.compile("^evaluation error at <input>:\\d+: ");
    private static final Pattern ISSUE_PREFIX = Pattern.compile("^ERROR: <input>:");

    private final CustomRuleSpec spec;
    private final RuleInfo info;
    private final Set<String> kinds;
    private final String expression;
    private final String message;
    private final String path;
    private final Program program;

    private CelCheck(CustomRuleSpec spec, Program program) {
        this.spec = spec;
        this.info = new RuleInfo(spec.id(), spec.title(), spec.category(), spec.severity(), PodSecurityLevel.NONE,
                spec.rationale(), spec.remediation());
        this.kinds = Set.copyOf(spec.kinds());
        this.expression = spec.expression();
        this.message = spec.message();
        this.path = spec.path();
        this.program = program;
    }

    /**
     * The CEL environment shared by every custom rule, built on first use: the API server's CEL
     * libraries, so an expression written for a ValidatingAdmissionPolicy works here unchanged.
     */
    private static final class Environment {
        static final CelOptions OPTIONS = CelOptions.current()
                // `namespace` is a CEL reserved word; Kubernetes admission CEL allows it as a name too.
                .enableReservedIds(false)
                // YAML writes `replicas: 2` and `cpu: 0.5` alike; `object.spec.replicas > 1.5` should work.
                .enableHeterogeneousNumericComparisons(true)
                .enableOptionalSyntax(true)
                .maxExpressionCodePointSize(MAX_EXPRESSION_LENGTH)
                .maxParseRecursionDepth(100)
                .comprehensionMaxIterations(MAX_ITERATIONS)
                .build();
        static final Cel CEL = KubernetesCelLibrary.install(CelFactory.standardCelBuilder(), OPTIONS)
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar("object", SimpleType.DYN)
                .addVar("namespace", SimpleType.STRING)
                .addVar("app", SimpleType.STRING)
                .build();
    }

    /**
     * Parses and type-checks the spec's expression.
     *
     * @throws CelCheckException naming CEL's errors (line:column: problem) when the expression is too
     *                          long, does not parse, uses an unknown variable or function, or
     *                          cannot be a bool
     */
    public static CelCheck compile(CustomRuleSpec spec) throws CelCheckException {
        String text = spec.expression();
        if (text.isBlank()) {
            throw new CelCheckException("empty expression");
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_EXPRESSION_LENGTH) {
            throw new CelCheckException("expression is " + length + " characters long; the limit is " + MAX_EXPRESSION_LENGTH);
        }
        Cel cel;
        try {
            cel = Environment.CEL;
        } catch (LinkageError e) {
            // e.g. a protobuf-java older than the one CEL was generated with on the classpath
            throw new CelCheckException("the CEL runtime cannot start: " + e, e);
        }
        try {
            CelAbstractSyntaxTree ast = cel.compile(text).getAst();
            CelKind kind = ast.getResultType().kind();
            if (kind != CelKind.BOOL && kind != CelKind.DYN) {
                throw new CelCheckException("must evaluate to a bool, but its type is " + ast.getResultType().name());
            }
            return new CelCheck(spec, cel.createProgram(ast));
        } catch (CelValidationException e) {
            throw new CelCheckException(issues(e), e);
        } catch (CelEvaluationException e) {
            throw new CelCheckException("cannot plan the expression: " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new CelCheckException("the CEL runtime cannot start: " + e, e);
        }
    }

    private static String issues(CelValidationException e) {
        List<String> out = new ArrayList<>();
        for (CelIssue issue : e.getErrors()) {
            out.add(issue.getSourceLocation().getLine() + ":" + (issue.getSourceLocation().getColumn() + 1)
                    + ": " + issue.getMessage());
        }
        if (out.isEmpty()) {
            String first = e.getMessage() == null ? "invalid expression" : e.getMessage().split("\n")[0];
            out.add(ISSUE_PREFIX.matcher(first).replaceFirst(""));
        }
        return String.join("; ", out);
    }

    @Override
    public RuleInfo info() {
        return info;
    }

    /** The object kinds this rule checks; empty means every kind. */
    public Set<String> kinds() {
        return kinds;
    }

    public String expression() {
        return expression;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        return check(object, context, "");
    }

    /** Evaluates the expression for one object of the app {@code app}. */
    public List<Violation> check(ManifestObject object, RuleContext context, String app) {
        if (!kinds.isEmpty() && !kinds.contains(object.kind())) {
            return List.of();
        }
        String namespace = context.bundle().namespaceOf(object);
        Object result;
        try {
            result = program.eval(Map.of("object", CelValues.of(object.raw()), "namespace", namespace,
                    "app", app == null ? "" : app));
        } catch (CelEvaluationException e) {
            return List.of(new Violation(path, "expression failed: " + describe(e)));
        } catch (RuntimeException e) {
            return List.of(new Violation(path, "expression failed: " + e));
        }
        if (Boolean.TRUE.equals(result)) {
            return List.of();
        }
        if (Boolean.FALSE.equals(result)) {
            return List.of(new Violation(path, message));
        }
        return List.of(new Violation(path, "expression failed: it returned " + show(result) + ", not a bool"));
    }

    private static String describe(CelEvaluationException e) {
        String text = e.getMessage() == null ? e.toString() : e.getMessage();
        Matcher m = EVAL_PREFIX.matcher(text);
        text = m.replaceFirst("");
        if (e.getErrorCode() == CelErrorCode.ATTRIBUTE_NOT_FOUND && !text.contains("not present")) {
            text = "no such key: " + text;
        }
        return text;
    }

    private static String show(Object result) {
        String type = CelValues.typeName(result);
        if (type.equals("null_type")) {
            return "null";
        }
        String text = result instanceof String ? "'" + result + "'" : String.valueOf(result);
        return type + " " + abbreviate(text);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** The declaration this rule was compiled from. */
    public CustomRuleSpec spec() {
        return spec;
    }

    /** Rules compiled from equal declarations are equal, so equal policy files give equal configs. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CelCheck other && spec.equals(other.spec);
    }

    @Override
    public int hashCode() {
        return spec.hashCode();
    }

    @Override
    public String toString() {
        return "CelCheck[" + info.id() + "]";
    }
}
