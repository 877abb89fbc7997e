package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A policy that follows its file: built from {@code PolicyEngine.builder().rulesFrom(bundle)
 * .trust(key).watch()}, it checks the file every second (its time and size; a file system's change
 * notices are not reliable), and when the file was replaced, builds the new policy and checks it
 * completely (signature, digest, manifest, rules, a first decision) before it serves. A policy that
 * fails is refused and logged, and the one before it goes on serving: never a half-loaded policy,
 * never none.
 *
 * <p>{@link #engine()} decides by whichever policy is current when a decision starts: the swap is
 * one atomic reference, so a decision under way finishes on the policy it started with, and every
 * decision carries the version and digest of the policy that made it.
 */
public final class PolicySource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PolicySource.class);

    /**
     * A policy serving, and since when.
     *
     * @param engine the engine over it
     * @param approval which policy it is
     * @param loadedAt when it started serving
     */
    public record Serving(PolicyEngine engine, Approval approval, Instant loadedAt) {
    }

    /**
     * An update that was refused.
     *
     * @param at when
     * @param reason why, in words
     */
    public record Refusal(Instant at, String reason) {
    }

    private final PolicyEngine.Builder builder;
    private final List<PublicKey> keys;
    private final Path file;
    private final AtomicReference<Serving> current = new AtomicReference<>();
    private final AtomicReference<Refusal> lastRefused = new AtomicReference<>();
    private final ScheduledExecutorService poller;
    private final PolicyEngine engine = new Current();
    private Object seen;

    PolicySource(PolicyEngine.Builder builder, Duration interval) {
        this.builder = builder;
        this.keys = builder.trustedKeys();
        this.file = builder.rulesPath();
        this.seen = stamp();
        DroolsPolicyEngine first = builder.build(keys, true);
        current.set(new Serving(first, first.policy().approval(), Instant.now()));
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aipolicy-policy-watch");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(10, interval.toMillis());
        poller.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * An engine that decides each usage by the policy current when the decision starts.
     *
     * @return the engine; the same one for the life of this source
     */
    public PolicyEngine engine() {
        return engine;
    }

    /**
     * The source behind an engine, when the engine is a source's {@link #engine()}: for a status page
     * that is given only the engine.
     *
     * @param engine an engine
     * @return its source, or empty for any other engine
     */
    public static Optional<PolicySource> of(PolicyEngine engine) {
        PolicyEngine inner = engine instanceof ListeningPolicyEngine listening ? listening.inner() : engine;
        return inner instanceof Current current ? Optional.of(current.source()) : Optional.empty();
    }

    /**
     * The policy serving now.
     *
     * @return the engine, its approval and when it was loaded
     */
    public Serving serving() {
        return current.get();
    }

    /**
     * The last update refused, if any, and why.
     *
     * @return the refusal
     */
    public Optional<Refusal> lastRefused() {
        return Optional.ofNullable(lastRefused.get());
    }

    /**
     * Checks the file now, as the watch does every interval.
     *
     * @return true when a new policy now serves
     */
    public synchronized boolean checkNow() {
        Object stamp = stamp();
        if (Objects.equals(stamp, seen)) {
            return false;
        }
        seen = stamp;
        long start = System.nanoTime();
        DroolsPolicyEngine next;
        try {
            next = builder.build(keys, false);
            // a first decision: a policy that cannot decide never serves
            Decision check = next.evaluate(Usage.builder().tool("policy-check").hosting(Hosting.LOCAL)
                    .dataCategories(DataCategory.PUBLIC).purpose(Purpose.WRITING).context(Context.NOT_STATED).build());
            Objects.requireNonNull(check.verdict(), "verdict");
        } catch (RuntimeException | LinkageError e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            lastRefused.set(new Refusal(Instant.now(), reason));
            LOG.error("aipolicy: the policy at {} was replaced, and the new one is refused: {}; policy {} goes on serving",
                    file, reason, current.get().approval().version());
            return false;
        }
        Serving before = current.getAndSet(new Serving(next, next.policy().approval(), Instant.now()));
        LOG.info("aipolicy: policy {} {} now serves (was {}), loaded and checked in {} ms", next.policyVersion(),
                next.policyDigest(), before.approval().version(), (System.nanoTime() - start) / 1_000_000);
        return true;
    }

    private void poll() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            LOG.error("aipolicy: watching {} failed: {}", file, e.toString());
        }
    }

    /** What changes when the file is replaced: its time, size and file key (a new file's inode). */
    private Object stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(a.lastModifiedTime().toMillis(), a.size(), String.valueOf(a.fileKey()));
        } catch (IOException e) {
            return List.of("missing");
        }
    }

    /** Stops watching; the engine goes on deciding by the last policy. */
    @Override
    public void close() {
        poller.shutdownNow();
    }

    /** The engine {@link #engine()} returns: each call reads the current policy once. */
    private final class Current implements PolicyEngine {
        PolicySource source() {
            return PolicySource.this;
        }

        @Override
        public Decision evaluate(Usage usage, boolean strict) {
            return current.get().engine().evaluate(usage, strict);
        }

        @Override
        public Decision evaluateOrDeny(Usage usage) {
            return current.get().engine().evaluateOrDeny(usage);
        }

        @Override
        public Policy policy() {
            return current.get().engine().policy();
        }

        @Override
        public String toString() {
            return "PolicySource[" + current.get().engine() + "]";
        }
    }
}
