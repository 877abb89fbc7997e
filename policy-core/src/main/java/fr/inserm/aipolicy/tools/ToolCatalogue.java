package fr.inserm.aipolicy.tools;

import fr.inserm.aipolicy.PolicyBuildException;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Tool;
import fr.inserm.aipolicy.usage.Usage;
import fr.inserm.aipolicy.usage.Wording;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A versioned list of well-known AI tools ({@code tools.json} beside the rules) with what is public
 * about them: where each exists, generative or not, model size where published. Also holds the
 * EcoLogits comparison of recommendation 2 and the smaller models it names.
 *
 * <p>It checks declarations, always in the direction of caution (the policy (docs/policy.md)):
 *
 * <ul>
 *   <li>Names are read into words ({@link ToolNames}): a word's real form is compared after Unicode
 *       NFKC and case folding, letters and digits only ("Chat GPT", "Chat-GPT" and "chatgpt" are one
 *       name); what it looks like is compared through Unicode's confusables data (UTS #39). A name
 *       <em>equals</em> a catalogued name or alias when its words, joined, are that name and it holds
 *       nothing else (no symbol, emoji or arrow) ({@link #find}). A name <em>contains</em> a tool when a
 *       run of its words joined is one of the tool's aliases ("ChatGPT (Inserm assistant account)"
 *       contains ChatGPT and the Inserm assistant), or begins with one and goes on with a digit in the
 *       same word ("ChatGPT4o", "Claude3.5"); a word holding a name among other letters is another tool
 *       ("DeepLabCut", "GPT4All").
 *   <li>A name that looks like a catalogued name or alias without being it ("ChаtGPT" with a Cyrillic
 *       а, "ᏟlaudeᎬ" in Cherokee) is refused.
 *   <li>A hosting is supplied only for a name that equals a tool existing in a single hosting
 *       ({@link #suppliedHosting}); a declared hosting must be one where every contained tool exists,
 *       or {@code EXTERNAL} ({@link #check}).
 *   <li>{@code LOCAL} is confirmed only for a name that equals a tool that exists nowhere external,
 *       {@code INTERNAL} only for one that equals an Inserm service ({@link #confirms}).
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
    /** How keys ignore case for this catalogue's letters. */
    private final ToolNames.Folding folding;
    /** Compact form of every alias, to its tool. */
    private final Map<String, KnownTool> byCompact = new HashMap<>();
    /** Key (what it looks like) of every alias and word tag, to its tool. */
    private final Map<String, KnownTool> byKey = new HashMap<>();
    /** Marks that designate a tool only inside a longer name: suffixes ("-cloud") and compact word runs. */
    private final List<SuffixTag> suffixTags = new ArrayList<>();
    private final Map<String, KnownTool> wordTags = new HashMap<>();
    /** The key of each alias and word tag, computed once for the catalogue's own check. */
    private final Map<String, String> aliasKeys = new HashMap<>();
    /** The longest compact alias or word tag, and the longest key. */
    private final int longestCompact;
    private final int longestKey;
    private final Map<String, NameFacts> facts = new ConcurrentHashMap<>();

    /**
     * A suffix tag ("-cloud", ":cloud"): its first character's skeleton, whether that is a dash, and the
     * word after it, in real form and as a key.
     */
    private record SuffixTag(String lead, boolean dash, String body, String key, KnownTool tool) {
    }

    ToolCatalogue(String version, List<KnownTool> tools, Map<String, List<String>> tags,
            String footprintClause, List<ModelFootprint> footprints, List<KnownTool> smallerModels) {
        this.version = version;
        this.tools = List.copyOf(tools);
        this.footprintClause = footprintClause;
        this.footprints = List.copyOf(footprints);
        this.smallerModels = List.copyOf(smallerModels);
        List<String> names = new ArrayList<>();
        for (KnownTool tool : tools) {
            names.addAll(tool.aliases());
            names.addAll(tags.getOrDefault(tool.id(), List.of()));
        }
        this.folding = ToolNames.Folding.of(names);
        int longest = 0;
        int longestLook = 0;
        for (KnownTool tool : tools) {
            for (String alias : tool.aliases()) {
                String compact = ToolNames.compact(alias);
                byCompact.put(compact, tool);
                String key = key(alias);
                aliasKeys.put(alias, key);
                byKey.putIfAbsent(key, tool);
                longest = Math.max(longest, compact.length());
                longestLook = Math.max(longestLook, key.length());
            }
            for (String tag : tags.getOrDefault(tool.id(), List.of())) {
                if (isSuffixTag(tag)) {
                    int lead = tag.codePointAt(0);
                    String body = tag.substring(Character.charCount(lead));
                    suffixTags.add(new SuffixTag(Confusables.prototype(lead),
                            Character.getType(lead) == Character.DASH_PUNCTUATION, ToolNames.compact(body), key(body),
                            tool));
                } else {
                    String compact = ToolNames.compact(tag);
                    wordTags.put(compact, tool);
                    String key = key(tag);
                    aliasKeys.put(tag, key);
                    byKey.putIfAbsent(key, tool);
                    longest = Math.max(longest, compact.length());
                    longestLook = Math.max(longestLook, key.length());
                }
            }
        }
        this.longestCompact = longest;
        this.longestKey = longestLook;
    }

    /** What a name looks like, compared with this catalogue's names (its words' keys joined). */
    String key(String name) {
        String known = aliasKeys.get(name);
        return known != null ? known : ToolNames.key(name, folding);
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
        return Optional.ofNullable(facts(toolName).exact());
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
     * equals a catalogued name or alias, with nothing else in it, of a tool that exists nowhere external;
     * {@code LOCAL} when the tool exists locally (llama.cpp), {@code INTERNAL} only for an Inserm
     * service (the internal assistant): a runner's or model's name says where the software can run,
     * never that the machine is Inserm's secure environment. Any other declaration is the user's word,
     * which a decision lists as an assumption.
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
                Wording.of("tools.notInCatalogue", "\"" + name + "\"", version), List.of()));
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
            throw new InvalidUsageException("tool.name", Wording.of("tools.lookAlike", "\"" + usage.tool().name() + "\"",
                    known.lookAlike().name(), known.lookAlikeCharacter()), List.of());
        }
        Hosting hosting = usage.hosting();
        if (hosting != Hosting.EXTERNAL && !known.common().contains(hosting)) {
            throw hostingContradiction(known, hosting);
        }
        if (!usage.tool().generative()) {
            if (usage.purpose() == Purpose.IMAGE_GENERATION || usage.purpose() == Purpose.SYNTHETIC_DATA_GENERATION) {
                throw new InvalidUsageException("tool.generative",
                        Wording.of("tools.generativeContradictsPurpose", usage.purpose()), List.of("true"));
            }
            for (KnownTool tool : known.contained()) {
                if (Boolean.TRUE.equals(tool.generative())) {
                    throw new InvalidUsageException("tool.generative",
                            Wording.of("tools.generativeContradictsCatalogue", version, tool.name()), List.of("true"));
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
        List<Wording> each = new ArrayList<>();
        for (KnownTool tool : known.contained()) {
            each.add(Wording.of(tool.externalOnly() ? "tools.existsOnlyExternal" : "tools.existsOnly", tool.name(),
                    String.join(", ", names(tool.hostings()))));
        }
        Object which = each.size() == 1 ? each.get(0) : Wording.of("tools.severalTools", each.size(), each);
        return new InvalidUsageException("hosting", Wording.of("tools.hostingContradicts", "\"" + declared + "\"",
                version, which), names(accepted));
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

    /**
     * The tools a name contains: runs of its words equal to an alias or word tag, or beginning with one
     * and going on with a digit in the same word ("ChatGPT4o"), and suffix tags ("-cloud").
     *
     * @param toolName a tool name as a user writes it
     * @return the tools, in the order found; empty when the name contains none
     */
    public List<KnownTool> contained(String toolName) {
        return facts(toolName).contained();
    }

    private NameFacts learn(String toolName) {
        ToolNames.Reading reading = ToolNames.read(toolName, folding);
        List<ToolNames.Word> words = reading.words();
        Set<KnownTool> contained = new LinkedHashSet<>();
        KnownTool lookAlike = null;
        String lookAlikeCharacter = null;
        for (int i = 0; i < words.size(); i++) {
            StringBuilder real = new StringBuilder();
            StringBuilder key = new StringBuilder();
            for (int j = i; j < words.size(); j++) {
                if (real.length() > longestCompact && key.length() > longestKey) {
                    break;
                }
                int realBefore = real.length();
                int keyBefore = key.length();
                ToolNames.Word word = words.get(j);
                real.append(word.real());
                key.append(word.key());
                boolean found = false;
                KnownTool tool = named(real.toString());
                if (tool != null) {
                    contained.add(tool);
                    found = true;
                }
                // a catalogued name followed by a version in the same word: "ChatGPT4o", "Claude3.5"
                String last = word.real();
                for (int p = 1; p < last.length(); p++) {
                    if (Character.isDigit(last.charAt(p)) && realBefore + p > 0) {
                        KnownTool versioned = named(real.substring(0, realBefore + p));
                        if (versioned != null) {
                            contained.add(versioned);
                            found = true;
                        }
                    }
                }
                if (found || lookAlike != null || asciiDigits(real)) {
                    continue; // a number ("03") is a number, not a look-alike of a name ("o3")
                }
                KnownTool imitated = byKey.get(key.toString());
                boolean[] digits = word.digits();
                for (int p = 1; imitated == null && p < digits.length; p++) {
                    if (digits[p]) {
                        imitated = byKey.get(key.substring(0, keyBefore + p));
                    }
                }
                if (imitated != null) {
                    lookAlike = imitated;
                    lookAlikeCharacter = ToolNames.firstLookAlike(toolName, words.get(i).start(), word.end());
                }
            }
        }
        for (int j = 1; j < words.size(); j++) {
            ToolNames.Word word = words.get(j);
            for (SuffixTag tag : suffixTags) {
                if (!(tag.dash() && word.dashBefore() || word.before().equals(tag.lead()))) {
                    continue;
                }
                if (word.real().equals(tag.body())) {
                    contained.add(tag.tool());
                } else if (lookAlike == null && word.key().equals(tag.key())) {
                    lookAlike = tag.tool();
                    lookAlikeCharacter = ToolNames.firstLookAlike(toolName, word.start(), word.end());
                }
            }
        }
        Set<Hosting> common = EnumSet.allOf(Hosting.class);
        for (KnownTool tool : contained) {
            common.retainAll(tool.hostings());
        }
        // equal to a catalogued name with nothing else in it: no symbol, emoji, arrow or other word
        KnownTool exact = reading.plain() && lookAlike == null ? byCompact.get(reading.compact()) : null;
        Set<Hosting> confirmed = EnumSet.noneOf(Hosting.class);
        if (exact != null && exact.insideOnly()) {
            if (exact.hostings().contains(Hosting.LOCAL)) {
                confirmed.add(Hosting.LOCAL);
            }
            if (exact.hostings().contains(Hosting.INTERNAL) && exact.insermService()) {
                confirmed.add(Hosting.INTERNAL);
            }
        }
        return new NameFacts(List.copyOf(contained), Collections.unmodifiableSet(common), lookAlike,
                lookAlikeCharacter, Collections.unmodifiableSet(confirmed), exact);
    }

    /** The tool a compact form names: an alias or a word tag. */
    private KnownTool named(String compact) {
        KnownTool tool = byCompact.get(compact);
        return tool != null ? tool : wordTags.get(compact);
    }

    private static boolean asciiDigits(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
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
     * @param confirmed the hostings a declaration of which the catalogue confirms: {@code LOCAL} for a
     *     name equal to a tool that runs nowhere external, {@code INTERNAL} for one equal to an Inserm
     *     service; otherwise none
     * @param exact the tool the name equals, with nothing else in it, or null
     */
    record NameFacts(List<KnownTool> contained, Set<Hosting> common, KnownTool lookAlike, String lookAlikeCharacter,
            Set<Hosting> confirmed, KnownTool exact) {
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
