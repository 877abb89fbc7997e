package fr.inserm.aipolicy.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.inserm.aipolicy.Approval;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicySource;
import java.lang.management.ManagementFactory;
import java.time.Instant;

/**
 * What {@code /health} says of the policy serving: its version and digest, whether it is signed
 * (and by which key), recorded or a draft, where it was read, when it was loaded, and, for a watched
 * bundle, the last update refused and why.
 */
final class PolicyHealth {
    private PolicyHealth() {
    }

    static void add(ObjectNode health, PolicyEngine engine) {
        PolicySource source = PolicySource.of(engine).orElse(null);
        Approval approval = source == null ? engine.policy().approval() : source.serving().approval();
        ObjectNode policy = health.putObject("policy");
        policy.put("version", approval.version());
        policy.put("digest", approval.digest());
        policy.put("status", approval.status().name());
        if (approval.signedBy() != null) {
            policy.put("signedBy", approval.signedBy());
        }
        policy.put("from", approval.origin());
        // without a watch, the policy was loaded when the server started
        policy.put("loadedAt", (source == null ? Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime())
                : source.serving().loadedAt()).toString());
        policy.put("watched", source != null);
        if (source != null) {
            source.lastRefused().ifPresent(r -> {
                ObjectNode refused = health.putObject("lastRefusedUpdate");
                refused.put("at", r.at().toString());
                refused.put("reason", r.reason());
            });
        }
    }
}
