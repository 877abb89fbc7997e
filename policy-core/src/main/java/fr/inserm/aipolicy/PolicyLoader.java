package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Clause;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Reads a policy's files into what an engine runs: the manifest ({@code policy.properties}), the
 * clause catalogue, the rules (the model compiled when the library was built, or the DRL compiled
 * now), the rule book with its messages, the texts and the tool catalogue. Every check of the files
 * against each other happens here, so an engine is never built over an inconsistent policy.
 */
final class PolicyLoader {
    private static final Pattern RULE_NAME = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"");

    /**
     * A policy ready to run.
     *
     * @param policy its public description
     * @param texts its messages, labels and tool catalogue
     * @param ruleBook its rules with their metadata
     * @param kieBase the compiled rules
     * @param compiledAtBuildTime whether the rules were compiled by the Maven build
     */
    record Loaded(Policy policy, PolicyTexts texts, RuleBook ruleBook, KieBase kieBase, boolean compiledAtBuildTime) {
    }

    private PolicyLoader() {
    }

    static Loaded load(PolicyFiles files, ClassLoader loader) {
        return load(files, PolicyApprovals.examine(files), loader);
    }

    /** Loads the files as the approval says they are: a draft's decisions carry the draft's version. */
    static Loaded load(PolicyFiles files, Approval approval, ClassLoader loader) {
        PolicyManifest manifest = PolicyManifest.read(files);
        List<Clause> catalogue = TranslationsReader.join(files,
                CatalogueReader.read(files.require(PolicyFiles.CATALOGUE_FILE), files.origin()));
        Map<String, String> drl = files.rules();
        if (drl.isEmpty()) {
            throw new PolicyBuildException("the policy at " + files.origin() + " has no .drl file");
        }
        // the model compiled at build time when the class path holds one for exactly these rules
        KieBase precompiled = files.fromClassPath() ? PrecompiledRules.load(files, loader).orElse(null) : null;
        KieBase kieBase = precompiled != null ? precompiled : RuntimeCompiler.compile(drl, files.origin(), loader);
        Map<Rule, String> rules = new LinkedHashMap<>();
        Map<String, String> fileByRuleName = fileByRuleName(drl);
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                rules.put(rule, fileByRuleName.getOrDefault(rule.getName(), pkg.getName()));
            }
        }
        RuleBook ruleBook = RuleBook.of(rules, catalogue.stream().map(Clause::id).collect(Collectors.toSet()),
                files.require(PolicyFiles.MESSAGES_FILE), files.origin());
        ruleBook.checkDeclared(manifest.rules(), files.origin());
        PolicyTexts texts = PolicyTexts.read(files, ruleBook.rules(), catalogue)
                .withNoPermitClauses(manifest.noPermitClauses(), catalogue);
        Policy policy = new Policy(approval, ruleBook.rules(), catalogue, texts);
        return new Loaded(policy, texts, ruleBook, kieBase, precompiled != null);
    }

    /** The DRL file each rule is written in, by rule name: the rule book cites it in its messages. */
    private static Map<String, String> fileByRuleName(Map<String, String> drl) {
        Map<String, String> files = new LinkedHashMap<>();
        drl.forEach((file, text) -> {
            Matcher m = RULE_NAME.matcher(text);
            while (m.find()) {
                files.put(m.group(1), file);
            }
        });
        return files;
    }
}
