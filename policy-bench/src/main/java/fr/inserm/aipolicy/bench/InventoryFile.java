package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.usage.Usage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a JSON Lines inventory for {@code evaluate --batch}: {@code InventoryFile FILE LINES [inventory|distinct]}.
 * {@code inventory} repeats the benchmark's Zipf-distributed inventory; {@code distinct} draws every
 * line uniformly from the whole input space.
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
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                out.write(PolicyJson.write(distinct ? Workloads.randomUsage(random) : inventory[i % inventory.length]));
                out.write('\n');
            }
        }
    }
}
