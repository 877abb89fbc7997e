package fr.inserm.aipolicy.usage;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A described use of an AI system: which tool, where it is hosted, which categories of data go
 * into it, for what purpose, and the circumstances the user states (the policy (docs/policy.md)).
 *
 * <p>Immutable; the constructor and {@link Builder#build()} reject an incomplete usage with an
 * {@link InvalidUsageException} naming the field and the accepted values.
 *
 * @param tool the AI system used
 * @param hosting where it runs
 * @param dataCategories the categories of data that go into it; empty when no data beyond the
 *     request itself (unmodifiable, in declaration order)
 * @param purpose what it is used for
 * @param context what the user states about the circumstances; {@link Context#NOT_STATED} when nothing
 */
public record Usage(Tool tool, Hosting hosting, Set<DataCategory> dataCategories, Purpose purpose, Context context) {

    /**
     * Checks the usage and copies its categories.
     *
     * @throws InvalidUsageException when a required field is missing or a category is null
     */
    public Usage {
        Checks.required(tool, "tool", List.of());
        Checks.required(hosting, "hosting", Checks.names(Hosting.class));
        Checks.required(dataCategories, "dataCategories", Checks.names(DataCategory.class));
        Checks.required(purpose, "purpose", Checks.names(Purpose.class));
        dataCategories = copyCategories(dataCategories);
        context = context == null ? Context.NOT_STATED : context;
        if (dataCategories.isEmpty() && purpose.consumesData()) {
            // these purposes work on data the user gives: leaving the data out would be allowed everywhere
            throw new InvalidUsageException("dataCategories", Wording.of("dataCategories.needed", purpose),
                    Checks.names(DataCategory.class));
        }
        if (!tool.generative() && purpose.producesContent()) {
            throw new InvalidUsageException("tool.generative", Wording.of("generative.cannotBeFalse", purpose),
                    List.of("true"));
        }
    }

    /**
     * Starts a usage.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this usage's values, to describe a variant of it.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().tool(tool).hosting(hosting).dataCategories(dataCategories).purpose(purpose)
                .context(context);
    }

    /**
     * Tells whether the tool runs on an external platform.
     *
     * @return true when {@link #hosting()} is external
     */
    public boolean isExternal() {
        return hosting.isExternal();
    }

    /**
     * Tells whether any category of data is sensitive in the sense of recommendation 3.
     *
     * @return true when a sensitive category is present
     */
    public boolean includesSensitiveData() {
        for (DataCategory category : dataCategories) {
            if (category.isSensitive()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether a category of data goes into the tool.
     *
     * @param category the category
     * @return true when present
     */
    public boolean includes(DataCategory category) {
        return dataCategories.contains(category);
    }

    static Set<DataCategory> copyCategories(Collection<DataCategory> categories) {
        EnumSet<DataCategory> copy = EnumSet.noneOf(DataCategory.class);
        int index = 0;
        for (DataCategory category : categories) {
            if (category == null) {
                throw new InvalidUsageException("dataCategories[" + index + "]", Wording.of("mustNotBeNull"),
                        Checks.names(DataCategory.class));
            }
            copy.add(category);
            index++;
        }
        return Collections.unmodifiableSet(copy);
    }

    /** Builds a {@link Usage}, checking it in {@link #build()}. */
    public static final class Builder {
        private Tool tool;
        private Hosting hosting;
        private Collection<DataCategory> dataCategories = List.of();
        private Purpose purpose;
        private Context context = Context.NOT_STATED;

        private Builder() {
        }

        /**
         * Sets the tool.
         *
         * @param value the tool
         * @return this builder
         */
        public Builder tool(Tool value) {
            this.tool = value;
            return this;
        }

        /**
         * Sets a generative tool of unstated size by its name.
         *
         * @param name the tool's name
         * @return this builder
         * @throws InvalidUsageException when the name is blank or too long
         */
        public Builder tool(String name) {
            return tool(Tool.named(name));
        }

        /**
         * Sets the hosting.
         *
         * @param value where the tool runs
         * @return this builder
         */
        public Builder hosting(Hosting value) {
            this.hosting = value;
            return this;
        }

        /**
         * Sets the data categories, replacing any set before; none by default.
         *
         * @param values the categories
         * @return this builder
         */
        public Builder dataCategories(DataCategory... values) {
            return dataCategories(values == null ? null : Arrays.asList(values));
        }

        /**
         * Sets the data categories, replacing any set before; none by default.
         *
         * @param values the categories
         * @return this builder
         */
        public Builder dataCategories(Collection<DataCategory> values) {
            this.dataCategories = values;
            return this;
        }

        /**
         * Sets the purpose.
         *
         * @param value what the tool is used for
         * @return this builder
         */
        public Builder purpose(Purpose value) {
            this.purpose = value;
            return this;
        }

        /**
         * Sets the context; nothing stated by default.
         *
         * @param value the context
         * @return this builder
         */
        public Builder context(Context value) {
            this.context = value;
            return this;
        }

        /**
         * Builds the usage.
         *
         * @return the usage
         * @throws InvalidUsageException when a required field is missing
         */
        public Usage build() {
            Checks.required(tool, "tool", List.of());
            Checks.required(hosting, "hosting", Checks.names(Hosting.class));
            Checks.required(dataCategories, "dataCategories", Checks.names(DataCategory.class));
            return new Usage(tool, hosting, copyCategories(dataCategories), purpose, context);
        }
    }
}
