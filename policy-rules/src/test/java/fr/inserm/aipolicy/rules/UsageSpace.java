package fr.inserm.aipolicy.rules;

import fr.inserm.aipolicy.CodeTarget;
import fr.inserm.aipolicy.Context;
import fr.inserm.aipolicy.DataCategory;
import fr.inserm.aipolicy.Hosting;
import fr.inserm.aipolicy.Purpose;
import fr.inserm.aipolicy.Subscription;
import fr.inserm.aipolicy.Tool;
import fr.inserm.aipolicy.Usage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The input space of the policy, for exhaustive and seeded-random tests: every hosting × purpose ×
 * subset of data categories, and random contexts and tools. Plain JUnit, no property-testing library.
 */
final class UsageSpace {
    static final DataCategory[] CATEGORIES = DataCategory.values();
    static final int SUBSETS = 1 << CATEGORIES.length;

    private UsageSpace() {
    }

    static Set<DataCategory> subset(int mask) {
        EnumSet<DataCategory> set = EnumSet.noneOf(DataCategory.class);
        for (int i = 0; i < CATEGORIES.length; i++) {
            if ((mask & (1 << i)) != 0) {
                set.add(CATEGORIES[i]);
            }
        }
        return set;
    }

    static Usage usage(Tool tool, Hosting hosting, Purpose purpose, int mask, Context context) {
        return new Usage(tool, hosting, subset(mask), purpose, context);
    }

    /** A random context: each field not stated, or one of its values. */
    static Context randomContext(Random random) {
        return Context.builder()
                .userTrained(bool(random)).subscription(pick(random, Subscription.values()))
                .codeTarget(pick(random, CodeTarget.values())).expertReview(bool(random))
                .dpiaCompleted(bool(random)).subcontractingAgreement(bool(random))
                .trainingDataLawful(bool(random)).webScraping(bool(random)).scrapingTermsRespected(bool(random))
                .apiAvailable(bool(random)).automatedDecisionOnPeople(bool(random)).forPublication(bool(random))
                .build();
    }

    static Tool randomTool(Random random) {
        Double size = switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> 10.0;
            case 2 -> random.nextDouble() * 10;
            default -> 10 + random.nextDouble() * 500;
        };
        return new Tool("tool " + random.nextInt(1000), random.nextInt(4) != 0, size);
    }

    static Usage randomUsage(Random random) {
        return usage(randomTool(random), Hosting.values()[random.nextInt(Hosting.values().length)],
                Purpose.values()[random.nextInt(Purpose.values().length)],
                random.nextInt(SUBSETS), randomContext(random));
    }

    private static Boolean bool(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> Boolean.TRUE;
            default -> Boolean.FALSE;
        };
    }

    /** One of the values, or null ("not stated") as often as each value. */
    private static <T> T pick(Random random, T[] values) {
        int i = random.nextInt(values.length + 1);
        return i == values.length ? null : values[i];
    }

    /**
     * Shrinks a usage that fails a check to a smaller one that still fails: fewer data categories,
     * fewer stated context fields, a plainer tool.
     */
    static Usage shrink(Usage failing, Predicate<Usage> fails) {
        Usage current = failing;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Usage candidate : smaller(current)) {
                if (fails.test(candidate)) {
                    current = candidate;
                    progress = true;
                    break;
                }
            }
        }
        return current;
    }

    private static List<Usage> smaller(Usage u) {
        List<Usage> candidates = new ArrayList<>();
        for (DataCategory c : u.dataCategories()) {
            EnumSet<DataCategory> fewer = EnumSet.copyOf(u.dataCategories());
            fewer.remove(c);
            candidates.add(new Usage(u.tool(), u.hosting(), fewer, u.purpose(), u.context()));
        }
        Context c = u.context();
        List<Context> plainer = new ArrayList<>();
        if (c.userTrained() != null) plainer.add(c.toBuilder().userTrained(null).build());
        if (c.subscription() != null) plainer.add(c.toBuilder().subscription(null).build());
        if (c.codeTarget() != null) plainer.add(c.toBuilder().codeTarget(null).build());
        if (c.expertReview() != null) plainer.add(c.toBuilder().expertReview(null).build());
        if (c.dpiaCompleted() != null) plainer.add(c.toBuilder().dpiaCompleted(null).build());
        if (c.subcontractingAgreement() != null) plainer.add(c.toBuilder().subcontractingAgreement(null).build());
        if (c.trainingDataLawful() != null) plainer.add(c.toBuilder().trainingDataLawful(null).build());
        if (c.webScraping() != null) plainer.add(c.toBuilder().webScraping(null).build());
        if (c.scrapingTermsRespected() != null) plainer.add(c.toBuilder().scrapingTermsRespected(null).build());
        if (c.apiAvailable() != null) plainer.add(c.toBuilder().apiAvailable(null).build());
        if (c.automatedDecisionOnPeople() != null) plainer.add(c.toBuilder().automatedDecisionOnPeople(null).build());
        if (c.forPublication() != null) plainer.add(c.toBuilder().forPublication(null).build());
        for (Context p : plainer) {
            candidates.add(new Usage(u.tool(), u.hosting(), u.dataCategories(), u.purpose(), p));
        }
        if (u.tool().parametersBillions() != null || !u.tool().generative() || !u.tool().name().equals("t")) {
            candidates.add(new Usage(Tool.named("t"), u.hosting(), u.dataCategories(), u.purpose(), u.context()));
        }
        return candidates;
    }
}
