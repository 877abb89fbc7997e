package fr.inserm.aipolicy.notebook;

import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.usage.CodeTarget;
import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Subscription;
import fr.inserm.aipolicy.usage.Tool;
import fr.inserm.aipolicy.usage.Usage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generates a SYNTHETIC inventory of declared uses of AI systems, for the notebooks and tests: no
 * line describes a real person, team or project. Every line says so ({@code "synthetic": true}, ids
 * {@code SYN-nnnnn}, declaring units named "... (synthetic)").
 *
 * <p>The generator is deterministic: the same seed and count give the same file, byte for byte, on
 * any JVM ({@link Random}'s algorithm is fixed by its specification, and nothing iterates a hash
 * map). About one line in 500 is deliberately malformed, as real inventories are, to show how an
 * audit reports lines it cannot read. Every other line is a usage policy 2.0 accepts: data named for a
 * purpose that consumes data ({@link Purpose#consumesData()}), a generative tool for a purpose that
 * produces content ({@link Purpose#producesContent()}), and for a tool name the tool catalogue knows, a
 * hosting and generative flag the catalogue does not contradict ({@code SyntheticInventoryTest} checks
 * every line against {@code engine.tools()}).
 *
 * <p>Regenerate the shipped file from the repository root, after {@code mvn package}:
 * <pre>{@code
 * java -cp policy-notebooks/target/aipolicy-notebooks.jar fr.inserm.aipolicy.notebook.SyntheticInventory \
 *     policy-notebooks/notebooks/data/synthetic-inventory.jsonl
 * }</pre>
 */
public final class SyntheticInventory {

    /** The seed of the shipped inventory. */
    public static final long DEFAULT_SEED = 20250917L;

    /** The number of lines of the shipped inventory. */
    public static final int DEFAULT_COUNT = 3000;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Profile(String name, Hosting hosting, boolean generative, Double size, int weight, Purpose... purposes) {
    }

    private static final List<Profile> PROFILES = List.of(
            new Profile("ChatGPT", Hosting.EXTERNAL, true, null, 18, Purpose.WRITING, Purpose.TRANSLATION,
                    Purpose.SUMMARISATION, Purpose.INFORMATION_SEARCH, Purpose.CODE_GENERATION, Purpose.DATA_ANALYSIS,
                    Purpose.HR_ADMINISTRATION),
            new Profile("Microsoft Copilot", Hosting.EXTERNAL, true, null, 8, Purpose.WRITING, Purpose.SUMMARISATION,
                    Purpose.INFORMATION_SEARCH, Purpose.CODE_GENERATION),
            new Profile("GitHub Copilot", Hosting.EXTERNAL, true, null, 8, Purpose.CODE_GENERATION),
            new Profile("Claude", Hosting.EXTERNAL, true, null, 5, Purpose.WRITING, Purpose.SUMMARISATION,
                    Purpose.CODE_GENERATION, Purpose.DATA_ANALYSIS),
            new Profile("DeepL", Hosting.EXTERNAL, true, null, 8, Purpose.TRANSLATION),
            new Profile("Perplexity", Hosting.EXTERNAL, true, null, 4, Purpose.INFORMATION_SEARCH),
            new Profile("Midjourney", Hosting.EXTERNAL, true, null, 3, Purpose.IMAGE_GENERATION),
            new Profile("CV screening assistant (SaaS)", Hosting.EXTERNAL, true, null, 2, Purpose.HR_ADMINISTRATION),
            new Profile("OpenAI API", Hosting.EXTERNAL, true, null, 4, Purpose.AUTOMATED_PROCESSING),
            new Profile("Mistral Le Chat", Hosting.EXTERNAL_SOVEREIGN, true, null, 8, Purpose.WRITING,
                    Purpose.TRANSLATION, Purpose.SUMMARISATION, Purpose.INFORMATION_SEARCH, Purpose.CODE_GENERATION),
            new Profile("Mistral API", Hosting.EXTERNAL_SOVEREIGN, true, null, 4, Purpose.AUTOMATED_PROCESSING,
                    Purpose.SUMMARISATION),
            new Profile("Llama3.2-1B via Ollama", Hosting.LOCAL, true, 1.0, 6, Purpose.WRITING, Purpose.SUMMARISATION,
                    Purpose.TRANSLATION, Purpose.DATA_ANALYSIS),
            new Profile("Mistral-7B via Ollama", Hosting.LOCAL, true, 7.0, 5, Purpose.WRITING, Purpose.SUMMARISATION,
                    Purpose.CODE_GENERATION, Purpose.SYNTHETIC_DATA_GENERATION),
            new Profile("Whisper (local transcription)", Hosting.LOCAL, true, 1.5, 2, Purpose.OTHER),
            new Profile("Stable Diffusion XL (local)", Hosting.LOCAL, true, 3.5, 2, Purpose.IMAGE_GENERATION,
                    Purpose.SYNTHETIC_DATA_GENERATION),
            new Profile("Random forest (scikit-learn)", Hosting.LOCAL, false, null, 3, Purpose.DATA_ANALYSIS,
                    Purpose.MODEL_TRAINING),
            new Profile("Llama3.3-70B on the internal GPU cluster", Hosting.INTERNAL, true, 70.0, 5, Purpose.WRITING,
                    Purpose.SUMMARISATION, Purpose.DATA_ANALYSIS, Purpose.MODEL_TRAINING, Purpose.AUTOMATED_PROCESSING),
            new Profile("BioBERT", Hosting.INTERNAL, false, 0.11, 4, Purpose.MODEL_TRAINING, Purpose.DATA_ANALYSIS),
            new Profile("U-Net segmentation", Hosting.INTERNAL, false, 0.03, 3, Purpose.MODEL_TRAINING,
                    Purpose.DATA_ANALYSIS),
            new Profile("Synthetic cohort generator", Hosting.INTERNAL, true, null, 2,
                    Purpose.SYNTHETIC_DATA_GENERATION));

    private static final DataCategory[] SENSITIVE = {
        DataCategory.IDENTIFIABLE_HEALTH_DATA, DataCategory.IDENTIFIABLE_HEALTH_DATA, DataCategory.PSEUDONYMISED_DATA,
        DataCategory.PSEUDONYMISED_DATA, DataCategory.PSEUDONYMISED_DATA, DataCategory.UNPUBLISHED_RESEARCH,
        DataCategory.UNPUBLISHED_RESEARCH, DataCategory.UNPUBLISHED_RESEARCH, DataCategory.UNPUBLISHED_RESEARCH,
        DataCategory.ANONYMISED_WITHOUT_APPROVAL, DataCategory.CONFIDENTIAL, DataCategory.CONFIDENTIAL,
        DataCategory.INTELLECTUAL_PROPERTY, DataCategory.PERSONAL_DATA, DataCategory.PERSONAL_DATA,
    };

    /** The share of uses declared with no data, among the purposes that may have none. */
    private static final int NO_DATA_PERCENT = 20;

    private static final String[] MALFORMED = {
        "{\"tool\":{\"name\":\"ChatGPT\"},\"hosting\":\"CLOUD\",\"dataCategories\":[\"PUBLIC\"],\"purpose\":\"WRITING\"}",
        "{\"tool\":{\"name\":\"DeepL\"},\"hosting\":\"EXTERNAL\",\"dataCategories\":[\"PUBLIC\"]}",
        "{\"tool\":{\"name\":\"Mistral Le Chat\"},\"hosting\":\"EXTERNAL_SOVEREIGN\",\"dataCategories\":[\"PATIENT_FILES\"],\"purpose\":\"SUMMARISATION\"}",
        "{\"tool\":{\"name\":\"  \"},\"hosting\":\"LOCAL\",\"dataCategories\":[],\"purpose\":\"OTHER\"}",
        "{\"tool\":{\"name\":\"Claude\"},\"hosting\":\"EXTERNAL\",\"dataCategories\":\"PUBLIC\",\"purpose\":\"WRITING\"}",
    };

    private final Random random;
    private final int totalWeight;

    private SyntheticInventory(long seed) {
        this.random = new Random(seed);
        this.totalWeight = PROFILES.stream().mapToInt(Profile::weight).sum();
    }

    /**
     * Generates inventory lines.
     *
     * @param seed the seed
     * @param count the number of lines
     * @return the JSON lines, without line terminators
     */
    public static List<String> lines(long seed, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        SyntheticInventory generator = new SyntheticInventory(seed);
        List<String> lines = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            lines.add(generator.line(i));
        }
        return lines;
    }

    /**
     * Writes an inventory file, each line ended by {@code \n}, in UTF-8.
     *
     * @param file the file to write (replaced)
     * @param seed the seed
     * @param count the number of lines
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, long seed, int count) throws IOException {
        StringBuilder text = new StringBuilder(count * 300);
        for (String line : lines(seed, count)) {
            text.append(line).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /**
     * Writes the shipped inventory: {@code SyntheticInventory [--seed N] [--count N] FILE}.
     *
     * @param args the arguments
     * @throws IOException when the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        long seed = DEFAULT_SEED;
        int count = DEFAULT_COUNT;
        String file = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--count" -> count = Integer.parseInt(args[++i]);
                    default -> {
                        if (file != null || args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unexpected argument: " + args[i]);
                        }
                        file = args[i];
                    }
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("missing FILE");
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            err.println("SyntheticInventory: " + e.getMessage());
            err.println("usage: SyntheticInventory [--seed N] [--count N] FILE");
            return 2;
        }
        write(Path.of(file), seed, count);
        out.println("wrote " + count + " synthetic lines (seed " + seed + ") to " + file);
        return 0;
    }

    private String line(int number) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", String.format("SYN-%05d", number));
        root.put("synthetic", true);
        root.put("declaredBy", String.format("Unit S%02d (synthetic)", 1 + random.nextInt(24)));
        String usageJson = random.nextInt(500) == 0 ? MALFORMED[random.nextInt(MALFORMED.length)]
                : PolicyJson.write(usage());
        try {
            root.set("usage", MAPPER.readTree(usageJson));
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("generated JSON does not parse", e);
        }
    }

    private Usage usage() {
        Profile profile = profile();
        Purpose purpose = profile.purposes()[random.nextInt(profile.purposes().length)];
        return Usage.builder()
                .tool(new Tool(profile.name(), profile.generative(), profile.size()))
                .hosting(profile.hosting())
                .dataCategories(categories(purpose))
                .purpose(purpose)
                .context(context(profile, purpose))
                .build();
    }

    private Profile profile() {
        int pick = random.nextInt(totalWeight);
        for (Profile p : PROFILES) {
            pick -= p.weight();
            if (pick < 0) {
                return p;
            }
        }
        throw new IllegalStateException("weights");
    }

    private Set<DataCategory> categories(Purpose purpose) {
        Set<DataCategory> set = EnumSet.noneOf(DataCategory.class);
        if (purpose == Purpose.HR_ADMINISTRATION && chance(70)) {
            set.add(DataCategory.PERSONAL_DATA);
            return set;
        }
        // A purpose that consumes data must name them (policy 2.0 refuses an empty list there): the
        // "no data" share is drawn only for the other purposes.
        int roll = purpose.consumesData() ? NO_DATA_PERCENT + random.nextInt(100 - NO_DATA_PERCENT) : random.nextInt(100);
        if (roll < NO_DATA_PERCENT) {
            return set;
        } else if (roll < 42) {
            set.add(DataCategory.PUBLIC);
        } else if (roll < 67) {
            set.add(SENSITIVE[random.nextInt(SENSITIVE.length)]);
        } else if (roll < 77) {
            set.add(DataCategory.ANONYMISED_WITH_APPROVAL);
        } else if (roll < 84) {
            set.add(DataCategory.SYNTHETIC_DATA);
        } else if (roll < 89) {
            set.add(DataCategory.UNKNOWN);
        } else {
            set.add(DataCategory.PUBLIC);
            set.add(random.nextBoolean() ? SENSITIVE[random.nextInt(SENSITIVE.length)] : DataCategory.UNKNOWN);
        }
        return set;
    }

    private Context context(Profile profile, Purpose purpose) {
        Context.Builder c = Context.builder();
        c.userTrained(tri(60, 8));
        if (profile.hosting().isExternal()) {
            int roll = random.nextInt(100);
            c.subscription(roll < 50 ? Subscription.NONE : roll < 70 ? Subscription.PERSONAL
                    : roll < 78 ? Subscription.INSERM_FUNDED : null);
        }
        if (purpose == Purpose.CODE_GENERATION) {
            int roll = random.nextInt(100);
            c.codeTarget(roll < 70 ? CodeTarget.GENERAL : roll < 74 ? CodeTarget.ACCESS_CONTROL
                    : roll < 78 ? CodeTarget.CRYPTOGRAPHY : roll < 84 ? CodeTarget.SENSITIVE_DATA_PROCESSING : null);
            c.expertReview(tri(65, 15));
        }
        if (purpose == Purpose.AUTOMATED_PROCESSING) {
            c.dpiaCompleted(tri(50, 30));
            c.subcontractingAgreement(tri(50, 30));
        }
        if (purpose == Purpose.MODEL_TRAINING) {
            c.trainingDataLawful(tri(60, 10));
        }
        if ((purpose == Purpose.MODEL_TRAINING || purpose == Purpose.DATA_ANALYSIS
                || purpose == Purpose.INFORMATION_SEARCH) && chance(8)) {
            c.webScraping(true);
            c.scrapingTermsRespected(tri(70, 15));
            c.apiAvailable(tri(30, 40));
        }
        c.automatedDecisionOnPeople(purpose == Purpose.HR_ADMINISTRATION ? tri(30, 50) : chance(1) ? Boolean.TRUE : null);
        if (purpose == Purpose.WRITING || purpose == Purpose.SUMMARISATION || purpose == Purpose.DATA_ANALYSIS
                || purpose == Purpose.IMAGE_GENERATION || purpose == Purpose.MODEL_TRAINING) {
            c.forPublication(tri(35, 30));
        }
        return c.build();
    }

    /** True with {@code truePercent} %, false with {@code falsePercent} %, otherwise not stated. */
    private Boolean tri(int truePercent, int falsePercent) {
        int roll = random.nextInt(100);
        return roll < truePercent ? Boolean.TRUE : roll < truePercent + falsePercent ? Boolean.FALSE : null;
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }
}
