package fr.inserm.aipolicy.report;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.tools.KnownTool;
import fr.inserm.aipolicy.tools.ModelFootprint;
import java.util.List;
import java.util.Map;

/**
 * Figures for the advice {@code PREFER_SMALLER_MODEL}: the EcoLogits comparison of recommendation 2
 * for summarising an article (when the tool is one of its models) and the smaller models it names.
 *
 * @param model the row of {@link #footprints()} that describes the tool, or null when the tool is
 *     not one of the compared models (the footprints are then empty)
 * @param footprints the compared models, in the order of the source table; empty when the tool is
 *     not one of them
 * @param smallerModels the smaller models recommendation 2 names (BioBERT, Llama3.2-1B), with their sizes
 * @param summaries the figures in a sentence, in every language
 * @param clauses the clauses the figures and the advice come from, for example {@code R2}, {@code R2.2}
 */
public record FrugalityComparison(String model, List<ModelFootprint> footprints, List<KnownTool> smallerModels,
        Map<Language, String> summaries, List<String> clauses) {

    /** Copies the lists and texts. */
    public FrugalityComparison {
        footprints = List.copyOf(footprints);
        smallerModels = List.copyOf(smallerModels);
        summaries = Map.copyOf(summaries);
        clauses = List.copyOf(clauses);
    }

    /**
     * The figures in a sentence, in one language.
     *
     * @param language the language
     * @return the summary
     */
    public String summary(Language language) {
        return summaries.get(language);
    }
}
