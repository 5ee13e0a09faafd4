package dev.guardrails.scanner.rules.cel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelErrorCode;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.Program;
import dev.guardrails.scanner.k8s.ClusterScoped;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Bundle;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the repo's own Kubernetes ValidatingAdmissionPolicies ({@code admissionregistration.k8s.io})
 * against its rendered objects, offline, so a platform's admission policies fail the change before
 * the cluster rejects the sync. Policies and bindings are found in the app itself or in any other
 * app of the scan ({@link Bundle#ofKindAnywhere}).
 *
 * <p>What the API server does, and how this rule approximates it without a cluster:
 * <ul>
 *   <li>A binding applies when its {@code policyName} names a policy present in the scan and its
 *       {@code validationActions} include Deny, Warn or Audit; every action is a finding (the action is
 *       in the message; the profile decides whether it blocks).</li>
 *   <li>Every object is admitted as a {@code CREATE}: a rule matches when its operations include
 *       {@code CREATE}, {@code UPDATE} or {@code *}. {@code oldObject} is null. The request has no user.</li>
 *   <li>Kinds map to resources by lowercasing and simple English plurals, with a table for the
 *       irregular ones. Under {@code matchPolicy: Equivalent} (the default) a rule naming the right
 *       group and resource matches whatever version the manifest uses, as the server would convert it.</li>
 *   <li>{@code namespaceSelector} is evaluated against a Namespace object of the scan when there is
 *       one (with the {@code kubernetes.io/metadata.name} label the server adds); otherwise the
 *       namespace's labels are unknown and the selector is <em>assumed to match</em>, so a policy
 *       scoped by namespace labels may report objects the cluster would not check.</li>
 *   <li>A policy with {@code paramKind} is evaluated only when the binding's {@code paramRef} names
 *       parameter objects of the same app (other apps' objects are shared only for the kinds the engine
 *       lists as neighbour kinds); otherwise the binding is skipped, since the parameters may exist in
 *       the cluster. A {@code paramRef.selector} evaluates the policy once per selected parameter.</li>
 *   <li>The API server's CEL libraries are available (strings, lists, sets, math, base64, regex
 *       {@code find}/{@code findAll}, {@code quantity()}, {@code url()}: see {@link KubernetesCelLibrary});
 *       expressions that use the authorizer, ip, cidr or semver libraries cannot be evaluated here and are
 *       skipped. Any other expression that does not compile
 *       or fails at run time is a finding unless the policy's {@code failurePolicy} is {@code Ignore}.</li>
 *   <li>Variables are evaluated in order, eagerly; one that fails is left out of {@code variables} and
 *       a validation using it fails with the variable's error.</li>
 * </ul>
 *
 * <p>Each policy's expressions are compiled once, keyed by the policy's JSON text in a small
 * concurrent cache; compiled CEL programs are immutable, so one instance serves every thread.
 */
public final class AdmissionPolicyRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "admission-policy-denied",
            "Object is rejected by a ValidatingAdmissionPolicy of the repo",
            Category.PLATFORM,
            Severity.HIGH,
            "The cluster evaluates ValidatingAdmissionPolicies when Argo CD applies the manifests; an object "
                    + "they reject fails the sync after merge, so the same CEL runs here on the change.",
            "Change the object so the policy's validation holds, or ask the policy's owners to exempt it "
                    + "through the binding's match rules.");

    private static final String GROUP = "admissionregistration.k8s.io";
    private static final String POLICY = "ValidatingAdmissionPolicy";
    private static final String BINDING = "ValidatingAdmissionPolicyBinding";
    private static final Set<String> ACTIONS = Set.of("Deny", "Warn", "Audit");
    private static final int CACHE_LIMIT = 256;
    private static final Pattern EVAL_PREFIX = Pattern.compile("^evaluation error at <input>:\\d+: ");
    /** Functions and variables of Kubernetes' own CEL libraries, which cel-java does not have. */
    private static final Set<String> KUBERNETES_ONLY = Set.of("authorizer", "ip", "isIP", "cidr", "isCIDR",
            "semver", "isSemver", "format");
    private static final Pattern REFERENCE =
            Pattern.compile("(?:undeclared reference to|no matching overload for) '([A-Za-z_]+)'");
    /** Plurals that the simple English rules get wrong. */
    private static final Map<String, String> IRREGULAR = Map.of(
            "Endpoints", "endpoints",
            "Ingress", "ingresses",
            "IngressClass", "ingressclasses",
            "NetworkPolicy", "networkpolicies",
            "PodSecurityPolicy", "podsecuritypolicies",
            "PodMetrics", "pods",
            "NodeMetrics", "nodes");

    private final Map<String, CompiledPolicy> compiled = new ConcurrentHashMap<>();

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        // The server never runs admission policies on policies and bindings themselves.
        if (group(object.apiVersion()).equals(GROUP) && (object.kind().equals(POLICY) || object.kind().equals(BINDING))) {
            return List.of();
        }
        Bundle bundle = context.bundle();
        List<ManifestObject> bindings = bundle.ofKindAnywhere(BINDING);
        if (bindings.isEmpty() || object.kind().isEmpty()) {
            return List.of();
        }
        Target target = Target.of(object, bundle);
        List<Violation> out = new ArrayList<>();
        for (ManifestObject binding : bindings) {
            if (!group(binding.apiVersion()).equals(GROUP)) {
                continue;
            }
            ManifestObject policy = policyOf(binding, bundle);
            if (policy == null) {
                continue;
            }
            List<String> actions = new ArrayList<>();
            for (JsonNode a : binding.raw().path("spec").path("validationActions")) {
                if (ACTIONS.contains(a.asText())) {
                    actions.add(a.asText());
                }
            }
            if (actions.isEmpty()) {
                continue;
            }
            String prefix = POLICY + " \"" + policy.name() + "\" (binding \"" + binding.name() + "\", "
                    + String.join(", ", actions) + "): ";
            boolean ignore = "Ignore".equals(policy.raw().path("spec").path("failurePolicy").asText(""));
            try {
                for (String message : evaluate(policy, binding, target, bundle)) {
                    out.add(new Violation("", prefix + message));
                }
            } catch (RuntimeException e) {
                if (!ignore) {
                    out.add(new Violation("", prefix + "evaluation failed: " + e));
                }
            }
        }
        return out;
    }

    /** The first policy in the scan named by the binding's {@code policyName}, or null. */
    private static ManifestObject policyOf(ManifestObject binding, Bundle bundle) {
        String name = binding.raw().path("spec").path("policyName").asText("");
        if (name.isEmpty()) {
            return null;
        }
        for (ManifestObject p : bundle.ofKindAnywhere(POLICY)) {
            if (p.name().equals(name) && group(p.apiVersion()).equals(GROUP)) {
                return p;
            }
        }
        return null;
    }

    /** The messages of one binding's failures on the target; empty when it passes or does not apply. */
    private List<String> evaluate(ManifestObject policy, ManifestObject binding, Target target, Bundle bundle) {
        JsonNode spec = policy.raw().path("spec");
        JsonNode bindingSpec = binding.raw().path("spec");
        if (!spec.path("matchConstraints").isObject() || !Matching.matches(spec.path("matchConstraints"), target, bundle)) {
            return List.of();
        }
        if (bindingSpec.path("matchResources").isObject()
                && !Matching.matches(bindingSpec.path("matchResources"), target, bundle)) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        if (spec.path("paramKind").isObject()) {
            for (ManifestObject p : params(spec.path("paramKind"), bindingSpec.path("paramRef"), target, bundle)) {
                params.add(CelValues.of(p.raw()));
            }
            if (params.isEmpty()) {
                return List.of();
            }
        } else {
            params.add(NullValue.NULL_VALUE);
        }
        CompiledPolicy program = compiledFor(policy);
        List<String> out = new ArrayList<>();
        for (Object param : params) {
            out.addAll(program.evaluate(target.activation(param)));
        }
        return out;
    }

    private CompiledPolicy compiledFor(ManifestObject policy) {
        String key = policy.raw().toString();
        CompiledPolicy cached = compiled.get(key);
        if (cached != null) {
            return cached;
        }
        if (compiled.size() >= CACHE_LIMIT) {
            compiled.clear();
        }
        return compiled.computeIfAbsent(key, k -> CompiledPolicy.compile(policy.raw().path("spec")));
    }

    /**
     * The parameter objects a binding's {@code paramRef} selects: of the policy's {@code paramKind},
     * by name or label selector, in {@code paramRef.namespace}, else the target's namespace for a
     * namespaced target, else cluster-wide.
     */
    private static List<ManifestObject> params(JsonNode paramKind, JsonNode paramRef, Target target, Bundle bundle) {
        if (!paramRef.isObject()) {
            return List.of();
        }
        String kind = paramKind.path("kind").asText("");
        String apiVersion = paramKind.path("apiVersion").asText("");
        String name = paramRef.path("name").asText("");
        JsonNode selector = paramRef.path("selector");
        if (kind.isEmpty() || (name.isEmpty() && !selector.isObject())) {
            return List.of();
        }
        String namespace = paramRef.path("namespace").asText("");
        if (namespace.isEmpty() && !ClusterScoped.isClusterScoped(kind) && target.namespaced()) {
            namespace = target.namespace();
        }
        List<ManifestObject> candidates = namespace.isEmpty() || ClusterScoped.isClusterScoped(kind)
                ? bundle.ofKindAnywhere(kind) : bundle.ofKindInNamespace(kind, namespace);
        List<ManifestObject> out = new ArrayList<>();
        for (ManifestObject c : candidates) {
            if (!apiVersion.isEmpty() && !c.apiVersion().equals(apiVersion)) {
                continue;
            }
            boolean selected = name.isEmpty() ? Matching.selects(selector, c.labels()) : c.name().equals(name);
            if (selected) {
                out.add(c);
            }
        }
        return out;
    }

    static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    static String version(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    }

    /** The REST resource of a kind: lowercase plural, e.g. {@code NetworkPolicy} → {@code networkpolicies}. */
    static String resourceOf(String kind) {
        String irregular = IRREGULAR.get(kind);
        if (irregular != null) {
            return irregular;
        }
        String lower = kind.toLowerCase(Locale.ROOT);
        if (lower.isEmpty()) {
            return lower;
        }
        if (lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
            return lower.substring(0, lower.length() - 1) + "ies";
        }
        if (lower.matches(".*(s|x|z|ch|sh)")) {
            return lower + "es";
        }
        return lower + "s";
    }

    /** The object under admission, with what matching and the CEL variables need. */
    private record Target(ManifestObject object, String group, String version, String resource, boolean namespaced,
                          String namespace, ManifestObject namespaceObject) {

        static Target of(ManifestObject object, Bundle bundle) {
            boolean namespaced = !ClusterScoped.isClusterScoped(object.kind());
            String namespace = namespaced ? bundle.namespaceOf(object) : "";
            // A Namespace is matched against its own labels; other cluster-scoped objects have none.
            boolean isNamespace = object.kind().equals("Namespace") && object.apiVersion().equals("v1");
            String nsName = isNamespace ? object.name() : namespace;
            ManifestObject nsObject = null;
            if (!nsName.isEmpty()) {
                for (ManifestObject n : bundle.ofKindAnywhere("Namespace")) {
                    if (n.name().equals(nsName)) {
                        nsObject = n;
                        break;
                    }
                }
                if (nsObject == null && object.kind().equals("Namespace")) {
                    nsObject = object;
                }
            }
            String apiVersion = object.apiVersion();
            return new Target(object, AdmissionPolicyRule.group(apiVersion), AdmissionPolicyRule.version(apiVersion),
                    resourceOf(object.kind()), namespaced, namespace, nsObject);
        }

        /** The Namespace's labels including the one the server adds; null when unknown. */
        Map<String, String> namespaceLabels() {
            if (namespaceObject == null) {
                return null;
            }
            Map<String, String> labels = new LinkedHashMap<>(namespaceObject.labels());
            labels.put("kubernetes.io/metadata.name", namespaceObject.name());
            return labels;
        }

        Map<String, Object> activation(Object params) {
            ObjectNode raw = object.raw();
            if (namespaced && object.namespace().isEmpty()) {
                // The server fills in the namespace the object is created in.
                raw = raw.deepCopy();
                JsonNode meta = raw.path("metadata");
                (meta.isObject() ? (ObjectNode) meta : raw.putObject("metadata")).put("namespace", namespace);
            }
            Object nsValue = NullValue.NULL_VALUE;
            if (namespaced && namespaceObject != null) {
                ObjectNode ns = namespaceObject.raw().deepCopy();
                JsonNode meta = ns.path("metadata");
                ObjectNode metaNode = meta.isObject() ? (ObjectNode) meta : ns.putObject("metadata");
                JsonNode labels = metaNode.path("labels");
                (labels.isObject() ? (ObjectNode) labels : metaNode.putObject("labels"))
                        .put("kubernetes.io/metadata.name", namespaceObject.name());
                nsValue = CelValues.of(ns);
            }
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("operation", "CREATE");
            request.put("kind", Map.of("group", group, "version", version, "kind", object.kind()));
            request.put("resource", Map.of("group", group, "version", version, "resource", resource));
            request.put("subResource", "");
            request.put("name", object.name());
            request.put("namespace", namespace);
            request.put("dryRun", false);
            request.put("userInfo", Map.of("username", "", "uid", "", "groups", List.of()));
            Map<String, Object> vars = new HashMap<>();
            vars.put("object", CelValues.of(raw));
            vars.put("oldObject", NullValue.NULL_VALUE);
            vars.put("params", params);
            vars.put("namespaceObject", nsValue);
            vars.put("request", Collections.unmodifiableMap(request));
            return vars;
        }
    }

    /** Kubernetes' MatchResources: selectors, resource rules and exclusions. */
    private static final class Matching {

        private Matching() {
        }

        static boolean matches(JsonNode match, Target target, Bundle bundle) {
            if (!namespaceSelected(match.path("namespaceSelector"), target)) {
                return false;
            }
            if (!selects(match.path("objectSelector"), target.object().labels())) {
                return false;
            }
            boolean exact = "Exact".equals(match.path("matchPolicy").asText(""));
            if (anyRule(match.path("excludeResourceRules"), target, exact)) {
                return false;
            }
            JsonNode rules = match.path("resourceRules");
            return !rules.isArray() || rules.isEmpty() || anyRule(rules, target, exact);
        }

        private static boolean namespaceSelected(JsonNode selector, Target target) {
            boolean isNamespace = target.object().kind().equals("Namespace");
            if (!target.namespaced() && !isNamespace) {
                return true; // cluster-scoped objects other than Namespaces are never exempted
            }
            Map<String, String> labels = target.namespaceLabels();
            if (labels == null) {
                return true; // unknown offline: assume the namespace matches
            }
            return selects(selector, labels);
        }

        private static boolean anyRule(JsonNode rules, Target target, boolean exact) {
            for (JsonNode rule : rules) {
                if (ruleMatches(rule, target, !exact)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean ruleMatches(JsonNode rule, Target target, boolean anyVersion) {
            return operationMatches(rule.path("operations"))
                    && contains(rule.path("apiGroups"), target.group())
                    && (anyVersion || contains(rule.path("apiVersions"), target.version()))
                    && resourceMatches(rule.path("resources"), target.resource())
                    && scopeMatches(rule.path("scope").asText("*"), target.namespaced())
                    && namesMatch(rule.path("resourceNames"), target.object().name());
        }

        private static boolean operationMatches(JsonNode operations) {
            for (JsonNode op : operations) {
                String o = op.asText();
                if (o.equals("*") || o.equals("CREATE") || o.equals("UPDATE")) {
                    return true;
                }
            }
            return false;
        }

        private static boolean contains(JsonNode values, String value) {
            for (JsonNode v : values) {
                if (v.asText().equals("*") || v.asText().equals(value)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * As the server's rule matcher: {@code res}, {@code *}, {@code res/*} and {@code *}{@code /*}
         * cover the main resource; {@code res/sub} only a subresource.
         */
        private static boolean resourceMatches(JsonNode resources, String resource) {
            for (JsonNode r : resources) {
                String text = r.asText();
                int slash = text.indexOf('/');
                String res = slash < 0 ? text : text.substring(0, slash);
                String sub = slash < 0 ? "" : text.substring(slash + 1);
                if ((res.equals("*") || res.equals(resource)) && (sub.equals("*") || sub.isEmpty())) {
                    return true;
                }
            }
            return false;
        }

        private static boolean scopeMatches(String scope, boolean namespaced) {
            return switch (scope) {
                case "Cluster" -> !namespaced;
                case "Namespaced" -> namespaced;
                default -> true;
            };
        }

        private static boolean namesMatch(JsonNode names, String name) {
            if (!names.isArray() || names.isEmpty()) {
                return true;
            }
            for (JsonNode n : names) {
                if (n.asText().equals(name)) {
                    return true;
                }
            }
            return false;
        }

        /** A Kubernetes label selector; a missing or empty one selects everything. */
        static boolean selects(JsonNode selector, Map<String, String> labels) {
            if (!selector.isObject()) {
                return true;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
            for (JsonNode expr : selector.path("matchExpressions")) {
                String key = expr.path("key").asText("");
                List<String> values = new ArrayList<>();
                expr.path("values").forEach(v -> values.add(v.asText()));
                String value = labels.get(key);
                boolean ok = switch (expr.path("operator").asText("")) {
                    case "In" -> value != null && values.contains(value);
                    case "NotIn" -> value == null || !values.contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> false; // an invalid operator selects nothing, as the server rejects it
                };
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The CEL environment of admission policies, built on first use. */
    private static final class Environment {
        static final CelOptions OPTIONS = CelOptions.current()
                .enableReservedIds(false)
                .enableHeterogeneousNumericComparisons(true)
                .enableOptionalSyntax(true)
                .maxExpressionCodePointSize(CelCheck.MAX_EXPRESSION_LENGTH)
                .maxParseRecursionDepth(100)
                .comprehensionMaxIterations(CelCheck.MAX_ITERATIONS)
                .build();
        static final Cel CEL = KubernetesCelLibrary.install(CelFactory.standardCelBuilder(), OPTIONS)
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar("object", SimpleType.DYN)
                .addVar("oldObject", SimpleType.DYN)
                .addVar("params", SimpleType.DYN)
                .addVar("namespaceObject", SimpleType.DYN)
                .addVar("request", SimpleType.DYN)
                .addVar("variables", SimpleType.DYN)
                .build();
    }

    /**
     * One CEL expression of a policy: a program, or why there is none.
     *
     * @param unsupported true when it uses a Kubernetes-only library, so it is skipped
     */
    private record Expression(String name, String text, Program program, String error, boolean unsupported) {

        static Expression compile(String name, String text) {
            if (text.isBlank()) {
                return new Expression(name, text, null, "empty expression", false);
            }
            try {
                Cel cel = Environment.CEL;
                return new Expression(name, text, cel.createProgram(cel.compile(text).getAst()), null, false);
            } catch (CelValidationException e) {
                boolean unsupported = false;
                List<String> issues = new ArrayList<>();
                for (CelIssue issue : e.getErrors()) {
                    Matcher m = REFERENCE.matcher(issue.getMessage());
                    unsupported |= m.find() && KUBERNETES_ONLY.contains(m.group(1));
                    issues.add(issue.getSourceLocation().getLine() + ":" + (issue.getSourceLocation().getColumn() + 1)
                            + ": " + issue.getMessage());
                }
                String message = issues.isEmpty()
                        ? String.valueOf(e.getMessage()).split("\n")[0] : String.join("; ", issues);
                return new Expression(name, text, null, "does not compile: " + message, unsupported);
            } catch (CelEvaluationException | RuntimeException | LinkageError e) {
                return new Expression(name, text, null, "cannot be planned: " + e.getMessage(), false);
            }
        }

        /** The value, or an {@link Failure} naming the error. */
        Object eval(Map<String, Object> activation) {
            if (program == null) {
                return new Failure(error);
            }
            try {
                return program.eval(activation);
            } catch (CelEvaluationException e) {
                String text = e.getMessage() == null ? e.toString() : e.getMessage();
                text = EVAL_PREFIX.matcher(text).replaceFirst("");
                if (e.getErrorCode() == CelErrorCode.ATTRIBUTE_NOT_FOUND && !text.contains("not present")) {
                    text = "no such key: " + text;
                }
                return new Failure(text);
            } catch (RuntimeException e) {
                return new Failure(e.toString());
            }
        }
    }

    /** An expression that could not be evaluated. */
    private record Failure(String error) {
    }

    /** One entry of {@code spec.validations}. */
    private record Validation(Expression expression, String message, Expression messageExpression, String reason) {
    }

    /** A policy's expressions, compiled once. */
    private record CompiledPolicy(List<Expression> variables, List<Expression> matchConditions,
                                  List<Validation> validations, boolean ignoreFailures) {

        static CompiledPolicy compile(JsonNode spec) {
            List<Expression> variables = new ArrayList<>();
            for (JsonNode v : spec.path("variables")) {
                variables.add(Expression.compile(v.path("name").asText(""), v.path("expression").asText("")));
            }
            List<Expression> conditions = new ArrayList<>();
            for (JsonNode c : spec.path("matchConditions")) {
                conditions.add(Expression.compile(c.path("name").asText(""), c.path("expression").asText("")));
            }
            List<Validation> validations = new ArrayList<>();
            for (JsonNode v : spec.path("validations")) {
                String text = v.path("expression").asText("");
                String messageExpression = v.path("messageExpression").asText("");
                validations.add(new Validation(Expression.compile("", text), v.path("message").asText(""),
                        messageExpression.isBlank() ? null : Expression.compile("", messageExpression),
                        v.path("reason").asText("")));
            }
            return new CompiledPolicy(List.copyOf(variables), List.copyOf(conditions), List.copyOf(validations),
                    "Ignore".equals(spec.path("failurePolicy").asText("")));
        }

        /** The failure messages for one set of variables; empty when the object is admitted. */
        List<String> evaluate(Map<String, Object> base) {
            List<String> out = new ArrayList<>();
            Map<String, Object> activation = new HashMap<>(base);
            activation.put("variables", Map.of());
            for (Expression condition : matchConditions) {
                if (condition.unsupported()) {
                    continue;
                }
                Object result = condition.eval(activation);
                if (Boolean.FALSE.equals(result)) {
                    return List.of();
                }
                if (!Boolean.TRUE.equals(result)) {
                    if (!ignoreFailures) {
                        out.add("match condition '" + condition.name() + "' failed: " + failure(result));
                    }
                    return out;
                }
            }
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, String> failedVariables = new LinkedHashMap<>();
            for (Expression variable : variables) {
                activation.put("variables", Collections.unmodifiableMap(new LinkedHashMap<>(values)));
                Object value = variable.unsupported()
                        ? new Failure("uses a Kubernetes-only CEL library") : variable.eval(activation);
                if (value instanceof Failure f) {
                    failedVariables.put(variable.name(), f.error());
                } else {
                    values.put(variable.name(), value);
                }
            }
            activation.put("variables", Collections.unmodifiableMap(values));
            for (Validation v : validations) {
                Expression e = v.expression();
                if (e.unsupported() || usesUnsupported(e, failedVariables, variables)) {
                    continue;
                }
                Object result = e.eval(activation);
                if (Boolean.TRUE.equals(result)) {
                    continue;
                }
                if (Boolean.FALSE.equals(result)) {
                    out.add(message(v, activation) + (v.reason().isEmpty() ? "" : " (reason: " + v.reason() + ")"));
                } else if (!ignoreFailures) {
                    String error = failure(result);
                    for (Map.Entry<String, String> f : failedVariables.entrySet()) {
                        if (e.text().contains("variables." + f.getKey())) {
                            error = "variable '" + f.getKey() + "' failed: " + f.getValue();
                            break;
                        }
                    }
                    out.add("expression '" + abbreviate(e.text()) + "' failed: " + error);
                }
            }
            return out;
        }

        /** True when the validation uses a variable that is skipped for using a Kubernetes-only library. */
        private static boolean usesUnsupported(Expression e, Map<String, String> failed, List<Expression> variables) {
            for (Expression v : variables) {
                if (v.unsupported() && failed.containsKey(v.name()) && e.text().contains("variables." + v.name())) {
                    return true;
                }
            }
            return false;
        }

        private static String failure(Object result) {
            if (result instanceof Failure f) {
                return f.error();
            }
            return "it returned " + (result instanceof NullValue || result == null ? "null" : CelValues.typeName(result))
                    + ", not a bool";
        }

        /** messageExpression's string if it gives one, else message, else the expression, as the server does. */
        private static String message(Validation v, Map<String, Object> activation) {
            if (v.messageExpression() != null && !v.messageExpression().unsupported()) {
                Object m = v.messageExpression().eval(activation);
                if (m instanceof String s && !s.isBlank() && !s.contains("\n")) {
                    return s.trim();
                }
            }
            if (!v.message().isBlank()) {
                return v.message().trim();
            }
            return "failed expression: " + v.expression().text().trim();
        }

        private static String abbreviate(String s) {
            String flat = s.trim().replaceAll("\\s+", " ");
            return flat.length() <= 120 ? flat : flat.substring(0, 117) + "...";
        }
    }
}
