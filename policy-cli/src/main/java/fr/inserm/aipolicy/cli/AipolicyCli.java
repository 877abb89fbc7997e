package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.Decision;
import fr.inserm.aipolicy.DecisionReport;
import fr.inserm.aipolicy.EvaluationRequest;
import fr.inserm.aipolicy.InvalidUsageException;
import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.PolicyBuildException;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicyJson;
import fr.inserm.aipolicy.PolicyRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code aipolicy} command-line tool: decides usages described in JSON.
 *
 * <p>Exit status: 0 when every usage was decided; 2 when an input could not be read (a message on
 * standard error names the field and what is accepted, and no decision is printed for it); 1 when
 * the engine failed.
 */
public final class AipolicyCli {
    /** Every usage was decided. */
    public static final int OK = 0;
    /** The engine or the tool failed. */
    public static final int INTERNAL_FAILURE = 1;
    /** An input or the command line could not be understood. */
    public static final int BAD_INPUT = 2;

    static final String HELP = """
            aipolicy: is this use of an AI system allowed at Inserm?

            Usage:
              aipolicy evaluate [--pretty] FILE|-     decide one usage (a JSON object); the decision on standard output
                       [--lang en|fr]                 ... with its texts in English or French, whom to ask, the
                                                      disclosure paragraph and the frugality figures when they apply
                       [--alternatives]               ... with the smallest changes that would make it allowed
              aipolicy evaluate --batch FILE|-        decide JSON Lines: one usage per line in, one decision per line out,
                                                      in input order; a line that cannot be read gives an error object
                                                      {"line": N, "error": ...} and the batch goes on; a summary goes to
                                                      standard error
              aipolicy diff BEFORE AFTER [--scenarios DIR] [--contexts none|single] [--examples N]
                                                      replay the scenario files of DIR and the whole input space
                                                      under two versions of the rules (folders or jars) and report
                                                      which decisions changed, how many, and the rules and clauses
                                                      that caused it
              aipolicy rules                          list the rules: id, effect, clauses, file
              aipolicy clauses                        print the clause catalogue as JSON
              aipolicy --version                      print the policy version and digest
              aipolicy --help                         print this help

            Options:
              --rules PATH    use the policy in a folder or jar instead of the bundled one

            A usage: {"tool": {"name": "ChatGPT"}, "hosting": "EXTERNAL", "dataCategories": ["PUBLIC"],
                      "purpose": "TRANSLATION", "context": {"userTrained": true}}
            (see POLICY.md in the README for every field and value)
            Beside the usage, a request may hold "language": "fr", "alternatives": true and "disclosure":
            {"toolVersion", "role", "parameters", "verification"}; a catalogued tool may leave out "hosting".

            Exit status: 0 decided; 2 an input could not be read (the message names the field and the
            accepted values; no decision is printed for it); 1 internal failure.
            """;

    /** What {@code aipolicy serve} prints: the web page and JSON endpoint have their own jar. */
    static final String SERVE_MOVED = "aipolicy: the web page and JSON endpoint have their own jar:"
            + " java -jar policy-server/target/aipolicy-server.jar";

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * Creates the tool on the given streams.
     *
     * @param in standard input
     * @param out standard output
     * @param err standard error
     */
    public AipolicyCli(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the tool and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int status = new AipolicyCli(System.in, System.out, System.err).run(args);
        System.out.flush();
        System.exit(status);
    }

    /**
     * Runs one command.
     *
     * @param args the command line
     * @return the exit status: {@link #OK}, {@link #BAD_INPUT} or {@link #INTERNAL_FAILURE}
     */
    public int run(String... args) {
        List<String> rest = new ArrayList<>(List.of(args));
        Path rulesPath = null;
        int rulesAt = rest.indexOf("--rules");
        if (rulesAt >= 0) {
            if (rulesAt + 1 >= rest.size()) {
                return usageError("--rules needs a folder or jar");
            }
            rulesPath = Path.of(rest.get(rulesAt + 1));
            rest.subList(rulesAt, rulesAt + 2).clear();
        }
        Path rules = rulesPath;
        Supplier<PolicyEngine> engine = () -> rules == null ? PolicyEngine.builder().build()
                : PolicyEngine.builder().rulesFrom(rules).build();
        if (!rest.isEmpty() && rest.get(0).equals("serve")) {
            // the server has its own runnable jar; this tool does not depend on it
            err.println(SERVE_MOVED);
            return BAD_INPUT;
        }
        if (rest.isEmpty() || rest.contains("--help") || rest.contains("-h") || rest.get(0).equals("help")) {
            out.print(HELP);
            return rest.isEmpty() ? BAD_INPUT : OK;
        }
        try {
            return switch (rest.get(0)) {
                case "evaluate" -> evaluate(rest.subList(1, rest.size()), engine);
                case "rules" -> rules(engine.get());
                case "diff" -> diff(rest.subList(1, rest.size()));
                case "clauses" -> {
                    out.println(PolicyJson.writeClauses(engine.get().catalogue()));
                    yield OK;
                }
                case "--version", "version" -> {
                    PolicyEngine e = engine.get();
                    out.println("policy " + e.policyVersion() + " " + e.policyDigest());
                    yield OK;
                }
                default -> usageError("unknown command: " + rest.get(0));
            };
        } catch (PolicyBuildException e) {
            err.println("aipolicy: the policy could not be loaded: " + e.getMessage());
            return rulesPath == null ? INTERNAL_FAILURE : BAD_INPUT;
        } catch (RuntimeException e) {
            err.println("aipolicy: internal failure: " + e);
            return INTERNAL_FAILURE;
        }
    }

    private int evaluate(List<String> args, Supplier<PolicyEngine> engineSupplier) {
        boolean batch = false;
        boolean pretty = false;
        boolean alternatives = false;
        Language language = null;
        String source = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--batch" -> batch = true;
                case "--pretty" -> pretty = true;
                case "--alternatives" -> alternatives = true;
                case "--lang" -> {
                    if (i + 1 >= args.size()) {
                        return usageError("--lang needs en or fr");
                    }
                    try {
                        language = Language.of(args.get(++i));
                    } catch (InvalidUsageException e) {
                        return usageError("--lang: " + e.problem() + "; accepted: en, fr");
                    }
                }
                default -> {
                    if (source != null || (arg.startsWith("--") && !arg.equals("-"))) {
                        return usageError("unexpected argument: " + arg);
                    }
                    source = arg;
                }
            }
        }
        if (source == null) {
            return usageError("evaluate needs a FILE, or - for standard input");
        }
        if (batch && (alternatives || language != null)) {
            return usageError("--lang and --alternatives work on one usage, not with --batch");
        }
        try (Reader reader = open(source)) {
            PolicyEngine engine = engineSupplier.get();
            return batch ? new BatchRunner(engine, err).run(reader, out)
                    : single(engine, reader, pretty, language, alternatives);
        } catch (NoSuchFileException e) {
            err.println("aipolicy: no such file: " + source);
            return BAD_INPUT;
        } catch (IOException | UncheckedIOException e) {
            err.println("aipolicy: cannot read " + source + ": " + e.getMessage());
            return BAD_INPUT;
        }
    }

    private Reader open(String source) throws IOException {
        return source.equals("-") ? new InputStreamReader(in, StandardCharsets.UTF_8)
                : Files.newBufferedReader(Path.of(source), StandardCharsets.UTF_8);
    }

    /**
     * Decides one request. A plain usage prints the plain decision; a request that asks for more (a
     * language, alternatives, disclosure facts, or a tool the catalogue completed) prints the report.
     */
    private int single(PolicyEngine engine, Reader reader, boolean pretty, Language language, boolean alternatives)
            throws IOException {
        EvaluationRequest request;
        try {
            request = PolicyJson.readRequest(readAtMost(reader, 1 << 20), engine.tools());
            request = language == null ? request : request.inLanguage(language);
            request = alternatives ? request.withAlternatives(true) : request;
        } catch (InvalidUsageException e) {
            err.println("aipolicy: invalid usage: " + e.getMessage());
            return BAD_INPUT;
        }
        if (!request.extended()) {
            Decision decision = engine.evaluate(request.usage());
            out.println(pretty ? PolicyJson.writePretty(decision) : PolicyJson.write(decision));
            return OK;
        }
        DecisionReport report = engine.report(request);
        out.println(pretty ? PolicyJson.writePretty(report) : PolicyJson.write(report));
        return OK;
    }

    private int diff(List<String> args) {
        List<String> paths = new ArrayList<>();
        Path scenarios = null;
        PolicyDiff.Contexts contexts = PolicyDiff.Contexts.SINGLE;
        int examples = 5;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            boolean hasValue = i + 1 < args.size();
            switch (arg) {
                case "--scenarios" -> {
                    if (!hasValue) {
                        return usageError("--scenarios needs a folder");
                    }
                    scenarios = Path.of(args.get(++i));
                }
                case "--contexts" -> {
                    if (!hasValue || !List.of("none", "single").contains(args.get(i + 1))) {
                        return usageError("--contexts takes none or single");
                    }
                    contexts = PolicyDiff.Contexts.valueOf(args.get(++i).toUpperCase());
                }
                case "--examples" -> {
                    if (!hasValue || !args.get(i + 1).matches("\\d{1,4}")) {
                        return usageError("--examples takes a number from 0 to 9999");
                    }
                    examples = Integer.parseInt(args.get(++i));
                }
                default -> paths.add(arg);
            }
        }
        if (paths.size() != 2) {
            return usageError("diff needs two policies: BEFORE AFTER (rule folders or jars)");
        }
        PolicyEngine before;
        PolicyEngine after;
        try {
            before = PolicyEngine.builder().rulesFrom(Path.of(paths.get(0))).build();
            after = PolicyEngine.builder().rulesFrom(Path.of(paths.get(1))).build();
        } catch (PolicyBuildException e) {
            err.println("aipolicy: a policy could not be loaded: " + e.getMessage());
            return BAD_INPUT;
        }
        try {
            new PolicyDiff(before, after, out).run(scenarios, contexts, examples);
            return OK;
        } catch (InvalidUsageException e) {
            err.println("aipolicy: invalid scenario: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException | UncheckedIOException e) {
            err.println("aipolicy: cannot read the scenarios: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    private int rules(PolicyEngine engine) {
        out.printf("%-5s %-10s %-22s %-28s %s%n", "id", "effect", "clauses", "item / escalate to", "file: name");
        for (PolicyRule rule : engine.rules()) {
            String detail = rule.item() != null ? rule.item()
                    : rule.escalateTo().isEmpty() ? "" : rule.escalateTo().toString();
            out.printf("%-5s %-10s %-22s %-28s %s: %s%n", rule.id(), rule.effect(), String.join(" ", rule.clauses()),
                    detail, rule.file(), rule.name());
        }
        return OK;
    }

    private int usageError(String message) {
        err.println("aipolicy: " + message + " (see aipolicy --help)");
        return BAD_INPUT;
    }

    /** Reads a whole input, refusing one larger than the limit rather than holding it in memory. */
    private static String readAtMost(Reader reader, int limit) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
            text.append(buffer, 0, n);
            if (text.length() > limit) {
                throw new InvalidUsageException("(request)", "too large (more than " + limit + " characters)", List.of());
            }
        }
        return text.toString();
    }
}
