package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.Approval;
import fr.inserm.aipolicy.PolicyApprovals;
import fr.inserm.aipolicy.PolicyBuildException;
import fr.inserm.aipolicy.PolicyEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy the server serves, from {@code --rules}, {@code --trust}, {@code --watch} and
 * {@code --draft}: under a trusted key only a bundle signed by it; a draft only when asked for; a
 * watched bundle reloaded, without a restart, when its file is replaced.
 */
final class ServedPolicy {
    final List<Path> trust = new ArrayList<>();
    boolean watch;
    boolean draft;

    PolicyEngine load(Path rules) {
        if (watch && rules == null) {
            throw new PolicyBuildException("--watch needs --rules FILE: the bundled policy does not change");
        }
        if (rules != null && trust.isEmpty() && !draft) {
            Approval approval = PolicyApprovals.check(rules);
            if (approval.draft()) {
                throw new PolicyBuildException("the policy at " + rules + " is a draft (" + approval.note()
                        + "); add --draft to serve it, its decisions saying " + approval.version());
            }
        }
        PolicyEngine.Builder builder = PolicyEngine.builder().draft(draft);
        if (rules != null) {
            builder.rulesFrom(rules);
        }
        trust.forEach(builder::trust);
        return watch ? builder.watch().engine() : builder.build();
    }
}
