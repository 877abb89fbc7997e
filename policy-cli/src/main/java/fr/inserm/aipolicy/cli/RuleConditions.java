package fr.inserm.aipolicy.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The condition (the {@code when} part) of each rule of a policy's DRL files, by rule id, with
 * comments dropped and white space collapsed: what {@code aipolicy diff} compares to name the rules
 * whose condition changed, which the engine's rule metadata does not show.
 */
final class RuleConditions {
    private static final Pattern RULE = Pattern.compile(
            "(?s)\\brule\\s+\"[^\"]*\"(.*?)\\bwhen\\b(.*?)\\bthen\\b");
    private static final Pattern ID = Pattern.compile("@id\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    private RuleConditions() {
    }

    /**
     * Reads the rules' conditions from a folder of DRL files or a jar holding them.
     *
     * @param policy a folder or a jar, as given to {@code rulesFrom}
     * @return each rule id's condition, normalised
     * @throws IOException when the files cannot be read
     */
    static Map<String, String> read(Path policy) throws IOException {
        if (Files.isDirectory(policy)) {
            return fromFolder(policy);
        }
        try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + policy.toUri()), Map.of())) {
            return fromFolder(jar.getPath("/"));
        }
    }

    private static Map<String, String> fromFolder(Path root) throws IOException {
        Map<String, String> conditions = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(f -> f.toString().endsWith(".drl")).sorted().toList();
        }
        for (Path file : files) {
            conditions.putAll(parse(Files.readString(file)));
        }
        return conditions;
    }

    /** The conditions of the rules of one DRL text. */
    static Map<String, String> parse(String drl) {
        Map<String, String> conditions = new TreeMap<>();
        Matcher rule = RULE.matcher(COMMENTS.matcher(drl).replaceAll(" "));
        while (rule.find()) {
            Matcher id = ID.matcher(rule.group(1));
            if (id.find()) {
                conditions.put(id.group(1), rule.group(2).strip().replaceAll("\\s+", " "));
            }
        }
        return conditions;
    }
}
