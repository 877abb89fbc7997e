package fr.inserm.aipolicy;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a policy declares about itself in {@code policy.properties}: its version, the files it is
 * made of, the ids of its rules, and the clauses a DENY without a permit cites. The engine refuses
 * to build a policy whose files or rules are not the ones declared, so a lost rule file, a rule
 * deleted in an edit or a missing {@code tools.json} is a build error, never a quieter engine.
 *
 * @param version the policy's version
 * @param files the file names the policy folder must hold, exactly (besides {@code policy.properties})
 * @param rules the ids of the rules the compiled policy must hold, exactly
 * @param noPermitClauses the clauses cited by the reason of a DENY that no rule permits
 */
record PolicyManifest(String version, List<String> files, List<String> rules, List<String> noPermitClauses) {

    static PolicyManifest read(PolicyFiles policy) {
        String where = policy.origin() + "/" + PolicyFiles.VERSION_FILE;
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(policy.require(PolicyFiles.VERSION_FILE)));
        } catch (IOException | IllegalArgumentException e) {
            throw new PolicyBuildException(where + " is malformed", e);
        }
        String version = properties.getProperty("version", "").strip();
        if (version.isEmpty()) {
            throw new PolicyBuildException(where + " has no version=…");
        }
        List<String> files = words(properties, "files", where);
        List<String> rules = words(properties, "rules", where);
        PolicyManifest manifest = new PolicyManifest(version, files, rules,
                List.of(properties.getProperty("noPermit.clauses", "").strip().split("\\s+")).stream()
                        .filter(w -> !w.isEmpty()).toList());
        manifest.checkFiles(policy, where);
        return manifest;
    }

    private static List<String> words(Properties properties, String key, String where) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new PolicyBuildException(where + " has no " + key + "=… (the manifest lists the policy's " + key
                    + ", so that a missing one is found when the engine is built)");
        }
        List<String> words = Arrays.stream(value.strip().split("\\s+")).toList();
        if (new TreeSet<>(words).size() != words.size()) {
            throw new PolicyBuildException(where + ": " + key + "=… lists a name twice");
        }
        return words;
    }

    private void checkFiles(PolicyFiles policy, String where) {
        Set<String> missing = new TreeSet<>(files);
        missing.removeAll(policy.files().keySet());
        Set<String> extra = new TreeSet<>(policy.files().keySet());
        extra.remove(PolicyFiles.VERSION_FILE);
        extra.remove(PolicyRecord.FILE);
        extra.removeAll(files);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new PolicyBuildException("the policy at " + policy.origin() + " is not made of the files " + where
                    + " declares:" + (missing.isEmpty() ? "" : " missing " + missing)
                    + (extra.isEmpty() ? "" : " not declared " + extra));
        }
    }
}
