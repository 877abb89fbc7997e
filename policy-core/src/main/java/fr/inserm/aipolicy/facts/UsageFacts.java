package fr.inserm.aipolicy.facts;

import fr.inserm.aipolicy.usage.CodeTarget;
import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.ContextField;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Subscription;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the rules see of a usage: exactly what the decision cache's key holds, and nothing else.
 * The tool's name never reaches the rules; the tool catalogue's verdict on it does
 * ({@link #isHostingConfirmed()}). Because every accessor is a function of {@link #key()}, two
 * usages with the same key get the same decision: the cache is sound by construction, whatever
 * the rules say.
 *
 * <p>For rule authors: match {@code UsageFacts( ... )}; context fields are under
 * {@code context}, as in {@code context.userTrained == false}.
 */
public final class UsageFacts {
    /** R2.2's frugality threshold: a model above this many billion parameters is large. */
    public static final double LARGE_MODEL_BILLIONS = 10;

    private static final DataCategory[] CATEGORIES = DataCategory.values();
    private static final Hosting[] HOSTINGS = Hosting.values();
    private static final Purpose[] PURPOSES = Purpose.values();
    private static final ContextField[] FIELDS = ContextField.all().toArray(new ContextField[0]);

    private final Hosting hosting;
    private final Purpose purpose;
    private final Set<DataCategory> dataCategories;
    private final boolean generative;
    private final boolean largeModel;
    private final boolean hostingConfirmed;
    private final Context context;
    private final long key;

    private UsageFacts(Hosting hosting, Purpose purpose, Set<DataCategory> dataCategories, boolean generative,
            boolean largeModel, boolean hostingConfirmed, Context context) {
        this.hosting = hosting;
        this.purpose = purpose;
        this.dataCategories = dataCategories;
        this.generative = generative;
        this.largeModel = largeModel;
        this.hostingConfirmed = hostingConfirmed;
        this.context = context;
        this.key = encode(hosting, purpose, dataCategories, generative, largeModel, hostingConfirmed, context);
    }

    /**
     * The facts of a usage.
     *
     * @param hosting where the system runs
     * @param purpose what it is used for
     * @param dataCategories the data that go into it
     * @param generative whether the tool is generative
     * @param parametersBillions the model's size, or {@code null} when unknown
     * @param hostingConfirmed whether the tool catalogue confirms a local or internal hosting
     * @param context what the user states
     * @return the facts
     */
    public static UsageFacts of(Hosting hosting, Purpose purpose, Set<DataCategory> dataCategories,
            boolean generative, Double parametersBillions, boolean hostingConfirmed, Context context) {
        EnumSet<DataCategory> categories = dataCategories.isEmpty() ? EnumSet.noneOf(DataCategory.class)
                : EnumSet.copyOf(dataCategories);
        return new UsageFacts(hosting, purpose, Collections.unmodifiableSet(categories), generative,
                large(parametersBillions), hostingConfirmed && !hosting.isExternal(), context);
    }

    /**
     * The key of the facts of a usage, without making them: {@code of(...).key()} for the same
     * arguments. An engine looks its decisions up by it, and allocates nothing when it finds one.
     *
     * @param hosting where the system runs
     * @param purpose what it is used for
     * @param dataCategories the data that go into it
     * @param generative whether the tool is generative
     * @param parametersBillions the model's size, or {@code null} when unknown
     * @param hostingConfirmed whether the tool catalogue confirms a local or internal hosting
     * @param context what the user states
     * @return the key
     */
    public static long keyOf(Hosting hosting, Purpose purpose, Set<DataCategory> dataCategories, boolean generative,
            Double parametersBillions, boolean hostingConfirmed, Context context) {
        return encode(hosting, purpose, dataCategories, generative, large(parametersBillions),
                hostingConfirmed && !hosting.isExternal(), context);
    }

    private static boolean large(Double parametersBillions) {
        return parametersBillions != null && parametersBillions > LARGE_MODEL_BILLIONS;
    }

    /**
     * The facts a key encodes: the inverse of {@link #key()}.
     *
     * @param key a key made by {@link #key()}
     * @return the facts
     */
    public static UsageFacts ofKey(long key) {
        long k = key;
        Context.Builder context = Context.builder();
        var fields = ContextField.all();
        for (int i = fields.size() - 1; i >= 0; i--) {
            ContextField field = fields.get(i);
            int bits = bits(field.statedValues().size());
            int code = (int) (k & ((1L << bits) - 1));
            k >>>= bits;
            context.set(field, code == 0 ? null : field.statedValues().get(code - 1));
        }
        boolean confirmed = (k & 1) == 1;
        k >>>= 1;
        boolean large = (k & 1) == 1;
        k >>>= 1;
        boolean generative = (k & 1) == 1;
        k >>>= 1;
        Purpose purpose = PURPOSES[(int) (k & ((1L << bits(PURPOSES.length - 1)) - 1))];
        k >>>= bits(PURPOSES.length - 1);
        EnumSet<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        for (int i = CATEGORIES.length - 1; i >= 0; i--) {
            if ((k & 1) == 1) {
                categories.add(CATEGORIES[i]);
            }
            k >>>= 1;
        }
        Hosting hosting = HOSTINGS[(int) k];
        return new UsageFacts(hosting, purpose, Collections.unmodifiableSet(categories), generative, large, confirmed,
                context.build());
    }

    private static long encode(Hosting hosting, Purpose purpose, Set<DataCategory> dataCategories, boolean generative,
            boolean largeModel, boolean hostingConfirmed, Context context) {
        long k = hosting.ordinal();
        for (DataCategory category : CATEGORIES) {
            k = k << 1 | (dataCategories.contains(category) ? 1 : 0);
        }
        k = k << bits(PURPOSES.length - 1) | purpose.ordinal();
        k = k << 1 | (generative ? 1 : 0);
        k = k << 1 | (largeModel ? 1 : 0);
        k = k << 1 | (hostingConfirmed ? 1 : 0);
        for (ContextField field : FIELDS) { // an array: the engine encodes a key on every decision
            Object value = field.valueIn(context);
            int code = value == null ? 0 : field.statedValues().indexOf(value) + 1;
            k = k << bits(field.statedValues().size()) | code;
        }
        return k;
    }

    private static int bits(int maxValue) {
        return 32 - Integer.numberOfLeadingZeros(maxValue);
    }

    /**
     * Every fact, packed in one number (at most 63 bits; a test checks the width).
     *
     * @return the key
     */
    public long key() {
        return key;
    }

    /** @return where the system runs */
    public Hosting getHosting() {
        return hosting;
    }

    /** @return whether the hosting is external ({@code EXTERNAL} or {@code EXTERNAL_SOVEREIGN}) */
    public boolean isExternal() {
        return hosting.isExternal();
    }

    /** @return what the system is used for */
    public Purpose getPurpose() {
        return purpose;
    }

    /** @return the data categories that go into the system */
    public Set<DataCategory> getDataCategories() {
        return dataCategories;
    }

    /** @return whether no data category is declared */
    public boolean isNoData() {
        return dataCategories.isEmpty();
    }

    /** @return whether a sensitive category (R3) is among the data */
    public boolean isSensitiveData() {
        for (DataCategory category : dataCategories) {
            if (category.isSensitive()) {
                return true;
            }
        }
        return false;
    }

    /** @return whether {@code UNKNOWN} is among the data: the user cannot tell whether they are sensitive */
    public boolean isUnknownData() {
        return dataCategories.contains(DataCategory.UNKNOWN);
    }

    /** @return whether the tool is generative */
    public boolean isGenerative() {
        return generative;
    }

    /** @return whether the model is larger than {@link #LARGE_MODEL_BILLIONS} */
    public boolean isLargeModel() {
        return largeModel;
    }

    /** @return whether the tool catalogue confirms the declared local or internal hosting */
    public boolean isHostingConfirmed() {
        return hostingConfirmed;
    }

    /**
     * Code is generated when the purpose is {@code CODE_GENERATION}, or a code target or an expert
     * review is stated (an R script for a data analysis, a pipeline's code): R4.2 and R4.3 are about
     * generated code, whatever the declared purpose.
     *
     * @return whether code is generated
     */
    public boolean isCodeGenerated() {
        return purpose == Purpose.CODE_GENERATION || context.codeTarget() != null || context.expertReview() != null;
    }

    /** @return whether the generated code is for a highly sensitive application (R4.3) */
    public boolean isHighlySensitiveCode() {
        CodeTarget target = context.codeTarget();
        return target != null && target.isHighlySensitive();
    }

    /** @return whether the subscription is Inserm-funded (R5) */
    public boolean isInsermFunded() {
        return context.subscription() == Subscription.INSERM_FUNDED;
    }

    /** @return what the user states about the circumstances */
    public Context getContext() {
        return context;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UsageFacts facts && facts.key == key;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(key);
    }

    @Override
    public String toString() {
        return "UsageFacts[" + hosting + ", " + dataCategories + ", " + purpose + (generative ? ", generative" : "")
                + (largeModel ? ", large" : "") + (hostingConfirmed ? ", hosting confirmed" : "") + ", " + context + "]";
    }
}
