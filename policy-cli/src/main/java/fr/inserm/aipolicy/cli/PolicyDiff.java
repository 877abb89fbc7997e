package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicyRule;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.report.Change;
import fr.inserm.aipolicy.usage.CodeTarget;
import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.ContextField;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Subscription;
import fr.inserm.aipolicy.usage.Tool;
import fr.inserm.aipolicy.usage.Usage;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.inserm.aipolicy.testing.Scenario;
import fr.inserm.aipolicy.testing.ScenarioFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code aipolicy diff}: replays the scenario files and the exhaustive input space under two
 * versions of the rules and reports which decisions changed, how many, and which rules and clauses
 * caused it. What a reviewer reads on a rule-change pull request.
 *
 * <p>The input space replayed is described at {@link #space(Contexts)}.
 */
final class PolicyDiff {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** How many context variants to replay. */
    enum Contexts { NONE, SINGLE }

    /** One usage whose decision changed. */
    record Change(String label, Usage usage, Decision before, Decision after) {
    }

    private final PolicyEngine before;
    private final PolicyEngine after;
    private final Map<String, String> conditionsBefore;
    private final Map<String, String> conditionsAfter;
    private final PrintStream out;

    /**
     * A diff of two loaded policies; the conditions are read from their DRL files (empty maps when
     * unknown: no condition is then reported as changed).
     */
    PolicyDiff(PolicyEngine before, PolicyEngine after, Map<String, String> conditionsBefore,
            Map<String, String> conditionsAfter, PrintStream out) {
        this.before = before;
        this.after = after;
        this.conditionsBefore = conditionsBefore;
        this.conditionsAfter = conditionsAfter;
        this.out = out;
    }

    /** Runs the diff and prints the report; returns how many decisions changed. */
    long run(Path scenarios, Contexts contexts, int examples) throws IOException {
        out.println(MaintainerLoop.comparing(before, after));
        out.println("  before: " + before.policy().approval().describe());
        out.println("  after:  " + after.policy().approval().describe());
        reportRules();
        long changed = 0;
        if (scenarios != null) {
            List<Change> changes = new ArrayList<>();
            int replayed = 0;
            for (Map.Entry<String, Usage> scenario : readScenarios(scenarios).entrySet()) {
                replayed++;
                compare(scenario.getKey(), scenario.getValue(), changes);
            }
            out.println();
            out.println("Scenarios: " + replayed + " replayed from " + scenarios + ", " + changes.size() + " changed");
            for (Change c : changes) {
                out.println("  " + c.label() + ": " + describe(c));
            }
            changed += changes.size();
        }
        List<Change> changes = new ArrayList<>();
        long replayed = 0;
        for (Usage usage : (Iterable<Usage>) space(contexts)::iterator) {
            replayed++;
            compare(null, usage, changes);
        }
        out.println();
        out.println("Input space: " + replayed + " usages (every hosting x purpose x set of data categories"
                + (contexts == Contexts.SINGLE ? ", then each single-field context" : "") + "), " + changes.size()
                + " changed");
        if (!changes.isEmpty()) {
            List<Change> verdictChanges = changes.stream().filter(c -> c.before().verdict() != c.after().verdict()).toList();
            out.println("  verdict changed: " + verdictChanges.size() + "; same verdict, other content changed: "
                    + (changes.size() - verdictChanges.size()));
            if (!verdictChanges.isEmpty()) {
                count("  verdicts", verdictChanges, c -> c.before().verdict() + " -> " + c.after().verdict());
            }
            count("  rules", changes, c -> ruleChange(c));
            count("  clauses", changes, c -> clauseChange(c));
            out.println("  examples:");
            changes.stream().limit(examples).forEach(c ->
                    out.println("    " + PolicyJson.write(c.usage()) + "\n      " + describe(c)));
        }
        changed += changes.size();
        out.println();
        out.println(changed == 0 ? "No decision changed." : changed + " decisions changed.");
        return changed;
    }

    private void reportRules() {
        Map<String, PolicyRule> old = before.rules().stream().collect(Collectors.toMap(PolicyRule::id, Function.identity()));
        Map<String, PolicyRule> now = after.rules().stream().collect(Collectors.toMap(PolicyRule::id, Function.identity()));
        TreeSet<String> added = new TreeSet<>(now.keySet());
        added.removeAll(old.keySet());
        TreeSet<String> removed = new TreeSet<>(old.keySet());
        removed.removeAll(now.keySet());
        TreeSet<String> condition = new TreeSet<>();
        TreeSet<String> metadata = new TreeSet<>();
        TreeSet<String> message = new TreeSet<>();
        for (String id : old.keySet()) {
            PolicyRule a = old.get(id);
            PolicyRule b = now.get(id);
            if (b == null) {
                continue;
            }
            String was = conditionsBefore.get(id);
            String is = conditionsAfter.get(id);
            if (was != null && is != null && !was.equals(is)) {
                condition.add(id);
            }
            if (a.effect() != b.effect() || !a.clauses().equals(b.clauses()) || !a.escalateTo().equals(b.escalateTo())
                    || !Objects.equals(a.item(), b.item()) || !a.name().equals(b.name()) || !a.file().equals(b.file())) {
                metadata.add(id);
            }
            if (!Objects.equals(a.text(), b.text())) {
                message.add(id);
            }
        }
        out.println("Rules: " + after.rules().size() + " (" + list("added", added) + ", " + list("removed", removed)
                + ", " + list("condition changed", condition) + ", " + list("metadata changed", metadata) + ", "
                + list("message changed", message) + ")");
        for (String id : condition) {
            out.println("  " + id + " condition");
            out.println("    before: " + conditionsBefore.get(id));
            out.println("    after:  " + conditionsAfter.get(id));
        }
    }

    private static String list(String what, TreeSet<String> ids) {
        return what + (ids.isEmpty() ? ": none" : ": " + String.join(" ", ids));
    }

    private void compare(String label, Usage usage, List<Change> changes) {
        Decision b = before.evaluate(usage);
        Decision a = after.evaluate(usage);
        if (!sameDecision(b, a)) {
            changes.add(new Change(label, usage, b, a));
        }
    }

    /** Decisions are the same when all but the policy version and digest are. */
    static boolean sameDecision(Decision a, Decision b) {
        return a.verdict() == b.verdict() && a.citations().equals(b.citations()) && a.reasons().equals(b.reasons())
                && a.obligations().equals(b.obligations()) && a.advice().equals(b.advice())
                && a.escalateTo().equals(b.escalateTo()) && a.appliedRules().equals(b.appliedRules());
    }

    private static String describe(Change c) {
        String verdict = c.before().verdict() == c.after().verdict() ? c.after().verdict() + " (verdict unchanged)"
                : c.before().verdict() + " -> " + c.after().verdict();
        return verdict + "; rules " + ruleChange(c) + "; clauses " + clauseChange(c);
    }

    private static String ruleChange(Change c) {
        return delta(c.before().appliedRules(), c.after().appliedRules());
    }

    private static String clauseChange(Change c) {
        return delta(c.before().citedClauseIds(), c.after().citedClauseIds());
    }

    private static String delta(List<String> before, List<String> after) {
        List<String> parts = new ArrayList<>();
        after.stream().filter(x -> !before.contains(x)).forEach(x -> parts.add("+" + x));
        before.stream().filter(x -> !after.contains(x)).forEach(x -> parts.add("-" + x));
        return parts.isEmpty() ? "(same)" : String.join(" ", parts);
    }

    private void count(String title, List<Change> changes, Function<Change, String> key) {
        Map<String, Long> counts = changes.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
        out.println(title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.printf("    %8d  %s%n", e.getValue(), e.getKey()));
    }

    /**
     * Every scenario of every *.json file of a folder that expects a decision, labelled "file: name";
     * read by the scenario reader the rule tests use.
     */
    static Map<String, Usage> readScenarios(Path folder) throws IOException {
        Map<String, Usage> scenarios = new java.util.LinkedHashMap<>();
        for (Scenario scenario : ScenarioFiles.read(folder)) {
            if (scenario.expect().refused() != null) {
                continue; // a refusal is not a decision to compare
            }
            String label = scenario.file() + ": " + scenario.name();
            try {
                scenarios.put(label, PolicyJson.readUsage(scenario.usageJson()));
            } catch (InvalidUsageException e) {
                throw new InvalidUsageException(label + " " + e.field(), e.problem(), e.acceptedValues());
            }
        }
        return scenarios;
    }

    /**
     * The input space, generated lazily: every hosting × purpose × subset of data categories with
     * nothing stated; then (contexts SINGLE) every context stating one field (or a pair the rules
     * read together) × hosting × purpose × no category, each single category, and all of them.
     * Each with a generative tool of unstated size and a non-generative one of 70 billion parameters.
     */
    static Stream<Usage> space(Contexts contexts) {
        List<Tool> tools = List.of(Tool.named("t"), new Tool("t", false, 70.0));
        int all = (1 << DataCategory.values().length) - 1;
        Stream<Usage> full = tools.stream().flatMap(tool -> grid(tool, Context.NOT_STATED,
                java.util.stream.IntStream.rangeClosed(0, all).boxed().toList()));
        if (contexts == Contexts.NONE) {
            return full;
        }
        List<Integer> masks = new ArrayList<>();
        masks.add(0);
        for (int i = 0; i < DataCategory.values().length; i++) {
            masks.add(1 << i);
        }
        masks.add(all);
        Stream<Usage> varied = singleFieldContexts().stream().filter(c -> !c.equals(Context.NOT_STATED))
                .flatMap(context -> tools.stream().flatMap(tool -> grid(tool, context, masks)));
        return Stream.concat(full, varied);
    }

    private static Stream<Usage> grid(Tool tool, Context context, List<Integer> masks) {
        DataCategory[] categories = DataCategory.values();
        return Stream.of(Hosting.values()).flatMap(h -> Stream.of(Purpose.values()).flatMap(p ->
                masks.stream().filter(mask -> accepted(tool, p, mask)).map(mask -> {
                    EnumSet<DataCategory> set = EnumSet.noneOf(DataCategory.class);
                    for (int i = 0; i < categories.length; i++) {
                        if ((mask & (1 << i)) != 0) {
                            set.add(categories[i]);
                        }
                    }
                    return new Usage(tool, h, set, p, context);
                })));
    }

    /** Whether the policy takes this combination as input (the policy (docs/policy.md): data named for purposes that consume them). */
    static boolean accepted(Tool tool, Purpose purpose, int mask) {
        return purpose.accepts(tool.generative(), mask != 0);
    }

    /** The empty context, and every context that states exactly one field, derived from the schema. */
    static List<Context> singleFieldContexts() {
        List<Context> list = new ArrayList<>();
        list.add(Context.NOT_STATED);
        for (ContextField field : ContextField.all()) {
            for (Object value : field.statedValues()) {
                list.add(Context.NOT_STATED.with(field, value));
            }
        }
        // pairs the rules read together
        list.add(Context.builder().dpiaCompleted(true).subcontractingAgreement(true).build());
        list.add(Context.builder().webScraping(true).scrapingTermsRespected(true).apiAvailable(true).build());
        list.add(Context.builder().webScraping(true).scrapingTermsRespected(false).build());
        list.add(Context.builder().subscription(Subscription.INSERM_FUNDED).subscriptionAuthorised(true).build());
        list.add(Context.builder().deployedForOthers(true).dpiaCompleted(true).subcontractingAgreement(true).build());
        list.add(Context.builder().codeTarget(CodeTarget.CRYPTOGRAPHY).expertReview(false).build()); // S9
        return list.stream().distinct().toList();
    }
}
