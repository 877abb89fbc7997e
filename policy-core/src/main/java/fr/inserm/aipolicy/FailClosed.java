package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Reason;
import fr.inserm.aipolicy.decision.Verdict;
import java.util.List;

/** The DENY given instead of a decision when the engine fails and the caller asked never to get an exception. */
final class FailClosed {
    /** The reason's rule id on such a DENY. */
    static final String ENGINE_FAILURE = "ENGINE_FAILURE";

    private FailClosed() {
    }

    static Decision deny(RuntimeException failure, String version, String digest) {
        String what = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        Reason reason = new Reason(ENGINE_FAILURE, Verdict.DENY,
                "The policy engine failed while deciding, so the use is denied until it can be decided: " + what,
                List.of());
        return new Decision(Verdict.DENY, List.of(), List.of(reason), List.of(), List.of(), List.of(), version, digest,
                List.of(ENGINE_FAILURE));
    }
}
