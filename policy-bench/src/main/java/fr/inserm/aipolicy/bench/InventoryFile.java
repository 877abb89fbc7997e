package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.usage.ContextField;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Usage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Writes a JSON Lines inventory for {@code evaluate --batch}: {@code InventoryFile FILE LINES [inventory|distinct]}.
 * {@code inventory} repeats the benchmark's Zipf-distributed inventory; {@code distinct} draws every
 * line uniformly from the whole input space. A FILE named {@code *.csv} is written as a CSV inventory
 * (header of field paths, as {@code evaluate --batch --input csv} reads it) with the same usages.
 */
public final class InventoryFile {
    private InventoryFile() {
    }

    /**
     * Writes the file.
     *
     * @param args the file, the number of lines, and the workload
     * @throws IOException when the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int lines = Integer.parseInt(args[1]);
        boolean distinct = args.length > 2 && args[2].equals("distinct");
        Usage[] inventory = distinct ? null : Workloads.inventory();
        Random random = new Random(Workloads.SEED);
        boolean csv = file.getFileName().toString().endsWith(".csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (csv) {
                out.write("id,tool.name,tool.generative,tool.parametersBillions,hosting,dataCategories,purpose");
                for (ContextField field : ContextField.all()) {
                    out.write(',');
                    out.write(field.path());
                }
                out.write('\n');
            }
            for (int i = 0; i < lines; i++) {
                Usage usage = distinct ? Workloads.randomUsage(random) : inventory[i % inventory.length];
                out.write(csv ? csvLine(i + 1, usage) : PolicyJson.write(usage));
                out.write('\n');
            }
        }
    }

    private static String csvLine(int id, Usage usage) {
        StringBuilder line = new StringBuilder(160).append("U").append(id).append(',');
        line.append(quoted(usage.tool().name())).append(',').append(usage.tool().generative()).append(',');
        if (usage.tool().parametersBillions() != null) {
            line.append(usage.tool().parametersBillions());
        }
        line.append(',').append(usage.hosting()).append(',')
                .append(usage.dataCategories().isEmpty() ? ";" // the empty list: an empty cell is "not stated"
                        : usage.dataCategories().stream().map(DataCategory::name).sorted().collect(Collectors.joining(";")))
                .append(',').append(usage.purpose());
        for (ContextField field : ContextField.all()) {
            Object value = field.valueIn(usage.context());
            line.append(',');
            if (value != null) {
                line.append(value instanceof Enum<?> e ? e.name() : value.toString());
            }
        }
        return line.toString();
    }

    private static String quoted(String text) {
        return text.contains(",") || text.contains("\"") ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
