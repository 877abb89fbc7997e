package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.PolicyBuildException;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicyRule;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.report.DecisionReport;
import fr.inserm.aipolicy.report.EvaluationRequest;
import fr.inserm.aipolicy.report.PolicyReports;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Wording;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code aipolicy} command-line tool: decides usages described in JSON (one, or a batch of JSON
 * Lines or CSV), compares two versions of the rules, and runs scenario files.
 *
 * <p>Exit status: {@link #OK} 0, every usage decided; {@link #INTERNAL_FAILURE} 1, the engine or the
 * tool failed (and {@code test}: a scenario failed); {@link #BAD_INPUT} 2, an input or the command
 * line could not be understood (the message names the field and what is accepted); {@link
 * #OUTPUT_FAILURE} 3, the output could not be written (a full disk, a closed pipe): the batch
 * stopped; {@link #FAIL_ON} 4, decided, and a decision had a verdict named by {@code --fail-on} (or
 * {@code diff --fail-on-change} found a changed decision).
 */
public final class AipolicyCli {
    /** Every usage was decided. */
    public static final int OK = 0;
    /** The engine or the tool failed; for {@code test}, a scenario failed. */
    public static final int INTERNAL_FAILURE = 1;
    /** An input or the command line could not be understood. */
    public static final int BAD_INPUT = 2;
    /** The output could not be written: what was written before stands, the rest was not decided. */
    public static final int OUTPUT_FAILURE = 3;
    /** Decided, and a decision matched {@code --fail-on}, or {@code diff --fail-on-change} saw a change. */
    public static final int FAIL_ON = 4;

    static final String HELP = """
            aipolicy: is this use of an AI system allowed at Inserm?

            Usage:
              aipolicy evaluate [--pretty] FILE|-     decide one usage (a JSON object); the decision on standard output
                       [--lang en|fr]                 ... with its texts in English or French (also with --batch), whom to ask, the
                                                      disclosure paragraph and the frugality figures when they apply
                       [--alternatives]               ... with the smallest changes that would make it allowed
                       [--strict]                     ... strictly: an ALLOW that rests on an assumption becomes
                                                      ESCALATE, with the questions to answer (also with --batch)
                       [--fail-on deny|escalate]      ... exit 4 when the verdict is DENY (or, for escalate, DENY or
                                                      ESCALATE), for scripts
              aipolicy evaluate --batch FILE|-        decide an inventory: one answer per record, in input order, each
                                                      naming its "line" (and "id"); a record that cannot be read gives
                                                      an error record and the batch goes on; blank lines are skipped;
                                                      a summary goes to standard error
                       [--input jsonl|csv]            JSON Lines (a usage, or {"id", "declaredBy", "usage"} per line)
                                                      or CSV with a header of field paths (default: csv for *.csv)
                       [--output json|csv|text]       JSON Lines (default), CSV for a spreadsheet, or text to read;
                                                      a CSV inventory comes back with its own columns and the
                                                      decision in words, in its own separator and encoding
                       [--csv excel-fr|excel-en|rfc4180]  ... or in this spreadsheet's (excel-fr: ; and French)
                       [--skip N]                     do not decide input lines 1 to N
                       [--resume OUTPUT]              append to OUTPUT, after the last complete answer in it
                       [--fail-on deny|escalate]      exit 4 when a decision has that verdict
              aipolicy diff BEFORE AFTER [--scenarios DIR] [--contexts none|single] [--examples N] [--fail-on-change]
                                                      replay the scenario files of DIR and the whole input space
                                                      under two versions of the rules (folders or jars) and report
                                                      which rules' conditions changed, which decisions changed, how
                                                      many, and the rules and clauses that caused it; the first line
                                                      names both policies; exit 4 when decisions changed and the
                                                      version did not
              aipolicy test DIR                       run the scenario files of DIR (*.json): pass or fail per case,
                                                      and how many cases each rule applied in; the first line names
                                                      the policy tested: the rules folder the scenarios live beside
                                                      (up to five folders up), unless --rules or --bundled is given
              aipolicy version RULES_DIR VERSION      record a folder's version: the digest of its files, in its
                                                      approved.properties (files that do not match it are a draft)
              aipolicy bundle RULES_DIR --key PRIVATE.pem --out FILE
                                                      pack a recorded folder into one file signed with an Ed25519
                                                      key (openssl genpkey -algorithm ed25519 -out PRIVATE.pem)
              aipolicy verify FILE --trust PUBLIC.pem exit 0 only for an intact bundle signed by that key
              aipolicy rules                          list the rules: id, effect, clauses, file
              aipolicy clauses                        print the clause catalogue as JSON
              aipolicy reference                      the policy's reference in Markdown, English and French
                                                      (rules, obligations, advice, assumptions, clauses):
                                                      docs/policy.md is its output
              aipolicy log stats FILE|DIR...          count the decision log's records by verdict, channel, rule, clause,
                       [--output text|csv|json]       tool, purpose, data category and week (a folder: its *.jsonl
                       [--lang en|fr]                 files, in date order)
              aipolicy --version                      print the policy version and digest
              aipolicy --help                         print this help

            Options:
              --rules PATH    use the policy in a folder, jar or bundle instead of the bundled one
              --trust KEY     load only a bundle signed by this public key (PEM: openssl pkey -pubout)
              --draft         accept a draft: a folder whose files do not match its recorded version (its
                              decisions say VERSION-draft+DIGEST); refused without it
              --bundled       test the policy built into this tool, not the rules folder beside the scenarios
              --decision-log DIR                  record every decision in DIR, one JSON object per line, one file
                                                  per day (docs/decision-log.md: what a record holds and does not)
              --decision-log-retention-days N     delete the files older than N days (default 365)
              --mask-tool-names                   write a tool's name only when the tool catalogue knows it

            A usage: {"tool": {"name": "ChatGPT"}, "hosting": "EXTERNAL", "dataCategories": ["PUBLIC"],
                      "purpose": "TRANSLATION", "context": {"userTrained": true}}
            (every field and value: the README, section JSON; the rules: docs/policy.md)
            Beside the usage, a request may hold "language": "fr", "alternatives": true and "disclosure":
            {"toolVersion", "role", "parameters", "verification"}; a catalogued tool may leave out "hosting".
            A CSV inventory names its columns id, tool.name, tool.generative, tool.parametersBillions, hosting,
            dataCategories (separated by ;), purpose and context.FIELD; an empty cell means "not stated".

            Exit status: 0 decided; 1 internal failure (test: a scenario failed); 2 an input could not be
            read (the message names the field and the accepted values; no decision is printed for it);
            3 the output could not be written (the batch stopped); 4 a decision matched --fail-on, or
            diff --fail-on-change saw a change, or diff saw decisions change under the same version.
            """;

    /** What {@code aipolicy serve} prints: the web page and JSON endpoint have their own jar. */
    static final String SERVE_MOVED = "aipolicy: the web page and JSON endpoint have their own jar:"
            + " java -jar policy-server/target/aipolicy-server.jar";

    /** The largest single request read, in bytes (the core refuses what is over 64 KiB characters). */
    private static final int SINGLE_LIMIT = 1 << 20;

    private final InputStream in;
    private final OutputStream rawOut;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * Creates the tool on the given streams. Decisions are written to {@code out} unbuffered by
     * anything that would hide a failure to write: pass a stream that throws when it cannot write
     * (not {@link System#out}, which keeps its errors to itself).
     *
     * @param in standard input
     * @param out standard output
     * @param err standard error
     */
    public AipolicyCli(InputStream in, OutputStream out, PrintStream err) {
        this.in = in;
        this.rawOut = out;
        this.out = new PrintStream(out, false, StandardCharsets.UTF_8);
        this.err = err;
    }

    /**
     * Runs the tool and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // System.out swallows write errors; the file descriptor itself reports them
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        int status = new AipolicyCli(System.in, stdout, System.err).run(args);
        System.err.flush();
        System.exit(status);
    }

    /**
     * Runs one command.
     *
     * @param args the command line
     * @return the exit status: {@link #OK}, {@link #INTERNAL_FAILURE}, {@link #BAD_INPUT},
     *     {@link #OUTPUT_FAILURE} or {@link #FAIL_ON}
     */
    public int run(String... args) {
        int status = command(args);
        out.flush();
        if (out.checkError() && status != OUTPUT_FAILURE) {
            err.println("aipolicy: cannot write the output (standard output is closed or full)");
            return OUTPUT_FAILURE;
        }
        return status;
    }

    private int command(String... args) {
        List<String> rest = new ArrayList<>(List.of(args));
        PolicyOptions options = new PolicyOptions();
        String optionProblem = options.read(rest);
        if (optionProblem != null) {
            return usageError(optionProblem);
        }
        DecisionLogOptions decisionLog;
        try {
            decisionLog = DecisionLogOptions.take(rest);
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
        try (decisionLog) {
            return command(rest, options, decisionLog.wrap(options::load));
        }
    }

    private int command(List<String> rest, PolicyOptions options, Supplier<PolicyEngine> engine) {
        ApprovalCommands approvals = new ApprovalCommands(out, err);
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
                case "log" -> LogStats.run(rest.subList(1, rest.size()), out, err);
                case "rules" -> rules(engine.get());
                case "reference" -> {
                    out.print(PolicyReference.markdown(engine.get().policy()));
                    yield OK;
                }
                case "diff" -> diff(rest.subList(1, rest.size()), options);
                case "test" -> test(rest.subList(1, rest.size()), options);
                case "bundle" -> approvals.bundle(rest.subList(1, rest.size()));
                case "verify" -> approvals.verify(rest.subList(1, rest.size()), options);
                case "version" -> rest.size() > 1 ? approvals.version(rest.subList(1, rest.size())) : printVersion(engine);
                case "clauses" -> {
                    out.println(PolicyJson.writeClauses(engine.get().catalogue()));
                    yield OK;
                }
                case "--version" -> printVersion(engine);
                default -> usageError("unknown command: " + rest.get(0));
            };
        } catch (PolicyBuildException e) {
            err.println("aipolicy: the policy could not be loaded: " + e.getMessage());
            return options.named() ? BAD_INPUT : INTERNAL_FAILURE;
        } catch (RuntimeException e) {
            err.println("aipolicy: internal failure: " + e);
            return INTERNAL_FAILURE;
        }
    }

    /** The options of {@code evaluate}. */
    private static final class EvaluateArgs {
        boolean batch;
        boolean pretty;
        boolean alternatives;
        Language language;
        String source;
        String input;
        String output;
        Long skip;
        Path resume;
        SheetFormat.Dialect dialect;
        Set<Verdict> failOn = EnumSet.noneOf(Verdict.class);
        boolean strict;

        /**
         * Reads the arguments of {@code evaluate}.
         *
         * @return what is wrong with them, in words, or null when they can run
         */
        String read(List<String> args) {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String value = i + 1 < args.size() ? args.get(i + 1) : null;
                switch (arg) {
                    case "--batch" -> batch = true;
                    case "--pretty" -> pretty = true;
                    case "--alternatives" -> alternatives = true;
                    case "--strict" -> strict = true;
                    case "--lang" -> {
                        if (value == null) {
                            return "--lang needs en or fr";
                        }
                        i++;
                        try {
                            language = Language.of(value);
                        } catch (InvalidUsageException e) {
                            return "--lang: " + e.problem() + "; accepted: en, fr";
                        }
                    }
                    case "--input" -> {
                        if (value == null || !List.of("jsonl", "csv").contains(value)) {
                            return "--input takes jsonl or csv";
                        }
                        input = args.get(++i);
                    }
                    case "--output" -> {
                        if (value == null || !OutputFormat.NAMES.contains(value)) {
                            return "--output takes json, csv or text";
                        }
                        output = args.get(++i);
                    }
                    case "--csv" -> {
                        if (value == null || SheetFormat.Dialect.named(value) == null) {
                            return "--csv takes excel-fr, excel-en or rfc4180";
                        }
                        dialect = SheetFormat.Dialect.named(args.get(++i));
                    }
                    case "--skip" -> {
                        if (value == null || !value.matches("\\d{1,18}")) {
                            return "--skip takes a number of lines (0 or more)";
                        }
                        skip = Long.parseLong(args.get(++i));
                    }
                    case "--resume" -> {
                        if (value == null) {
                            return "--resume needs the output file of the interrupted run";
                        }
                        resume = Path.of(args.get(++i));
                    }
                    case "--fail-on" -> {
                        if (value == null || !List.of("deny", "escalate").contains(value)) {
                            return "--fail-on takes deny (exit 4 on a DENY) or escalate (exit 4 on a DENY"
                                    + " or an ESCALATE)";
                        }
                        i++;
                        failOn = value.equals("deny") ? EnumSet.of(Verdict.DENY)
                                : EnumSet.of(Verdict.DENY, Verdict.ESCALATE);
                    }
                    default -> {
                        if (source != null || (arg.startsWith("--") && !arg.equals("-"))) {
                            return "unexpected argument: " + arg;
                        }
                        source = arg;
                    }
                }
            }
            if (source == null) {
                return "evaluate needs a FILE, or - for standard input";
            }
            if (batch && (alternatives || pretty)) {
                return "--alternatives and --pretty work on one usage, not with --batch";
            }
            if (!batch && (input != null || output != null || skip != null || resume != null || dialect != null)) {
                return "--input, --output, --csv, --skip and --resume work with --batch";
            }
            if (skip != null && resume != null) {
                return "--skip and --resume cannot be combined: --resume finds where to start in its file";
            }
            if (resume != null && "text".equals(output)) {
                return "--resume works with --output json or csv, whose records name their line";
            }
            return null;
        }

        String outputName() {
            return output == null ? "json" : output;
        }
    }

    private int evaluate(List<String> args, Supplier<PolicyEngine> engineSupplier) {
        EvaluateArgs a = new EvaluateArgs();
        String problem = a.read(args);
        if (problem != null) {
            return usageError(problem);
        }
        String output = a.outputName();
        try (InputStream input = open(a.source)) {
            PolicyEngine engine = engineSupplier.get();
            if (!a.batch) {
                return single(engine, input, a);
            }
            boolean csv = a.input != null ? a.input.equals("csv") : a.source.toLowerCase(Locale.ROOT).endsWith(".csv");
            OutputFormat format = output.equals("text")
                    ? new OutputFormat.Text(engine.policy(), a.language == null ? Language.EN : a.language)
                    : OutputFormat.named(output);
            return new BatchCommand(engine, rawOut, err).run(input, format, new BatchCommand.Request(a.source, csv,
                    output, a.dialect, a.language, a.skip, a.resume, a.failOn, a.strict));
        } catch (NoSuchFileException e) {
            err.println("aipolicy: no such file: " + e.getFile());
            return BAD_INPUT;
        } catch (OutputFailedException e) {
            err.println("aipolicy: cannot write the output: " + e.getMessage() + "; the batch stopped"
                    + (e.lastLineWritten > 0 ? ": the answers up to input line " + e.lastLineWritten + " were written in full"
                    : " before any answer was written in full")
                    + (a.resume != null ? " (run the same command again to resume)" : ""));
            return OUTPUT_FAILURE;
        } catch (IOException | UncheckedIOException e) {
            // in plain words: "permission denied", not the exception's class or the bare path
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            err.println("aipolicy: cannot read " + a.source + ": " + BatchOutput.reason(cause));
            return BAD_INPUT;
        }
    }

    private InputStream open(String source) throws IOException {
        return source.equals("-") ? new FilterInputStream(in) {
            @Override
            public void close() {
                // standard input stays open
            }
        } : Files.newInputStream(Path.of(source));
    }

    /**
     * Decides one request. A plain usage prints the plain decision; a request that asks for more (a
     * language, alternatives, disclosure facts, or a tool the catalogue completed) prints the report.
     */
    private int single(PolicyEngine engine, InputStream input, EvaluateArgs a) throws IOException {
        EvaluationRequest request;
        String text = null;
        try {
            text = readAtMost(input, SINGLE_LIMIT);
            request = PolicyJson.readRequest(text, engine.tools());
            request = a.language == null ? request : request.inLanguage(a.language);
            request = a.alternatives ? request.withAlternatives(true) : request;
            request = a.strict ? request.strict(true) : request;
        } catch (InvalidUsageException e) {
            err.println(a.language == Language.FR
                    ? "aipolicy : usage refusé : " + PlainMessages.plain(e.message(Language.FR)) + jsonLinesHint(a.source, text, Language.FR)
                    : "aipolicy: invalid usage: " + PlainMessages.of(e) + jsonLinesHint(a.source, text));
            return BAD_INPUT;
        }
        Decision decision;
        if (!request.extended()) {
            decision = engine.evaluate(request.usage(), request.strict());
            out.println(a.pretty ? PolicyJson.writePretty(decision) : PolicyJson.write(decision));
        } else {
            DecisionReport report = PolicyReports.of(engine).report(request);
            decision = report.decision();
            out.println(a.pretty ? PolicyJson.writePretty(report) : PolicyJson.write(report));
        }
        return a.failOn.contains(decision.verdict()) ? FAIL_ON : OK;
    }

    /** A plain-words hint when one usage was expected and an inventory (JSON Lines or CSV) was given. */
    static String jsonLinesHint(String source, String text) {
        return jsonLinesHint(source, text, Language.EN);
    }

    /** The same hint in a language. */
    static String jsonLinesHint(String source, String text, Language language) {
        boolean fr = language == Language.FR;
        String name = source.toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".csv")) {
            return fr ? "\n  cela ressemble à un inventaire (un usage par ligne) : utilisez evaluate --batch " + source
                    : "\n  this looks like an inventory (one usage per line): use evaluate --batch " + source;
        }
        if (text == null) {
            return "";
        }
        long objects = text.lines().map(String::strip).filter(l -> l.startsWith("{") && l.endsWith("}")).count();
        if (objects < 2) {
            return "";
        }
        return fr ? "\n  cela ressemble à du JSON Lines (un usage par ligne) : utilisez evaluate --batch " + source
                : "\n  this looks like JSON Lines (one usage per line): use evaluate --batch " + source;
    }

    private int printVersion(Supplier<PolicyEngine> engine) {
        PolicyEngine e = engine.get();
        out.println("policy " + e.policyVersion() + " " + e.policyDigest());
        return OK;
    }

    private int diff(List<String> args, PolicyOptions options) {
        List<String> paths = new ArrayList<>();
        Path scenarios = null;
        PolicyDiff.Contexts contexts = PolicyDiff.Contexts.SINGLE;
        int examples = 5;
        boolean failOnChange = false;
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
                case "--fail-on-change" -> failOnChange = true;
                default -> {
                    if (arg.startsWith("--")) {
                        return usageError("unexpected argument: " + arg);
                    }
                    paths.add(arg);
                }
            }
        }
        if (paths.size() != 2) {
            return usageError("diff needs two policies: BEFORE AFTER (rule folders or jars)");
        }
        PolicyEngine before;
        PolicyEngine after;
        try {
            // a comparison is the maintainer's loop: drafts load, and say so on the first line
            options.draft = true;
            before = options.load(Path.of(paths.get(0)));
            after = options.load(Path.of(paths.get(1)));
        } catch (PolicyBuildException e) {
            err.println("aipolicy: a policy could not be loaded: " + e.getMessage());
            return BAD_INPUT;
        }
        try {
            long changed = new PolicyDiff(before, after, RuleConditions.read(Path.of(paths.get(0))),
                    RuleConditions.read(Path.of(paths.get(1))), out).run(scenarios, contexts, examples);
            if (changed > 0 && MaintainerLoop.sameVersion(before, after)) {
                err.println(MaintainerLoop.unchangedVersion(changed, after, paths.get(1)));
                return FAIL_ON;
            }
            return failOnChange && changed > 0 ? FAIL_ON : OK;
        } catch (InvalidUsageException e) {
            err.println("aipolicy: invalid scenario: " + e.getMessage());
            return BAD_INPUT;
        } catch (ScenarioRun.BadScenarioFile e) {
            err.println("aipolicy: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException | UncheckedIOException e) {
            err.println("aipolicy: cannot read the scenarios: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    private int test(List<String> args, PolicyOptions options) {
        if (args.size() != 1 || args.get(0).startsWith("--")) {
            return usageError("test needs one scenario file or folder of scenario files (*.json)");
        }
        Path scenarios = Path.of(args.get(0));
        if (!Files.exists(scenarios)) {
            err.println("aipolicy: no such file or folder: " + scenarios);
            return BAD_INPUT;
        }
        List<fr.inserm.aipolicy.testing.Scenario> cases;
        try {
            cases = ScenarioRun.read(scenarios);
        } catch (ScenarioRun.BadScenarioFile e) {
            err.println("aipolicy: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException | UncheckedIOException e) {
            err.println("aipolicy: cannot read the scenarios: " + e.getMessage());
            return BAD_INPUT;
        }
        if (cases.isEmpty()) {
            err.println("aipolicy: no scenario in " + scenarios + " (scenario files are *.json arrays of cases)");
            return BAD_INPUT;
        }
        // scenarios beside a rules folder test that folder, unless --rules or --bundled says otherwise
        Path beside = options.named() || options.bundled ? null : PolicyOptions.rulesBeside(scenarios);
        if (beside != null) {
            options.rules = beside;
        }
        PolicyEngine engine = options.load();
        out.println(MaintainerLoop.testing(engine));
        // a failing case fails the run as a test runner does: exit 1
        return ScenarioRun.run(engine, cases, out) == 0 ? OK : INTERNAL_FAILURE;
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

    /** Reads a whole input as strict UTF-8, refusing one larger than the limit rather than holding it. */
    private static String readAtMost(InputStream input, int limit) throws IOException {
        byte[] bytes = input.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new InvalidUsageException("(request)", Wording.of("tooLargeBytes", limit), List.of());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidUsageException("(request)", Wording.of("notUtf8"), List.of());
        }
    }
}
