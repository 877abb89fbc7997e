package fr.inserm.aipolicy.rules;

import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.ContextField;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Tool;
import fr.inserm.aipolicy.usage.Usage;
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
        Context.Builder context = Context.builder();
        for (ContextField field : ContextField.all()) {
            int i = random.nextInt(field.statedValues().size() + 1);
            context.set(field, i == 0 ? null : field.statedValues().get(i - 1));
        }
        return context.build();
    }

    /** Whether the policy accepts this combination as input (POLICY.md §2 refusals that need no catalogue). */
    static boolean accepted(Tool tool, Purpose purpose, int mask) {
        return purpose.accepts(tool.generative(), mask != 0);
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
        while (true) {
            Tool tool = randomTool(random);
            Purpose purpose = Purpose.values()[random.nextInt(Purpose.values().length)];
            int mask = random.nextInt(SUBSETS);
            if (accepted(tool, purpose, mask)) {
                return usage(tool, Hosting.values()[random.nextInt(Hosting.values().length)], purpose, mask,
                        randomContext(random));
            }
        }
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
            if (!fewer.isEmpty() || !u.purpose().consumesData()) {
                candidates.add(new Usage(u.tool(), u.hosting(), fewer, u.purpose(), u.context()));
            }
        }
        Context c = u.context();
        List<Context> plainer = new ArrayList<>();
        for (ContextField field : ContextField.all()) {
            if (c.get(field) != null) {
                plainer.add(c.with(field, null));
            }
        }
        for (Context p : plainer) {
            candidates.add(new Usage(u.tool(), u.hosting(), u.dataCategories(), u.purpose(), p));
        }
        if (u.tool().parametersBillions() != null || !u.tool().name().equals("t")) {
            candidates.add(new Usage(new Tool("t", u.tool().generative(), null), u.hosting(), u.dataCategories(),
                    u.purpose(), u.context()));
        }
        if (!u.tool().generative()) {
            candidates.add(new Usage(Tool.named("t"), u.hosting(), u.dataCategories(), u.purpose(), u.context()));
        }
        return candidates;
    }
}
