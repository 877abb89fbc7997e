package fr.inserm.aipolicy.usage;

/**
 * The AI system used.
 *
 * @param name the tool's name as the user knows it, for example "ChatGPT" or "Llama3.2-1B via Ollama";
 *     non-blank, at most 200 characters, stored without leading and trailing white space
 * @param generative whether the tool generates content (text, images, code…); true unless stated
 * @param parametersBillions the model size in billions of parameters, from 0 to 100,000, or null when
 *     not stated
 */
public record Tool(String name, boolean generative, Double parametersBillions) {
    /** The largest parameter count accepted, in billions (far beyond any published model). */
    public static final double MAX_PARAMETERS_BILLIONS = 100_000;

    /**
     * Checks the tool.
     *
     * @throws InvalidUsageException when the name is blank or too long, or the size out of range
     */
    public Tool {
        name = Checks.toolName(name);
        parametersBillions = Checks.parametersBillions(parametersBillions);
    }

    /**
     * A generative tool of unstated size.
     *
     * @param name the tool's name
     * @return the tool
     */
    public static Tool named(String name) {
        return new Tool(name, true, null);
    }

    /**
     * Tells whether the model size is stated and larger than a number of billions of parameters.
     *
     * @param billions the threshold
     * @return true when the stated size exceeds {@code billions}
     */
    public boolean isLargerThan(double billions) {
        return parametersBillions != null && parametersBillions > billions;
    }
}
