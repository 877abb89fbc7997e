package fr.inserm.aipolicy;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Packs into one {@code long} everything of a {@link Usage} that the rules can see, so that two
 * usages with the same key get the same decision and a decision can be reused.
 *
 * <p>The key holds the hosting, every data category, the purpose, whether the tool is generative,
 * whether its size is above each threshold the rules compare it with, and every context field
 * (stated true, stated false, or not stated). It leaves out the tool's name and its exact size. That
 * is only sound when no rule can see them: {@link #forRules(Collection)} reads the rule sources and
 * gives no key shape (no reuse) as soon as a rule mentions the tool other than through
 * {@code tool.generative} or {@code tool.isLargerThan(<number>)}, binds the usage to a variable,
 * or uses {@code eval}, {@code function}, {@code from}, {@code collect} or {@code accumulate}
 * (through which a rule could read anything). False alarms only cost speed.
 */
final class UsageKey {
    /**
     * Every public member of {@link Usage}, {@link Tool} and {@link Context} the check below knows
     * about; a test fails when one is added, so that whoever adds it decides whether rules can see
     * something the key leaves out.
     */
    static final Set<String> KNOWN_MEMBERS = Set.of(
            "Usage.tool", "Usage.hosting", "Usage.dataCategories", "Usage.purpose", "Usage.context",
            "Usage.isExternal", "Usage.includesSensitiveData", "Usage.includes", "Usage.toBuilder", "Usage.builder",
            "Tool.name", "Tool.generative", "Tool.parametersBillions", "Tool.isLargerThan", "Tool.named",
            "Context.userTrained", "Context.subscription", "Context.codeTarget", "Context.expertReview",
            "Context.dpiaCompleted", "Context.subcontractingAgreement", "Context.trainingDataLawful",
            "Context.webScraping", "Context.scrapingTermsRespected", "Context.apiAvailable",
            "Context.automatedDecisionOnPeople", "Context.forPublication", "Context.builder", "Context.toBuilder");

    private static final Pattern ALLOWED = Pattern.compile(
            "drools\\s*\\.\\s*getRule\\s*\\(\\s*\\)\\s*\\.\\s*getName\\s*\\(\\s*\\)"
            + "|\\btool\\s*\\.\\s*generative\\b"
            + "|\\btool\\s*\\.\\s*isLargerThan\\s*\\(\\s*([0-9]+(?:\\.[0-9]+)?)\\s*\\)");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(tool|Tool|getTool|name|getName|parametersBillions|getParametersBillions|isLargerThan|this|toString"
            + "|hashCode|equals|toBuilder|eval|function|from|collect|accumulate)\\b"
            + "|:\\s*Usage\\b");

    private static final int HOSTINGS = Hosting.values().length;
    private static final int PURPOSES = Purpose.values().length;
    private static final int CATEGORIES = DataCategory.values().length;
    private static final int SUBSCRIPTIONS = Subscription.values().length + 1;
    private static final int CODE_TARGETS = CodeTarget.values().length + 1;
    private static final int HOSTING_BITS = bits(HOSTINGS);
    private static final int PURPOSE_BITS = bits(PURPOSES);
    private static final int SUBSCRIPTION_BITS = bits(SUBSCRIPTIONS);
    private static final int CODE_TARGET_BITS = bits(CODE_TARGETS);

    private final double[] thresholds;

    private UsageKey(double[] thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * The key shape for a set of rules.
     *
     * @param drlSources the text of every rule file
     * @return the key shape, or null when a rule may see something a key leaves out (or the key would
     *     not fit in 64 bits)
     */
    static UsageKey forRules(Collection<String> drlSources) {
        Set<Double> thresholds = new TreeSet<>();
        for (String source : drlSources) {
            String code = stripCommentsAndStrings(source);
            Matcher allowed = ALLOWED.matcher(code);
            StringBuilder rest = new StringBuilder();
            while (allowed.find()) {
                if (allowed.group(1) != null) {
                    thresholds.add(Double.valueOf(allowed.group(1)));
                }
                allowed.appendReplacement(rest, " ");
            }
            allowed.appendTail(rest);
            if (FORBIDDEN.matcher(rest).find()) {
                return null;
            }
        }
        int bits = HOSTING_BITS + CATEGORIES + PURPOSE_BITS + 1 + thresholds.size() + 10 * 2
                + SUBSCRIPTION_BITS + CODE_TARGET_BITS;
        if (bits > 63) {
            return null;
        }
        return new UsageKey(thresholds.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static int bits(int values) {
        return 32 - Integer.numberOfLeadingZeros(values - 1);
    }

    /**
     * The rule source without comments and string literals (a rule's name, its metadata), so that
     * only code is checked.
     */
    static String stripCommentsAndStrings(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int n = source.length();
        for (int i = 0; i < n; i++) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
                out.append('\n');
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 1;
                out.append(' ');
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && source.charAt(i) != c) {
                    if (source.charAt(i) == '\\') {
                        i++;
                    }
                    i++;
                }
                out.append(" \"\" ");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The key of a usage: equal keys, equal decisions.
     *
     * @param usage the usage
     * @return the key
     */
    long of(Usage usage) {
        long key = usage.hosting().ordinal();
        for (DataCategory category : usage.dataCategories()) {
            key |= 1L << (HOSTING_BITS + category.ordinal());
        }
        key = key << PURPOSE_BITS | usage.purpose().ordinal();
        Tool tool = usage.tool();
        key = key << 1 | (tool.generative() ? 1 : 0);
        for (double threshold : thresholds) {
            key = key << 1 | (tool.isLargerThan(threshold) ? 1 : 0);
        }
        Context c = usage.context();
        key = key << 2 | tri(c.userTrained());
        key = key << SUBSCRIPTION_BITS | (c.subscription() == null ? 0 : c.subscription().ordinal() + 1);
        key = key << CODE_TARGET_BITS | (c.codeTarget() == null ? 0 : c.codeTarget().ordinal() + 1);
        key = key << 2 | tri(c.expertReview());
        key = key << 2 | tri(c.dpiaCompleted());
        key = key << 2 | tri(c.subcontractingAgreement());
        key = key << 2 | tri(c.trainingDataLawful());
        key = key << 2 | tri(c.webScraping());
        key = key << 2 | tri(c.scrapingTermsRespected());
        key = key << 2 | tri(c.apiAvailable());
        key = key << 2 | tri(c.automatedDecisionOnPeople());
        key = key << 2 | tri(c.forPublication());
        return key;
    }

    private static long tri(Boolean value) {
        return value == null ? 0 : value ? 2 : 1;
    }
}
