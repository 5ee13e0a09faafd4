package dev.guardrails.argocd.appset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed Go {@code text/template}, restricted to what real ApplicationSets use.
 *
 * <p>Supported: text and actions with {@code {{- -}}} trimming and comments; pipelines of
 * commands separated by {@code |}; operands {@code .}, {@code .a.b}, {@code $}, {@code $.a},
 * string/raw-string/number/bool/nil literals, parenthesised pipelines (optionally followed by a
 * field chain) and the functions of {@link GoFunctions}; {@code if}/{@code else if}/{@code
 * else}/{@code end} and {@code with}. Everything else ({@code range}, variables, {@code define},
 * {@code template}, {@code block}, unknown functions) fails parsing with a message that names the
 * construct, because a guess would produce a silently wrong Application.
 */
final class GoTemplate {

    private final List<Node> nodes;

    private GoTemplate(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** Parses a template; the exception message names the unsupported or malformed construct. */
    static GoTemplate parse(String text) throws ExpansionException {
        return new GoTemplate(new Parser(Scanner.scan(text)).parseTop());
    }

    /**
     * Executes against {@code data} (the param map).
     *
     * @param missingKeyError Go's {@code missingkey=error}: a missing map key is an error instead
     *     of printing {@code <no value>}
     */
    String execute(Object data, boolean missingKeyError) throws ExpansionException {
        StringBuilder out = new StringBuilder();
        new Exec(data, missingKeyError).walk(nodes, data, out);
        return out.toString();
    }

    // ---- AST ----

    private sealed interface Node permits Text, Action, Branch {
    }

    private record Text(String text) implements Node {
    }

    private record Action(Pipe pipe) implements Node {
    }

    /** {@code if} or {@code with}; {@code otherwise} holds the else branch (possibly an else-if). */
    private record Branch(String keyword, Pipe pipe, List<Node> then, List<Node> otherwise)
            implements Node {
    }

    private record Pipe(List<Cmd> cmds) {
    }

    private record Cmd(List<Arg> args) {
    }

    private sealed interface Arg permits FieldArg, Literal, Func, SubPipe {
    }

    private record FieldArg(boolean fromRoot, List<String> chain) implements Arg {
    }

    private record Literal(Object value) implements Arg {
    }

    private record Func(String name) implements Arg {
    }

    private record SubPipe(Pipe pipe, List<String> chain) implements Arg {
    }

    // ---- scanning ----

    private enum Kind { FIELD, DOT, VAR, STRING, NUMBER, IDENT, PIPE, LPAREN, RPAREN, DECLARE }

    /** A token; {@code spaced} records whitespace before it (field chains must be adjacent). */
    private record Token(Kind kind, String text, Object value, boolean spaced) {
    }

    /** Either literal text or the tokens of one action. */
    private record Item(String text, List<Token> tokens, String source) {
    }

    private static final class Scanner {

        static List<Item> scan(String text) throws ExpansionException {
            List<Item> items = new ArrayList<>();
            int i = 0;
            int n = text.length();
            boolean trimNext = false;
            while (i < n) {
                int open = text.indexOf("{{", i);
                String before = open < 0 ? text.substring(i) : text.substring(i, open);
                if (trimNext) {
                    before = before.stripLeading();
                }
                if (open < 0) {
                    items.add(new Item(before, null, null));
                    break;
                }
                int p = open + 2;
                if (p + 1 < n && text.charAt(p) == '-' && isSpace(text.charAt(p + 1))) {
                    before = before.stripTrailing();
                    p += 2;
                    while (p < n && isSpace(text.charAt(p))) {
                        p++;
                    }
                }
                items.add(new Item(before, null, null));
                if (text.startsWith("/*", p)) {
                    int end = text.indexOf("*/", p + 2);
                    if (end < 0) {
                        throw new ExpansionException("go template: unclosed comment");
                    }
                    int q = end + 2;
                    trimNext = false;
                    if (text.startsWith(" -}}", q)) {
                        trimNext = true;
                        q += 4;
                    } else if (text.startsWith("}}", q)) {
                        q += 2;
                    } else {
                        throw new ExpansionException("go template: comment ends before closing delimiter");
                    }
                    i = q;
                    continue;
                }
                List<Token> tokens = new ArrayList<>();
                int[] endAndTrim = lexAction(text, p, tokens);
                items.add(new Item(null, tokens, text.substring(open, endAndTrim[0])));
                i = endAndTrim[0];
                trimNext = endAndTrim[1] == 1;
            }
            return items;
        }

        /** Lexes one action from {@code p}; returns {index after "}}", trim flag}. */
        private static int[] lexAction(String s, int p, List<Token> out) throws ExpansionException {
            int n = s.length();
            boolean spaced = false;
            while (true) {
                if (p >= n) {
                    throw new ExpansionException("go template: unclosed action");
                }
                char c = s.charAt(p);
                if (isSpace(c)) {
                    if (s.startsWith("-}}", p + 1)) {
                        return new int[] {p + 4, 1};
                    }
                    spaced = true;
                    p++;
                    continue;
                }
                if (s.startsWith("}}", p)) {
                    return new int[] {p + 2, 0};
                }
                int start = p;
                switch (c) {
                    case '|' -> {
                        out.add(new Token(Kind.PIPE, "|", null, spaced));
                        p++;
                    }
                    case '(' -> {
                        out.add(new Token(Kind.LPAREN, "(", null, spaced));
                        p++;
                    }
                    case ')' -> {
                        out.add(new Token(Kind.RPAREN, ")", null, spaced));
                        p++;
                    }
                    case ':', '=' -> {
                        p += s.startsWith(":=", p) ? 2 : 1;
                        out.add(new Token(Kind.DECLARE, s.substring(start, p), null, spaced));
                    }
                    case '"' -> {
                        StringBuilder sb = new StringBuilder();
                        p++;
                        while (true) {
                            if (p >= n || s.charAt(p) == '\n') {
                                throw new ExpansionException("go template: unterminated quoted string");
                            }
                            char d = s.charAt(p);
                            if (d == '"') {
                                p++;
                                break;
                            }
                            if (d == '\\' && p + 1 < n) {
                                p = unescape(s, p + 1, sb);
                                continue;
                            }
                            sb.append(d);
                            p++;
                        }
                        out.add(new Token(Kind.STRING, s.substring(start, p), sb.toString(), spaced));
                    }
                    case '`' -> {
                        int end = s.indexOf('`', p + 1);
                        if (end < 0) {
                            throw new ExpansionException("go template: unterminated raw quoted string");
                        }
                        out.add(new Token(Kind.STRING, s.substring(start, end + 1), s.substring(p + 1, end), spaced));
                        p = end + 1;
                    }
                    case '\'' -> throw new ExpansionException(
                            "go template: character constants are not supported offline");
                    case '.' -> {
                        if (p + 1 < n && isIdentChar(s.charAt(p + 1))) {
                            while (p < n && s.charAt(p) == '.' && p + 1 < n && isIdentChar(s.charAt(p + 1))) {
                                p++;
                                while (p < n && isIdentChar(s.charAt(p))) {
                                    p++;
                                }
                            }
                            out.add(new Token(Kind.FIELD, s.substring(start, p), null, spaced));
                        } else if (p + 1 < n && Character.isDigit(s.charAt(p + 1))) {
                            p = lexNumber(s, p, out, spaced);
                        } else {
                            out.add(new Token(Kind.DOT, ".", null, spaced));
                            p++;
                        }
                    }
                    case '$' -> {
                        p++;
                        while (p < n && isIdentChar(s.charAt(p))) {
                            p++;
                        }
                        out.add(new Token(Kind.VAR, s.substring(start, p), null, spaced));
                    }
                    default -> {
                        if (Character.isDigit(c) || ((c == '-' || c == '+') && p + 1 < n
                                && Character.isDigit(s.charAt(p + 1)))) {
                            p = lexNumber(s, p, out, spaced);
                        } else if (isIdentChar(c)) {
                            while (p < n && isIdentChar(s.charAt(p))) {
                                p++;
                            }
                            out.add(new Token(Kind.IDENT, s.substring(start, p), null, spaced));
                        } else {
                            throw new ExpansionException("go template: unexpected '" + c + "' in action");
                        }
                    }
                }
                spaced = false;
            }
        }

        private static int lexNumber(String s, int p, List<Token> out, boolean spaced)
                throws ExpansionException {
            int start = p;
            if (s.charAt(p) == '-' || s.charAt(p) == '+') {
                p++;
            }
            while (p < s.length() && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '.'
                    || s.charAt(p) == '_'
                    || ((s.charAt(p) == '-' || s.charAt(p) == '+') && (s.charAt(p - 1) == 'e' || s.charAt(p - 1) == 'E')))) {
                p++;
            }
            String text = s.substring(start, p).replace("_", "");
            Object value;
            try {
                if (text.matches("[-+]?\\d+")) {
                    value = Long.parseLong(text);
                } else if (text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                    value = Double.parseDouble(text);
                } else {
                    throw new NumberFormatException(text);
                }
            } catch (NumberFormatException e) {
                throw new ExpansionException("go template: number syntax '" + text + "' is not supported offline");
            }
            out.add(new Token(Kind.NUMBER, text, value, spaced));
            return p;
        }

        private static int unescape(String s, int p, StringBuilder sb) throws ExpansionException {
            char e = s.charAt(p);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '\\' -> sb.append('\\');
                case '"' -> sb.append('"');
                case '\'' -> sb.append('\'');
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\u000b');
                case 'x', 'u', 'U' -> {
                    int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (p + 1 + len > s.length()) {
                        throw new ExpansionException("go template: bad escape in string");
                    }
                    try {
                        sb.appendCodePoint(Integer.parseInt(s.substring(p + 1, p + 1 + len), 16));
                    } catch (IllegalArgumentException ex) {
                        throw new ExpansionException("go template: bad escape in string");
                    }
                    return p + 1 + len;
                }
                default -> throw new ExpansionException("go template: unknown escape \\" + e + " in string");
            }
            return p + 1;
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }

        private static boolean isIdentChar(char c) {
            return c == '_' || Character.isLetterOrDigit(c);
        }
    }

    // ---- parsing ----

    private static final class Parser {

        private final List<Item> items;
        private int index;
        /** What ended the last {@link #parseList}: "end", "else" or null for end of input. */
        private String terminator;
        private List<Token> elseRest = List.of();

        Parser(List<Item> items) {
            this.items = items;
        }

        List<Node> parseTop() throws ExpansionException {
            List<Node> nodes = parseList();
            if (terminator != null) {
                throw new ExpansionException("go template: unexpected {{" + terminator + "}}");
            }
            return nodes;
        }

        private List<Node> parseList() throws ExpansionException {
            List<Node> nodes = new ArrayList<>();
            while (index < items.size()) {
                Item item = items.get(index++);
                if (item.tokens() == null) {
                    if (!item.text().isEmpty()) {
                        nodes.add(new Text(item.text()));
                    }
                    continue;
                }
                List<Token> tokens = item.tokens();
                if (tokens.isEmpty()) {
                    throw new ExpansionException("go template: missing value for command in " + item.source());
                }
                Token first = tokens.get(0);
                String keyword = first.kind() == Kind.IDENT ? first.text() : "";
                switch (keyword) {
                    case "end" -> {
                        terminator = "end";
                        return nodes;
                    }
                    case "else" -> {
                        terminator = "else";
                        elseRest = tokens.subList(1, tokens.size());
                        return nodes;
                    }
                    case "if", "with" -> nodes.add(parseBranch(keyword, tokens.subList(1, tokens.size()), item));
                    case "range", "define", "template", "block", "break", "continue" ->
                            throw new ExpansionException("go template construct '" + keyword
                                    + "' is not supported offline (in " + item.source() + ")");
                    default -> nodes.add(new Action(parsePipe(tokens, item)));
                }
            }
            terminator = null;
            return nodes;
        }

        private Branch parseBranch(String keyword, List<Token> condition, Item item) throws ExpansionException {
            Pipe pipe = parsePipe(condition, item);
            List<Node> then = parseList();
            if (terminator == null) {
                throw new ExpansionException("go template: unexpected EOF, missing {{end}} for {{" + keyword + "}}");
            }
            List<Node> otherwise = List.of();
            if ("else".equals(terminator)) {
                List<Token> rest = elseRest;
                if (!rest.isEmpty() && rest.get(0).kind() == Kind.IDENT
                        && (rest.get(0).text().equals("if") || rest.get(0).text().equals("with"))) {
                    // {{else if x}} shares the enclosing {{end}}.
                    otherwise = List.of(parseBranch(rest.get(0).text(), rest.subList(1, rest.size()), item));
                } else {
                    if (!rest.isEmpty()) {
                        throw new ExpansionException("go template: unexpected tokens after {{else}}");
                    }
                    otherwise = parseList();
                    if (!"end".equals(terminator)) {
                        throw new ExpansionException("go template: missing {{end}} after {{else}}");
                    }
                }
            }
            terminator = "";
            return new Branch(keyword, pipe, then, otherwise);
        }

        private Pipe parsePipe(List<Token> tokens, Item item) throws ExpansionException {
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.get(i).kind() == Kind.DECLARE) {
                    String variable = i > 0 ? tokens.get(i - 1).text() : tokens.get(i).text();
                    throw new ExpansionException("go template variables ('" + variable
                            + "') are not supported offline (in " + item.source() + ")");
                }
            }
            int[] pos = {0};
            Pipe pipe = pipe(tokens, pos, false, item);
            if (pos[0] != tokens.size()) {
                throw new ExpansionException("go template: unexpected '" + tokens.get(pos[0]).text()
                        + "' in " + item.source());
            }
            return pipe;
        }

        private Pipe pipe(List<Token> tokens, int[] pos, boolean inParens, Item item) throws ExpansionException {
            List<Cmd> cmds = new ArrayList<>();
            List<Arg> args = new ArrayList<>();
            while (true) {
                if (pos[0] >= tokens.size()) {
                    if (inParens) {
                        throw new ExpansionException("go template: unclosed left paren in " + item.source());
                    }
                    break;
                }
                Token t = tokens.get(pos[0]);
                if (t.kind() == Kind.RPAREN) {
                    if (!inParens) {
                        throw new ExpansionException("go template: unexpected right paren in " + item.source());
                    }
                    pos[0]++;
                    break;
                }
                if (t.kind() == Kind.PIPE) {
                    if (args.isEmpty()) {
                        throw new ExpansionException("go template: missing command before '|' in " + item.source());
                    }
                    cmds.add(new Cmd(List.copyOf(args)));
                    args.clear();
                    pos[0]++;
                    continue;
                }
                args.add(operand(tokens, pos, item));
            }
            if (args.isEmpty()) {
                throw new ExpansionException("go template: missing value for command in " + item.source());
            }
            cmds.add(new Cmd(List.copyOf(args)));
            return new Pipe(List.copyOf(cmds));
        }

        private Arg operand(List<Token> tokens, int[] pos, Item item) throws ExpansionException {
            Token t = tokens.get(pos[0]++);
            switch (t.kind()) {
                case FIELD:
                    return new FieldArg(false, chain(t.text()));
                case DOT:
                    return new FieldArg(false, List.of());
                case VAR:
                    if (!t.text().equals("$")) {
                        throw new ExpansionException("go template variables ('" + t.text()
                                + "') are not supported offline (in " + item.source() + ")");
                    }
                    return new FieldArg(true, trailingChain(tokens, pos));
                case STRING:
                case NUMBER:
                    return new Literal(t.value());
                case LPAREN: {
                    Pipe inner = pipe(tokens, pos, true, item);
                    return new SubPipe(inner, trailingChain(tokens, pos));
                }
                case IDENT:
                    switch (t.text()) {
                        case "true":
                            return new Literal(Boolean.TRUE);
                        case "false":
                            return new Literal(Boolean.FALSE);
                        case "nil":
                            return new Literal(null);
                        default:
                            if (!GoFunctions.supports(t.text())) {
                                throw new ExpansionException("go template function '" + t.text()
                                        + "' is not supported offline (in " + item.source() + ")");
                            }
                            return new Func(t.text());
                    }
                default:
                    throw new ExpansionException("go template: unexpected '" + t.text() + "' in " + item.source());
            }
        }

        private static List<String> trailingChain(List<Token> tokens, int[] pos) {
            if (pos[0] < tokens.size() && tokens.get(pos[0]).kind() == Kind.FIELD && !tokens.get(pos[0]).spaced()) {
                return chain(tokens.get(pos[0]++).text());
            }
            return List.of();
        }

        private static List<String> chain(String field) {
            return List.of(field.substring(1).split("\\."));
        }
    }

    // ---- execution ----

    private static final class Exec {

        private static final Object NO_PIPE = new Object();

        private final Object root;
        private final boolean missingKeyError;

        Exec(Object root, boolean missingKeyError) {
            this.root = root;
            this.missingKeyError = missingKeyError;
        }

        void walk(List<Node> nodes, Object dot, StringBuilder out) throws ExpansionException {
            for (Node node : nodes) {
                if (node instanceof Text text) {
                    out.append(text.text());
                } else if (node instanceof Action action) {
                    out.append(GoValues.print(pipe(action.pipe(), dot)));
                } else if (node instanceof Branch branch) {
                    Object value = pipe(branch.pipe(), dot);
                    if (GoValues.truth(value)) {
                        walk(branch.then(), branch.keyword().equals("with") ? value : dot, out);
                    } else {
                        walk(branch.otherwise(), dot, out);
                    }
                }
            }
        }

        private Object pipe(Pipe pipe, Object dot) throws ExpansionException {
            Object value = NO_PIPE;
            for (Cmd cmd : pipe.cmds()) {
                value = command(cmd, dot, value);
            }
            return value;
        }

        private Object command(Cmd cmd, Object dot, Object piped) throws ExpansionException {
            Arg first = cmd.args().get(0);
            if (first instanceof Func func) {
                List<Object> args = new ArrayList<>();
                for (Arg arg : cmd.args().subList(1, cmd.args().size())) {
                    args.add(arg(arg, dot));
                }
                if (piped != NO_PIPE) {
                    args.add(piped);
                }
                return GoFunctions.call(func.name(), args);
            }
            if (cmd.args().size() > 1 || piped != NO_PIPE) {
                throw new ExpansionException("go template: can't give argument to non-function");
            }
            return arg(first, dot);
        }

        private Object arg(Arg arg, Object dot) throws ExpansionException {
            if (arg instanceof Literal literal) {
                return literal.value();
            }
            if (arg instanceof Func func) {
                return GoFunctions.call(func.name(), List.of());
            }
            if (arg instanceof FieldArg field) {
                return chain(field.fromRoot() ? root : dot, field.chain());
            }
            SubPipe sub = (SubPipe) arg;
            return chain(pipe(sub.pipe(), dot), sub.chain());
        }

        private Object chain(Object value, List<String> names) throws ExpansionException {
            for (String name : names) {
                value = field(value, name);
            }
            return value;
        }

        private Object field(Object receiver, String name) throws ExpansionException {
            if (receiver == GoValues.MISSING) {
                if (missingKeyError) {
                    throw new ExpansionException("go template: nil data; no entry for key \"" + name + "\"");
                }
                return GoValues.MISSING;
            }
            if (receiver instanceof Map<?, ?> map) {
                if (map.containsKey(name)) {
                    return map.get(name);
                }
                if (missingKeyError) {
                    throw new ExpansionException("go template: map has no entry for key \"" + name + "\"");
                }
                return GoValues.MISSING;
            }
            if (receiver == null) {
                throw new ExpansionException("go template: nil pointer evaluating interface {}." + name);
            }
            throw new ExpansionException("go template: can't evaluate field " + name + " in type "
                    + GoValues.typeName(receiver));
        }
    }
}
