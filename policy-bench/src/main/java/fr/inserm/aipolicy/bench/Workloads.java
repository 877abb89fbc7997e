package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.ContextField;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Tool;
import fr.inserm.aipolicy.usage.Usage;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

/**
 * The benchmark inputs, from a fixed seed: the same usages on every run.
 *
 * <ul>
 *   <li><b>distinct</b>: usages drawn uniformly from the whole accepted input space (hosting, any
 *       subset of the data categories, purpose, tool name, generative or not, model size, and every
 *       context field stated with one of its values or not at all): nearly every usage differs from
 *       the others.</li>
 *   <li><b>inventory</b>: 100,000 usages drawn from 2,000 distinct profiles with a Zipf-like
 *       frequency (profile of rank {@code k} drawn with weight {@code 1/k}), as a declared-use
 *       inventory repeats a few common uses many times.</li>
 * </ul>
 */
public final class Workloads {
    /** The seed of every workload. */
    public static final long SEED = 20_240_917L;
    /** How many usages the distinct workload cycles through. */
    public static final int DISTINCT_SIZE = 16_384;
    /** How many usages the inventory holds. */
    public static final int INVENTORY_SIZE = 100_000;
    /** How many distinct profiles the inventory draws from. */
    public static final int PROFILES = 2_000;

    /** Names the tool catalogue does not know, so that any hosting may be declared with them. */
    private static final String[] TOOLS = {"assistant A", "assistant B", "summariser", "code helper", "translator",
        "image model", "speech model", "search helper", "segmentation net", "tabular generator", "notebook helper",
        "in-house classifier"};
    /**
     * Catalogued tools that may be declared with the hosting of the same index in {@link Hosting}: LM Studio
     * and the internal assistant run only locally or internally, so the catalogue confirms that hosting
     * (assumptions U8 to U11 then do not apply); Mistral 7B runs anywhere.
     */
    private static final String[][] CATALOGUED = {{"LM Studio", "Mistral 7B"}, {"Inserm internal assistant", "LM Studio"},
        {"Mistral 7B"}, {"Mistral 7B"}};
    private static final Double[] SIZES = {null, null, 0.5, 1.0, 7.0, 10.0, 10.5, 70.0, 405.0};
    private static final Hosting[] HOSTINGS = Hosting.values();
    private static final Purpose[] PURPOSES = Purpose.values();
    private static final DataCategory[] CATEGORIES = DataCategory.values();

    private Workloads() {
    }

    /**
     * One usage drawn uniformly from the accepted input space: draws that the library refuses as
     * input (no data for a purpose that consumes data, a non-generative tool for a purpose that
     * produces content) are drawn again.
     *
     * @param random the source of randomness
     * @return the usage
     */
    public static Usage randomUsage(Random random) {
        while (true) {
            Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
            for (DataCategory category : CATEGORIES) {
                if (random.nextBoolean()) {
                    categories.add(category);
                }
            }
            Hosting hosting = HOSTINGS[random.nextInt(HOSTINGS.length)];
            Purpose purpose = PURPOSES[random.nextInt(PURPOSES.length)];
            Tool tool = randomTool(random, hosting);
            if (accepted(categories, purpose, tool.generative())) {
                return new Usage(tool, hosting, categories, purpose, randomContext(random));
            }
        }
    }

    /**
     * Whether the library accepts a usage with these data, purpose and tool as input.
     *
     * @param categories the data categories
     * @param purpose the purpose
     * @param generative whether the tool is generative
     * @return false for what {@code Usage} refuses
     */
    public static boolean accepted(Set<DataCategory> categories, Purpose purpose, boolean generative) {
        return purpose.accepts(generative, !categories.isEmpty());
    }

    /**
     * A tool that may be declared with a hosting: mostly names the catalogue does not know, one time
     * in four a catalogued one that runs there, declared generative.
     *
     * @param random the source of randomness
     * @param hosting the declared hosting
     * @return the tool
     */
    public static Tool randomTool(Random random, Hosting hosting) {
        String[] catalogued = CATALOGUED[hosting.ordinal()];
        boolean generative = random.nextInt(4) != 0;
        Double size = SIZES[random.nextInt(SIZES.length)];
        if (random.nextInt(4) == 0) {
            // declared as the catalogue knows them (generative), so that no version of the catalogue refuses them
            return new Tool(catalogued[random.nextInt(catalogued.length)], true, size);
        }
        return new Tool(TOOLS[random.nextInt(TOOLS.length)], generative, size);
    }

    /**
     * A tool that may be declared with a hosting and is, or is not, generative: a name the catalogue
     * does not know when it is not (the catalogue knows its tools as generative).
     *
     * @param random the source of randomness
     * @param hosting the declared hosting
     * @param generative whether the tool is generative
     * @return the tool
     */
    public static Tool randomTool(Random random, Hosting hosting, boolean generative) {
        Tool drawn = randomTool(random, hosting);
        if (generative) {
            return new Tool(drawn.name(), true, drawn.parametersBillions());
        }
        return new Tool(TOOLS[random.nextInt(TOOLS.length)], false, drawn.parametersBillions());
    }

    /**
     * A context drawn uniformly: every field ({@link ContextField#all()}) not stated or stated with
     * one of its values, each with the same chance.
     *
     * @param random the source of randomness
     * @return the context
     */
    public static Context randomContext(Random random) {
        Context.Builder context = Context.builder();
        for (ContextField field : ContextField.all()) {
            context.set(field, pick(random, field.statedValues().toArray()));
        }
        return context.build();
    }

    private static <T> T pick(Random random, T[] values) {
        int i = random.nextInt(values.length + 1);
        return i == values.length ? null : values[i];
    }

    /**
     * The distinct workload.
     *
     * @return {@link #DISTINCT_SIZE} usages drawn uniformly
     */
    public static Usage[] distinct() {
        Random random = new Random(SEED);
        Usage[] usages = new Usage[DISTINCT_SIZE];
        for (int i = 0; i < usages.length; i++) {
            usages[i] = randomUsage(random);
        }
        return usages;
    }

    /**
     * The distinct profiles of the inventory.
     *
     * @return {@link #PROFILES} usages drawn uniformly
     */
    public static Usage[] profiles() {
        Random random = new Random(SEED + 1);
        Usage[] profiles = new Usage[PROFILES];
        for (int i = 0; i < profiles.length; i++) {
            profiles[i] = randomUsage(random);
        }
        return profiles;
    }

    /**
     * The inventory workload: each entry equals one of {@link #profiles()}, as a fresh object (as
     * reading an inventory would give equal, not identical, objects).
     *
     * @return {@link #INVENTORY_SIZE} usages with a Zipf-like frequency over the profiles
     */
    public static Usage[] inventory() {
        Usage[] profiles = profiles();
        int[] picks = zipfPicks();
        Usage[] usages = new Usage[picks.length];
        for (int i = 0; i < picks.length; i++) {
            Usage p = profiles[picks[i]];
            // a fresh, equal object per entry, as reading an inventory would give
            usages[i] = new Usage(new Tool(p.tool().name(), p.tool().generative(), p.tool().parametersBillions()),
                    p.hosting(), p.dataCategories(), p.purpose(), p.context().toBuilder().build());
        }
        return usages;
    }

    /**
     * The mixed workload: the inventory's entries, each followed by a usage drawn uniformly (a
     * one-off), as an engine shared by an inventory audit and a portal's requests would see.
     *
     * @return {@link #INVENTORY_SIZE} usages, half from the inventory and half one-offs
     */
    public static Usage[] mixed() {
        Usage[] inventory = inventory();
        Random random = new Random(SEED + 3);
        Usage[] usages = new Usage[INVENTORY_SIZE];
        for (int i = 0; i < usages.length; i++) {
            usages[i] = i % 2 == 0 ? inventory[i / 2] : randomUsage(random);
        }
        return usages;
    }

    /**
     * A workload by name.
     *
     * @param name distinct, inventory or mixed
     * @return its usages
     */
    public static Usage[] named(String name) {
        return switch (name) {
            case "distinct" -> distinct();
            case "inventory" -> inventory();
            case "mixed" -> mixed();
            default -> throw new IllegalArgumentException("no workload " + name);
        };
    }

    /** Profile indexes drawn with weight 1/(rank+1). */
    static int[] zipfPicks() {
        double[] cumulative = new double[PROFILES];
        double total = 0;
        for (int k = 0; k < PROFILES; k++) {
            total += 1.0 / (k + 1);
            cumulative[k] = total;
        }
        Random random = new Random(SEED + 2);
        int[] picks = new int[INVENTORY_SIZE];
        for (int i = 0; i < picks.length; i++) {
            double x = random.nextDouble() * total;
            int index = java.util.Arrays.binarySearch(cumulative, x);
            picks[i] = Math.min(PROFILES - 1, index >= 0 ? index : -index - 1);
        }
        return picks;
    }
}
