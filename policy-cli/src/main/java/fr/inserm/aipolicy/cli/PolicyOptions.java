package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.Approval;
import fr.inserm.aipolicy.PolicyApprovals;
import fr.inserm.aipolicy.PolicyBuildException;
import fr.inserm.aipolicy.PolicyEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which policy a command uses: {@code --rules PATH} (a folder, a jar or a bundle), {@code --trust
 * PUBLIC.pem} (then only a bundle signed by that key loads), {@code --draft} (a policy whose files do
 * not match its recorded version may load, its decisions saying {@code -draft+}), {@code --bundled}
 * (the policy built into the tool, even for scenarios that live beside a rules folder). A draft never
 * loads unless asked for.
 */
final class PolicyOptions {
    /** Where the rules folder is found, from a folder that lives beside it (scenarios). */
    private static final List<Path> BESIDE = List.of(Path.of("policy.properties"), Path.of("rules", "policy.properties"),
            Path.of("src", "main", "resources", "fr", "inserm", "aipolicy", "rules", "policy.properties"));
    private static final int LEVELS_UP = 5;

    Path rules;
    boolean draft;
    boolean bundled;
    final List<Path> trust = new ArrayList<>();

    /**
     * Takes the policy options out of a command line.
     *
     * @return what is wrong with them, in words, or null
     */
    String read(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--rules", "--trust" -> {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        return arg.equals("--rules") ? "--rules needs a folder, jar or bundle"
                                : "--trust needs a public key file (PEM, as openssl pkey -pubout writes it)";
                    }
                    Path value = Path.of(args.get(i + 1));
                    if (arg.equals("--rules")) {
                        rules = value;
                    } else {
                        trust.add(value);
                    }
                    args.subList(i, i + 2).clear();
                    i--;
                }
                case "--draft", "--bundled" -> {
                    if (arg.equals("--draft")) {
                        draft = true;
                    } else {
                        bundled = true;
                    }
                    args.remove(i);
                    i--;
                }
                default -> {
                    // not a policy option
                }
            }
        }
        if (bundled && rules != null) {
            return "--bundled and --rules name two policies: give one";
        }
        return null;
    }

    /** Whether a policy other than the bundled one was named (its errors are the user's input's). */
    boolean named() {
        return rules != null;
    }

    /**
     * The engine over the named policy (or the bundled one).
     *
     * @throws PolicyBuildException when it cannot load, or is a draft and {@code --draft} was not given
     */
    PolicyEngine load() {
        return load(rules);
    }

    PolicyEngine load(Path policy) {
        if (policy != null && trust.isEmpty() && !draft) {
            Approval approval = PolicyApprovals.check(policy);
            if (approval.draft()) {
                throw new PolicyBuildException("the policy at " + policy + " is a draft (" + approval.note() + "): its"
                        + " decisions would carry " + approval.version() + ". Add --draft to use it (the maintainer's"
                        + " loop), or record its version: aipolicy version " + policy + " VERSION");
            }
        }
        PolicyEngine.Builder builder = PolicyEngine.builder().draft(draft);
        if (policy != null) {
            builder.rulesFrom(policy);
        }
        trust.forEach(builder::trust);
        return builder.build();
    }

    /**
     * The rules folder scenarios live beside: the nearest folder up from them (at most five levels)
     * that holds {@code policy.properties}, {@code rules/policy.properties} or
     * {@code src/main/resources/fr/inserm/aipolicy/rules/policy.properties}; null when there is none.
     */
    static Path rulesBeside(Path scenarios) {
        Path at = scenarios.toAbsolutePath().normalize();
        if (!Files.isDirectory(at)) {
            at = at.getParent();
        }
        for (int up = 0; at != null && up <= LEVELS_UP; up++, at = at.getParent()) {
            for (Path candidate : BESIDE) {
                if (Files.isRegularFile(at.resolve(candidate))) {
                    return at.resolve(candidate).getParent();
                }
            }
        }
        return null;
    }
}
