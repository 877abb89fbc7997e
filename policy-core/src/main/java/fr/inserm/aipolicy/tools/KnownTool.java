package fr.inserm.aipolicy.tools;

import fr.inserm.aipolicy.usage.Hosting;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A well-known AI tool of the {@link ToolCatalogue}, with what is public about it.
 *
 * @param id a stable identifier, for example {@code chatgpt}
 * @param name the usual name, for example {@code ChatGPT}
 * @param provider who provides it, for example {@code OpenAI}
 * @param kind {@code platform} (a service its provider runs, including desktop and IDE apps that send
 *     prompts to the provider's servers), {@code model} (an open-weight model, which exists in every
 *     hosting) or {@code runner} (software that runs models, such as Ollama)
 * @param aliases the names that designate it, compared in compact form (letters and digits only,
 *     after Unicode NFKC and case folding)
 * @param hostings the hosting classes where it exists; a platform has only those where its provider
 *     runs it
 * @param hosting the hosting supplied when a request omits it: the only one in {@code hostings}, or
 *     null when the tool exists in several
 * @param generative whether it generates content, or null when unknown (a runner)
 * @param parametersBillions the published model size in billions of parameters, or null when not published
 * @param footprintModel the row of the EcoLogits comparison of recommendation 2 that describes it, or null
 * @param note what the catalogue knows beyond the fields, for people
 * @param insermService whether it is a service of Inserm's own (the internal assistant)
 */
public record KnownTool(String id, String name, String provider, String kind, List<String> aliases,
        Set<Hosting> hostings, Hosting hosting, Boolean generative, Double parametersBillions,
        String footprintModel, String note, boolean insermService) {

    /**
     * Checks the required fields, copies the collections and sets {@code hosting} from {@code hostings}.
     *
     * @throws IllegalArgumentException when there is no hosting, or {@code hosting} is given and is
     *     not the only one
     */
    public KnownTool {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        aliases = List.copyOf(aliases);
        hostings = Set.copyOf(hostings);
        if (hostings.isEmpty()) {
            throw new IllegalArgumentException("tool " + id + " has no hosting");
        }
        Hosting only = hostings.size() == 1 ? hostings.iterator().next() : null;
        if (hosting != null && hosting != only) {
            throw new IllegalArgumentException("tool " + id + ": hosting " + hosting
                    + " can be supplied only for a tool that exists in that hosting alone");
        }
        hosting = only;
    }

    /**
     * Tells whether the tool exists only as an external service.
     *
     * @return true when every hosting it can be declared with is external
     */
    public boolean externalOnly() {
        return hostings.stream().allMatch(Hosting::isExternal);
    }

    /**
     * Tells whether the tool exists only on the user's computer or in Inserm's internal environment,
     * so that a {@code LOCAL} or {@code INTERNAL} declaration of it can be confirmed.
     *
     * @return true when no hosting of the tool is external
     */
    public boolean insideOnly() {
        return hostings.stream().noneMatch(Hosting::isExternal);
    }
}
