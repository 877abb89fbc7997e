package fr.inserm.aipolicy;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A well-known AI tool of the {@link ToolCatalogue}, with what is public about it.
 *
 * @param id a stable identifier, for example {@code chatgpt}
 * @param name the usual name, for example {@code ChatGPT}
 * @param provider who provides it, for example {@code OpenAI}
 * @param kind {@code service} (an online service), {@code model} (a model that can be run in several
 *     places) or {@code runner} (software that runs models, such as Ollama)
 * @param aliases the names that designate it (matched on whole words, ignoring case and punctuation)
 * @param hostings the hosting classes it can honestly be declared with; a tool that exists only as an
 *     external service has only external ones
 * @param hosting the hosting assumed when a request omits it, or null when the tool can run in
 *     several places and the request must say which
 * @param generative whether it generates content, or null when unknown (a runner)
 * @param parametersBillions the published model size in billions of parameters, or null when not published
 * @param footprintModel the row of the EcoLogits comparison of recommendation 2 that describes it, or null
 * @param note what the catalogue knows beyond the fields, for people
 */
public record KnownTool(String id, String name, String provider, String kind, List<String> aliases,
        Set<Hosting> hostings, Hosting hosting, Boolean generative, Double parametersBillions,
        String footprintModel, String note) {

    /** Checks the required fields and copies the collections. */
    public KnownTool {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        aliases = List.copyOf(aliases);
        hostings = Set.copyOf(hostings);
        if (hostings.isEmpty()) {
            throw new IllegalArgumentException("tool " + id + " has no hosting");
        }
        if (hosting != null && !hostings.contains(hosting)) {
            throw new IllegalArgumentException("tool " + id + ": default hosting " + hosting + " is not among " + hostings);
        }
    }

    /**
     * Tells whether the tool exists only as an external service.
     *
     * @return true when every hosting it can be declared with is external
     */
    public boolean externalOnly() {
        return hostings.stream().allMatch(Hosting::isExternal);
    }
}
