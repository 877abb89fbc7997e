package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.Approval;
import fr.inserm.aipolicy.PolicyEngine;

/** What {@code test} and {@code diff} say about the policies they use, so that they cannot mislead. */
final class MaintainerLoop {
    private MaintainerLoop() {
    }

    /** The first line of {@code test}: which policy the scenarios run on. */
    static String testing(PolicyEngine engine) {
        return "testing " + engine.policy().approval().describe();
    }

    /** The first line of {@code diff}. */
    static String comparing(PolicyEngine before, PolicyEngine after) {
        return "aipolicy diff: " + brief(before.policy().approval()) + " -> " + brief(after.policy().approval());
    }

    private static String brief(Approval a) {
        return "policy " + a.version() + " (" + (a.status() == Approval.Status.SIGNED ? "signed by " + a.signedBy()
                : a.status() == Approval.Status.RECORDED ? "recorded" : "DRAFT") + ", " + a.origin() + ")";
    }

    /** Whether two policies declare the same version (a draft counts as the version it is a draft of). */
    static boolean sameVersion(PolicyEngine before, PolicyEngine after) {
        return declared(before).equals(declared(after));
    }

    private static String declared(PolicyEngine engine) {
        String version = engine.policyVersion();
        int draft = version.indexOf("-draft+");
        return draft < 0 ? version : version.substring(0, draft);
    }

    /** Why {@code diff} fails when decisions changed under the same version. */
    static String unchangedVersion(long changed, PolicyEngine after, String afterPath) {
        return "aipolicy: " + changed + " decisions changed, and the version did not (" + declared(after) + "): a"
                + " version names its content; record a new one: aipolicy version " + afterPath + " NEW_VERSION";
    }
}
