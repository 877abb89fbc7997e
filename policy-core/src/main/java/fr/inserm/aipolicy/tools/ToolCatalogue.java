package fr.inserm.aipolicy.tools;

import fr.inserm.aipolicy.PolicyBuildException;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Tool;
import fr.inserm.aipolicy.usage.Usage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A versioned list of well-known AI tools ({@code tools.json} beside the rules) with what is public
 * about them: where each exists, generative or not, model size where published. Also holds the
 * EcoLogits comparison of recommendation 2 and the smaller models it names.
 *
 * <p>It checks declarations, always in the direction of caution (the policy (docs/policy.md)):
 *
 * <ul>
 *   <li>Names are compared in compact form, after Unicode NFKC and case folding (letters and digits
 *       only: "Chat GPT", "Chat-GPT" and "chatgpt" are one name). A name that <em>equals</em> a
 *       catalogued name or alias designates that tool ({@link #find}); a name <em>contains</em> a
 *       tool when a run of its consecutive words has the compact form of one of its aliases
 *       ("ChatGPT (Inserm assistant account)" contains ChatGPT and the Inserm assistant).
 *   <li>A name written with look-alike characters ("ChаtGPT" with a Cyrillic а) is refused.
 *   <li>A hosting is supplied only for a name that equals a tool existing in a single hosting
 *       ({@link #suppliedHosting}); a declared hosting must be one where every contained tool exists,
 *       or {@code EXTERNAL} ({@link #check}).
 *   <li>{@code LOCAL} and {@code INTERNAL} are confirmed only for a name that equals a tool that
 *       exists nowhere else ({@link #confirms}).
 * </ul>
 */
public final class ToolCatalogue {
    /** The catalogue's file in a policy folder. */
    public static final String FILE = "tools.json";
    private static final ToolCatalogue EMPTY = new ToolCatalogue("none", List.of(), Map.of(), null, List.of(),
            List.of());
    /** Names remembered by {@link #check}: enough for every tool a site uses, bounded against hostile input. */
    static final int MAX_REMEMBERED_NAMES = 4096;

    private final String version;
    private final List<KnownTool> tools;
    private final String footprintClause;
    private final List<ModelFootprint> footprints;
    private final List<KnownTool> smallerModels;
    /** Compact form of every alias, to its tool. */
    private final Map<String, KnownTool> byCompact = new HashMap<>();
    /** Skeleton of every alias, to its tool. */
    private final Map<String, KnownTool> bySkeleton = new HashMap<>();
    /** Marks that designate a tool only inside a longer name: suffixes ("-cloud") and compact word runs. */
    private final Map<String, KnownTool> suffixTags = new LinkedHashMap<>();
    private final Map<String, KnownTool> wordTags = new HashMap<>();
    /** The longest compact alias or word tag, doubled since "rn" reads as "m" in a skeleton. */
    private final int longestWindow;
    private final Map<String, NameFacts> facts = new ConcurrentHashMap<>();
    /** A suffix of a model tag: "-" or ":" after a letter or digit, then a run of letters and digits ("-cloud"). */
    private static final Pattern SUFFIX = Pattern.compile("(?<=[\\p{L}\\p{N}])([-:])([\\p{L}\\p{N}\\p{M}]+)");

    ToolCatalogue(String version, List<KnownTool> tools, Map<String, List<String>> tags,
            String footprintClause, List<ModelFootprint> footprints, List<KnownTool> smallerModels) {
        this.version = version;
        this.tools = List.copyOf(tools);
        this.footprintClause = footprintClause;
        this.footprints = List.copyOf(footprints);
        this.smallerModels = List.copyOf(smallerModels);
        int longest = 0;
        for (KnownTool tool : tools) {
            for (String alias : tool.aliases()) {
                String compact = ToolNames.compact(alias);
                byCompact.put(compact, tool);
                bySkeleton.putIfAbsent(ToolNames.skeleton(compact), tool);
                longest = Math.max(longest, compact.length());
            }
            for (String tag : tags.getOrDefault(tool.id(), List.of())) {
                if (isSuffixTag(tag)) {
                    suffixTags.put(ToolNames.normalise(tag), tool);
                } else {
                    String compact = ToolNames.compact(tag);
                    wordTags.put(compact, tool);
                    bySkeleton.putIfAbsent(ToolNames.skeleton(compact), tool);
                    longest = Math.max(longest, compact.length());
                }
            }
        }
        this.longestWindow = 2 * longest;
    }

    /**
     * A catalogue that knows no tool.
     *
     * @return the empty catalogue, version {@code none}
     */
    public static ToolCatalogue empty() {
        return EMPTY;
    }

    /**
     * The version of the catalogue, declared in {@code tools.json}.
     *
     * @return for example {@code 2.0.0}
     */
    public String version() {
        return version;
    }

    /**
     * Every tool of the catalogue, in file order.
     *
     * @return the tools
     */
    public List<KnownTool> tools() {
        return tools;
    }

    /**
     * The EcoLogits estimates of recommendation 2 for summarising an article, one row per model.
     *
     * @return the rows, in the order of the source table; empty when the catalogue has none
     */
    public List<ModelFootprint> footprints() {
        return footprints;
    }

    /**
     * The clause the footprint table comes from.
     *
     * @return a clause id such as {@code R2}, or null when the catalogue has no table
     */
    public String footprintClause() {
        return footprintClause;
    }

    /**
     * The smaller models recommendation 2 names as alternatives (BioBERT, Llama3.2-1B).
     *
     * @return the models, smallest first as listed in the file
     */
    public List<KnownTool> smallerModels() {
        return smallerModels;
    }

    /**
     * Finds the tool a name equals, in compact form: "chat-gpt" is ChatGPT, but "Mistral 7B via
     * Ollama" is no single tool and gives nothing (no guessing from parts).
     *
     * @param toolName a tool name as a user writes it
     * @return the tool, or empty when the name equals no catalogued name or alias
     */
    public Optional<KnownTool> find(String toolName) {
        if (toolName == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byCompact.get(ToolNames.compact(toolName)));
    }

    /**
     * The hosting to supply when a usage leaves it out: only for a name that equals a catalogued name
     * or alias of a tool that exists in one hosting alone ("ChatGPT": {@code EXTERNAL}). "Ollama
     * cloud", "ChatGPT (Inserm assistant account)" and "Mistral 7B via Ollama" get none.
     *
     * @param toolName a tool name as a user writes it
     * @return the hosting, or empty when the caller must state it
     */
    public Optional<Hosting> suppliedHosting(String toolName) {
        return find(toolName).map(KnownTool::hosting);
    }

    /**
     * Tells whether the catalogue confirms a {@code LOCAL} or {@code INTERNAL} declaration: the name
     * equals a catalogued name or alias of a tool that exists nowhere external (Inserm's internal
     * assistant, llama.cpp) and exists in the declared hosting. Any other declaration is the user's
     * word, which a decision lists as an assumption.
     *
     * @param toolName a tool name as a user writes it
     * @param hosting the declared hosting
     * @return true only when the declaration is confirmed
     */
    public boolean confirms(String toolName, Hosting hosting) {
        if (hosting == null || hosting.isExternal()) {
            return false;
        }
        if (toolName == null) {
            return false;
        }
        // remembered per name with the catalogue's other facts about it: the engine asks on every decision
        return facts(toolName).confirmed().contains(hosting);
    }

    /**
     * Starts a usage of a catalogued tool: the tool (under the given name, with the catalogue's size
     * and generative flag) and, when the tool exists in one hosting alone, that hosting.
     *
     * @param toolName the tool's name, as the user writes it
     * @return a builder on which the data categories and purpose remain to be set (and the hosting,
     *     when the catalogue does not supply one)
     * @throws InvalidUsageException naming {@code tool.name} when the name equals no catalogued name
     */
    public Usage.Builder usage(String toolName) {
        String name = Tool.named(toolName).name(); // the usage's checks of a name, and its stripping
        KnownTool known = find(name).orElseThrow(() -> new InvalidUsageException("tool.name",
                "\"" + name + "\" is not a name in the tool catalogue " + version
                        + ": describe the tool yourself, with its hosting and size", List.of()));
        boolean generative = known.generative() == null || known.generative();
        return Usage.builder().tool(new Tool(name, generative, known.parametersBillions())).hosting(known.hosting());
    }

    /**
     * Checks a usage against the catalogue. Remembers what it learns of each name (up to
     * {@value #MAX_REMEMBERED_NAMES} names), so a repeated name costs a map lookup.
     *
     * @param usage the usage
     * @return the same usage
     * @throws InvalidUsageException naming {@code tool.name} for a name written with look-alike
     *     characters; {@code hosting} when the declared hosting is neither {@code EXTERNAL} nor one
     *     where every tool the name contains exists (ChatGPT declared {@code LOCAL}); {@code
     *     tool.generative} when a generative tool or a generating purpose is declared not generative
     */
    public Usage check(Usage usage) {
        Objects.requireNonNull(usage, "usage");
        NameFacts known = facts(usage.tool().name());
        if (known.lookAlike() != null) {
            throw new InvalidUsageException("tool.name", "\"" + usage.tool().name() + "\" looks like "
                    + known.lookAlike().name() + " but is written with other characters (" + known.lookAlikeCharacter()
                    + "): type the name with ordinary letters, or, if it is another tool, a name that does not"
                    + " imitate a catalogued one", List.of());
        }
        Hosting hosting = usage.hosting();
        if (hosting != Hosting.EXTERNAL && !known.common().contains(hosting)) {
            throw hostingContradiction(known, hosting);
        }
        if (!usage.tool().generative()) {
            if (usage.purpose() == Purpose.IMAGE_GENERATION || usage.purpose() == Purpose.SYNTHETIC_DATA_GENERATION) {
                throw new InvalidUsageException("tool.generative", "false contradicts the purpose "
                        + usage.purpose() + ", which generates content: state true", List.of("true"));
            }
            for (KnownTool tool : known.contained()) {
                if (Boolean.TRUE.equals(tool.generative())) {
                    throw new InvalidUsageException("tool.generative", "false contradicts the tool catalogue "
                            + version + ": " + tool.name() + " generates content: state true", List.of("true"));
                }
            }
        }
        return usage;
    }

    private InvalidUsageException hostingContradiction(NameFacts known, Hosting declared) {
        List<Hosting> accepted = new ArrayList<>(known.common());
        if (!accepted.contains(Hosting.EXTERNAL)) {
            accepted.add(Hosting.EXTERNAL);
        }
        List<String> each = new ArrayList<>();
        for (KnownTool tool : known.contained()) {
            String where = tool.externalOnly() ? "exists only as an external service" : "exists only";
            each.add(tool.name() + " " + where + " (" + String.join(", ", names(tool.hostings())) + ")");
        }
        String problem = "\"" + declared + "\" contradicts the tool catalogue " + version + ": ";
        if (each.size() == 1) {
            problem += each.get(0);
        } else {
            problem += "the name names " + each.size() + " catalogued tools, and the hosting must be one where every"
                    + " one of them exists: " + String.join("; ", each);
        }
        return new InvalidUsageException("hosting", problem, names(accepted));
    }

    private static List<String> names(Collection<Hosting> hostings) {
        return hostings.stream().sorted().map(Enum::name).toList();
    }

    /**
     * What the catalogue knows of a name: the tools it contains, a catalogued name it imitates, the
     * hostings where all its tools exist.
     */
    NameFacts facts(String toolName) {
        NameFacts known = facts.get(toolName);
        if (known == null) {
            known = learn(toolName);
            if (facts.size() < MAX_REMEMBERED_NAMES) {
                facts.put(toolName, known);
            }
        }
        return known;
    }

    /** The tools a name contains: word runs equal to an alias or word tag, and suffix tags; in name order. */
    List<KnownTool> contained(String toolName) {
        return facts(toolName).contained();
    }

    private NameFacts learn(String toolName) {
        List<String> words = ToolNames.words(toolName);
        Set<KnownTool> contained = new LinkedHashSet<>();
        KnownTool lookAlike = null;
        String lookAlikeCharacter = null;
        for (int i = 0; i < words.size(); i++) {
            StringBuilder window = new StringBuilder();
            for (int j = i; j < words.size(); j++) {
                window.append(words.get(j));
                if (window.length() > longestWindow) {
                    break;
                }
                String compact = window.toString();
                KnownTool tool = byCompact.get(compact);
                if (tool == null) {
                    tool = wordTags.get(compact);
                }
                if (tool != null) {
                    contained.add(tool);
                } else if (lookAlike == null) {
                    KnownTool imitated = bySkeleton.get(ToolNames.skeleton(compact));
                    if (imitated != null) {
                        lookAlike = imitated;
                        lookAlikeCharacter = ToolNames.firstLookAlike(compact);
                    }
                }
            }
        }
        if (!suffixTags.isEmpty()) {
            Matcher segment = SUFFIX.matcher(ToolNames.normalise(toolName));
            while (segment.find()) {
                String text = segment.group();
                String body = segment.group(2);
                for (Map.Entry<String, KnownTool> tag : suffixTags.entrySet()) {
                    if (tag.getKey().equals(text)) {
                        contained.add(tag.getValue());
                    } else if (lookAlike == null && tag.getKey().charAt(0) == text.charAt(0)
                            && ToolNames.skeleton(tag.getKey().substring(1)).equals(ToolNames.skeleton(body))) {
                        lookAlike = tag.getValue();
                        lookAlikeCharacter = ToolNames.firstLookAlike(body);
                    }
                }
            }
        }
        Set<Hosting> common = EnumSet.allOf(Hosting.class);
        for (KnownTool tool : contained) {
            common.retainAll(tool.hostings());
        }
        KnownTool exact = byCompact.get(ToolNames.compact(toolName));
        Set<Hosting> confirmed = exact != null && exact.insideOnly() ? exact.hostings() : Set.of();
        return new NameFacts(List.copyOf(contained), Collections.unmodifiableSet(common), lookAlike,
                lookAlikeCharacter, confirmed);
    }

    static boolean isSuffixTag(String tag) {
        return tag.startsWith("-") || tag.startsWith(":");
    }

    /**
     * What the catalogue knows of one name.
     *
     * @param contained the tools the name contains, in the order found
     * @param common the hostings where every contained tool exists (all when none)
     * @param lookAlike the tool whose name the name imitates, or null
     * @param lookAlikeCharacter the first imitating character, for the message, or null
     * @param confirmed the hostings a declaration of which the catalogue confirms: those of the tool
     *     the name designates, when it runs nowhere external; otherwise none
     */
    record NameFacts(List<KnownTool> contained, Set<Hosting> common, KnownTool lookAlike, String lookAlikeCharacter,
            Set<Hosting> confirmed) {
    }

    @Override
    public String toString() {
        return "ToolCatalogue[version=" + version + ", " + tools.size() + " tools]";
    }

    /**
     * Reads and checks a policy's {@code tools.json}; the engine's loader calls this, an application
     * reads the catalogue of the policy it runs ({@code Policy.tools()}).
     *
     * @param json the file's text
     * @param origin where the policy was read from, for messages
     * @return the catalogue
     * @throws PolicyBuildException when the file is malformed, an id or alias appears twice, or a
     *     value is unknown
     */
    public static ToolCatalogue parse(String json, String origin) {
        return ToolCatalogueFile.read(json, origin);
    }
}
