package fr.inserm.aipolicy;

import java.nio.file.Path;
import java.util.List;

/**
 * A build tool, run by the Maven build of {@code policy-rules}: compiles the DRL files of a policy
 * folder to Drools' executable model and writes the compiled classes beside them in a class folder,
 * so that an engine built from the class path starts without compiling its rules.
 *
 * <p>{@code java fr.inserm.aipolicy.PolicyPrecompiler RULES_FOLDER CLASSES_FOLDER}
 */
public final class PolicyPrecompiler {
    private PolicyPrecompiler() {
    }

    /**
     * Compiles the policy of a folder into a class folder.
     *
     * @param args the policy folder (holding {@code policy.properties} and the DRL files) and the class folder
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: PolicyPrecompiler RULES_FOLDER CLASSES_FOLDER");
            System.exit(2);
        }
        PolicyFiles files = PolicyFiles.fromPath(Path.of(args[0]));
        // the bundled policy is never a draft: its files must be the ones recorded for its version
        Approval approval = PolicyApprovals.examine(files);
        if (approval.draft()) {
            String version = PolicyManifest.read(files).version();
            System.err.println("PolicyPrecompiler: the bundled policy is a draft (" + approval.note() + "), and the"
                    + " bundled policy can never be one. Record its version, from the repository's root:\n"
                    + "  java -cp policy-core/target/classes fr.inserm.aipolicy.PolicyApprovals version "
                    + PolicyApprovals.BUNDLED_RULES + " " + version + "\n"
                    + "(or, with the command-line tool built: java -jar policy-cli/target/aipolicy.jar version "
                    + PolicyApprovals.BUNDLED_RULES + " " + version + "), then build again.");
            System.exit(1);
        }
        List<String> written = PrecompiledRules.write(files, Path.of(args[1]), PolicyPrecompiler.class.getClassLoader());
        System.out.println("PolicyPrecompiler: " + files.rules().size() + " DRL files compiled to " + written.size()
                + " classes in " + args[1]);
    }
}
