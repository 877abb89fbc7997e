package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.Approval;
import fr.inserm.aipolicy.PolicyApprovals;
import fr.inserm.aipolicy.PolicyBuildException;
import fr.inserm.aipolicy.PolicyEngine;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The commands that make a policy approved (docs/approved-policy.md): {@code version RULES_DIR
 * VERSION} records a folder's version and digest, {@code bundle RULES_DIR --key PRIVATE.pem --out FILE}
 * packs it into a signed bundle, {@code verify FILE --trust PUBLIC.pem} checks one. Each builds the
 * policy first: a version is recorded, and a bundle signed or accepted, only for a policy that builds.
 */
final class ApprovalCommands {
    private final PrintStream out;
    private final PrintStream err;

    ApprovalCommands(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** {@code version RULES_DIR VERSION}. */
    int version(List<String> args) {
        if (args.size() != 2 || args.get(0).startsWith("--")) {
            return usage("version RULES_DIR VERSION records a folder's version (aipolicy --version prints the"
                    + " loaded policy's)");
        }
        Path folder = Path.of(args.get(0));
        if (!Files.isDirectory(folder)) {
            return refuse("no rules folder at " + folder);
        }
        try {
            // build first: a version names a policy that builds
            PolicyEngine.builder().rulesFrom(folder).build();
            Approval recorded = PolicyApprovals.record(folder, args.get(1));
            out.println("recorded: " + recorded.describe());
            return AipolicyCli.OK;
        } catch (PolicyBuildException e) {
            return refuse("nothing recorded: " + e.getMessage());
        }
    }

    /** {@code bundle RULES_DIR --key PRIVATE.pem --out FILE}. */
    int bundle(List<String> args) {
        Path folder = null;
        Path key = null;
        Path file = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            boolean hasValue = i + 1 < args.size();
            switch (arg) {
                case "--key" -> {
                    if (!hasValue) {
                        return usage("--key needs the private key file (PEM: openssl genpkey -algorithm ed25519)");
                    }
                    key = Path.of(args.get(++i));
                }
                case "--out" -> {
                    if (!hasValue) {
                        return usage("--out needs the bundle file to write");
                    }
                    file = Path.of(args.get(++i));
                }
                default -> {
                    if (arg.startsWith("--") || folder != null) {
                        return usage("unexpected argument: " + arg);
                    }
                    folder = Path.of(arg);
                }
            }
        }
        if (folder == null || key == null || file == null) {
            return usage("bundle needs RULES_DIR --key PRIVATE.pem --out FILE");
        }
        try {
            PolicyEngine.builder().rulesFrom(folder).build();
            Approval packed = PolicyApprovals.bundle(folder, key, file);
            out.println("bundled: policy " + packed.version() + " " + packed.digest() + " in " + file + " ("
                    + Files.size(file) + " bytes), signed; check it: aipolicy verify " + file + " --trust PUBLIC.pem");
            return AipolicyCli.OK;
        } catch (PolicyBuildException e) {
            return refuse("nothing bundled: " + e.getMessage());
        } catch (java.io.IOException e) {
            return refuse("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** {@code verify FILE --trust PUBLIC.pem}: 0 only for an intact bundle signed by the key, that builds. */
    int verify(List<String> args, PolicyOptions options) {
        if (args.size() != 1 || args.get(0).startsWith("--") || options.trust.isEmpty()) {
            return usage("verify needs FILE --trust PUBLIC.pem");
        }
        Path file = Path.of(args.get(0));
        try {
            PolicyEngine.Builder builder = PolicyEngine.builder().rulesFrom(file);
            options.trust.forEach(builder::trust);
            Approval approval = builder.build().policy().approval();
            if (approval.status() != Approval.Status.SIGNED) {
                return refuse("refused: " + file + " is not a signed bundle");
            }
            out.println("verified: " + approval.describe());
            return AipolicyCli.OK;
        } catch (PolicyBuildException e) {
            return refuse("refused: " + e.getMessage());
        }
    }

    private int usage(String message) {
        err.println("aipolicy: " + message + " (see aipolicy --help)");
        return AipolicyCli.BAD_INPUT;
    }

    private int refuse(String message) {
        err.println("aipolicy: " + message);
        return AipolicyCli.INTERNAL_FAILURE;
    }
}
