package fr.inserm.aipolicy;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the rules' findings reach the engine. Rule authors write every consequence as
 * {@code insert(new Finding(drools.getRule().getName()));}; when every rule of a policy does, the
 * compiler is given each consequence as {@code findings.add("<the rule's name>");} on a global list
 * instead, and the engine reads that list. Same rules applied, same decision; but no fact is inserted
 * by a consequence and none uses {@code drools}, so a session is left as it was found (it can be
 * reused without a reset) and a firing allocates a third of what it did (measured in
 * {@code policy-bench}: levers-3).
 *
 * <p>A policy with any other consequence is compiled as written, and the engine collects its
 * {@code Finding} facts from a fresh session per decision, as before.
 */
final class FindingsGlobal {
    /** The global's name: the compiled rules declare it when rewritten. */
    static final String NAME = "findings";
    /** The one consequence a rule author writes. */
    static final String INSERT = "insert(new Finding(drools.getRule().getName()));";

    private static final Pattern RULE = Pattern.compile("(?m)^[ \\t]*rule\\s+\"");
    private static final Pattern RULE_WITH_CONSEQUENCE = Pattern.compile(
            "(?ms)^[ \\t]*rule\\s+\"([^\"\\\\]+)\".*?^[ \\t]*then[ \\t]*\\R(.*?)^[ \\t]*end\\b");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^(package\\s+[\\w.]+\\s*;?)");

    private FindingsGlobal() {
    }

    /**
     * The DRL files with every consequence recording into the global list, or the files unchanged when
     * any rule's consequence is not {@link #INSERT}. Line numbers are kept (a compile error names the
     * line the author wrote).
     */
    static Map<String, String> rewrite(Map<String, String> drl) {
        Map<String, String> rewritten = new TreeMap<>();
        for (Map.Entry<String, String> file : drl.entrySet()) {
            String text = file.getValue();
            int rules = 0;
            for (Matcher m = RULE.matcher(text); m.find();) {
                rules++;
            }
            if (rules == 0) {
                rewritten.put(file.getKey(), text);
                continue;
            }
            Matcher pkg = PACKAGE.matcher(text);
            if (!pkg.find()) {
                return drl; // rules without a package line: compile as written
            }
            StringBuilder out = new StringBuilder(text.length() + 64).append(text, 0, pkg.end())
                    .append(" global java.util.List ").append(NAME).append(';');
            int from = pkg.end();
            int matched = 0;
            for (Matcher m = RULE_WITH_CONSEQUENCE.matcher(text); m.find(); matched++) {
                if (!m.group(2).strip().equals(INSERT)) {
                    return drl;
                }
                int at = m.start(2) + m.group(2).indexOf(INSERT);
                out.append(text, from, at).append(NAME).append(".add(\"").append(m.group(1)).append("\");");
                from = at + INSERT.length();
            }
            if (matched != rules) {
                return drl; // a rule this reading does not understand: compile as written
            }
            rewritten.put(file.getKey(), out.append(text, from, text.length()).toString());
        }
        return rewritten;
    }
}
