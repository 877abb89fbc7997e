package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.event.Channel;
import fr.inserm.aipolicy.event.DecisionEvents;
import fr.inserm.aipolicy.event.DecisionListener;
import fr.inserm.aipolicy.event.DecisionOrigin;
import fr.inserm.aipolicy.tools.ToolCatalogue;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Usage;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a described use of an AI system is allowed under the Inserm recommendations.
 *
 * <p>Build one engine, once, and share it: it is immutable and safe to call from many threads.
 * Building loads the rules (compiled when the library was built, or compiled then for rules read
 * with {@link Builder#rulesFrom(Path)}) and checks them against the clause catalogue: a few hundred
 * milliseconds, or a second or two when it compiles; deciding takes microseconds.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder().build();   // the rules bundled in policy-rules
 * Decision decision = engine.evaluate(Usage.builder()
 *         .tool("ChatGPT").hosting(Hosting.EXTERNAL)
 *         .dataCategories(DataCategory.UNPUBLISHED_RESEARCH).purpose(Purpose.WRITING)
 *         .build());
 * decision.verdict();   // DENY, citing R4.1 and R3
 * }</pre>
 *
 * <p>An engine only decides. Its texts in French, the alternatives that would make a use allowed,
 * the disclosure paragraph and the frugality figures come from {@code PolicyReports.of(engine)}, a
 * service over any engine (a cache, a test double) and the {@link Policy} it runs.
 */
public interface PolicyEngine {

    /**
     * Starts building an engine; by default from the rules found on the class path (the
     * {@code policy-rules} artifact).
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * An engine that decides as another does and tells these events' listeners of every decision: to
     * add a decision log or metrics to an engine already built. Only these listeners are told: those
     * the other engine had are left out ({@link #unrecorded()}).
     *
     * @param engine the engine that decides
     * @param events the events, with their listeners
     * @param channel the channel an event names when the caller does not say ({@link #askedBy})
     * @return the engine that tells
     */
    static PolicyEngine telling(PolicyEngine engine, DecisionEvents events, Channel channel) {
        return new ListeningPolicyEngine(engine.unrecorded(), events, channel, null);
    }

    /**
     * Decides one usage.
     *
     * @param usage the described usage
     * @return the decision, never null, citing at least one clause
     * @throws NullPointerException when usage is null
     * @throws InvalidUsageException naming {@code hosting} when the tool catalogue contradicts the
     *     declared hosting (ChatGPT declared {@code LOCAL})
     * @throws PolicyEvaluationException when the rules fail to run; never an ALLOW in that case
     */
    default Decision evaluate(Usage usage) {
        return evaluate(usage, false);
    }

    /**
     * Decides a described usage, by default or strictly. A strict decision (the policy (docs/policy.md)) allows
     * nothing that rests on an assumption: an ALLOW that carries one becomes ESCALATE, to the people
     * who can answer its questions; a DENY or ESCALATE keeps its verdict. For a caller that gates
     * access (a portal, a workflow).
     *
     * @param usage the usage
     * @param strict whether to decide strictly
     * @return the decision, with {@link Decision#strict()} as asked
     * @throws InvalidUsageException when the tool catalogue contradicts the usage
     * @throws PolicyEvaluationException when the rules fail to run
     */
    Decision evaluate(Usage usage, boolean strict);

    /**
     * Decides one usage, answering DENY if the engine fails: for callers that must always get a
     * decision and prefer to refuse rather than handle an exception. The failure DENY cites no
     * clause (no rule decided it); its only reason has the rule id {@code ENGINE_FAILURE} and says
     * what failed.
     *
     * @param usage the described usage
     * @return the decision, or a DENY saying why the usage could not be decided
     * @throws NullPointerException when usage is null
     */
    default Decision evaluateOrDeny(Usage usage) {
        Objects.requireNonNull(usage, "usage");
        try {
            return evaluate(usage);
        } catch (RuntimeException e) {
            return FailClosed.deny(e, policyVersion(), policyDigest());
        }
    }

    /**
     * This engine, deciding for one person or program: its next decision carries the origin's id,
     * channel and requester in the event its listeners get (later decisions get ids of their own). An
     * engine without listeners returns itself: the id is still the caller's to show.
     *
     * @param origin who asks, through what, and the id to give the decision
     * @return an engine for that origin
     */
    default PolicyEngine askedBy(DecisionOrigin origin) {
        Objects.requireNonNull(origin, "origin");
        return this;
    }

    /**
     * This engine without its listeners: for decisions nobody asked for (the variants the alternatives
     * try, a warm-up), which must not be recorded as decisions.
     *
     * @return the engine that decides without telling its listeners; this engine when it has none
     */
    default PolicyEngine unrecorded() {
        return this;
    }

    /**
     * The rules of the loaded policy, ordered by effect (DENY, ESCALATE, ALLOW, OBLIGATION, ADVICE) then id.
     *
     * @return the rules
     */
    default List<PolicyRule> rules() {
        return policy().rules();
    }

    /**
     * The clause catalogue, in catalogue order.
     *
     * @return every clause the rules may cite
     */
    default List<Clause> catalogue() {
        return policy().catalogue();
    }

    /**
     * Looks up a clause of the catalogue.
     *
     * @param id the clause id, for example {@code R4.1}
     * @return the clause, or empty when the catalogue lacks it
     */
    default Optional<Clause> clause(String id) {
        return policy().clause(id);
    }

    /**
     * The version of the rules and catalogue, as declared in {@code policy.properties}.
     *
     * @return the policy version
     */
    default String policyVersion() {
        return policy().version();
    }

    /**
     * A SHA-256 digest of every rule file, the catalogue and the messages, so a decision can be
     * traced to the exact policy that made it.
     *
     * @return {@code sha256:} followed by 64 hexadecimal digits
     */
    default String policyDigest() {
        return policy().digest();
    }

    /**
     * The policy this engine decides by: its rules, clauses, texts and tool catalogue. An engine that
     * wraps another returns the wrapped engine's policy.
     *
     * @return the policy
     */
    Policy policy();

    /**
     * The catalogue of well-known tools shipped with the policy ({@code tools.json}).
     *
     * @return the tool catalogue; empty when the policy has none
     */
    default ToolCatalogue tools() {
        return policy().tools();
    }

    /** Builds a {@link PolicyEngine}. */
    final class Builder {
        private Path rulesPath;
        private ClassLoader classLoader = PolicyEngine.class.getClassLoader();
        private boolean warmUp;
        private final List<DecisionListener> listeners = new ArrayList<>();
        private DecisionEvents events;
        private Channel channel = Channel.JAVA;
        private final List<Path> trusted = new ArrayList<>();
        private boolean draft;

        Builder() {
        }

        /**
         * Trusts an Ed25519 public key (PEM, as {@code openssl pkey -pubout} writes it): the engine then
         * loads only a bundle ({@code aipolicy bundle}) signed by a trusted key, and refuses anything
         * else, unless {@link #draft(boolean)} asks for a draft. May be called for several keys.
         *
         * @param publicKeyPem the public key file
         * @return this builder
         */
        public Builder trust(Path publicKeyPem) {
            trusted.add(Objects.requireNonNull(publicKeyPem, "publicKeyPem"));
            return this;
        }

        /**
         * Whether a policy that is not a signed bundle may load under a trusted key, as a draft (its
         * version {@code 2.1.0-draft+…} in every decision): the maintainer's loop. Off by default.
         * Without a trusted key, a folder whose files do not match its recorded version loads as a
         * draft whatever this says, its version saying so.
         *
         * @param draft whether to accept a draft
         * @return this builder
         */
        public Builder draft(boolean draft) {
            this.draft = draft;
            return this;
        }

        /**
         * Builds the engine, and watches the policy's file ({@link #rulesFrom(Path)}) every second:
         * a replaced bundle is loaded and checked completely, then serves; one that fails is refused
         * and the policy before it goes on serving.
         *
         * @return the source, whose {@link PolicySource#engine()} decides by the current policy
         * @throws PolicyBuildException when the first policy cannot be loaded
         */
        public PolicySource watch() {
            return watch(Duration.ofSeconds(1));
        }

        /**
         * As {@link #watch()}, checking the file at the given interval.
         *
         * @param interval how often the file is checked
         * @return the source
         */
        public PolicySource watch(Duration interval) {
            if (rulesPath == null) {
                throw new IllegalStateException("watch() needs rulesFrom(path): the policy on the class path does not change");
            }
            return new PolicySource(this, interval);
        }

        /** The trusted keys, read. */
        List<PublicKey> trustedKeys() {
            return trusted.stream().map(PemKeys::readPublic).toList();
        }

        Path rulesPath() {
            return rulesPath;
        }

        /** Builds an engine over the policy as it is now, with these keys already read. */
        DroolsPolicyEngine build(List<PublicKey> keys, boolean warm) {
            PolicyApprovals.Opened opened = PolicyApprovals.open(rulesPath, keys, draft, classLoader);
            return DroolsPolicyEngine.build(opened.files(), opened.approval(), classLoader, warm);
        }

        /**
         * Loads the policy from a folder or a jar instead of the class path. The folder (or the jar's
         * root) holds either the policy files themselves ({@code policy.properties},
         * {@code catalogue.json}, {@code messages.properties}, {@code *.drl}) or the
         * {@code fr/inserm/aipolicy/rules/} folder that holds them.
         *
         * @param folderOrJar the folder or jar
         * @return this builder
         */
        public Builder rulesFrom(Path folderOrJar) {
            this.rulesPath = Objects.requireNonNull(folderOrJar, "folderOrJar");
            return this;
        }

        /**
         * Sets the class loader that finds the bundled policy and the fact classes; by default the
         * one that loaded this library.
         *
         * @param loader the class loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /**
         * Whether the engine, once built, decides a few usages (one per hosting and purpose) on a
         * background thread, so that the first callers do not pay for the JIT and the lazy parts of the
         * rule network; off by default (a command that decides once and exits has nothing to gain).
         *
         * @param warmUp whether to warm the engine up
         * @return this builder
         */
        public Builder warmUp(boolean warmUp) {
            this.warmUp = warmUp;
            return this;
        }

        /**
         * Tells a listener of every decision (the decision log, metrics), on a thread of its own: see
         * {@link DecisionEvents}. Without a listener the engine does nothing more than decide.
         *
         * @param listener the listener; may be given several times
         * @return this builder
         */
        public Builder listener(DecisionListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Tells the listeners of these events of every decision, instead of a queue of the builder's
         * own: to size the queue, read its counts, or wait for it to empty ({@link DecisionEvents#flush}).
         *
         * @param events the events, with their listeners
         * @return this builder
         */
        public Builder events(DecisionEvents events) {
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        /**
         * The channel an event names when the caller does not say ({@link PolicyEngine#askedBy}); by
         * default {@link Channel#JAVA}.
         *
         * @param channel the channel
         * @return this builder
         */
        public Builder channel(Channel channel) {
            this.channel = Objects.requireNonNull(channel, "channel");
            return this;
        }

        /**
         * Compiles the rules and checks them against the catalogue.
         *
         * @return the engine
         * @throws PolicyBuildException when a file is missing or malformed, a rule does not compile,
         *     cites an unknown clause, lacks a message, or shares its id with another rule; under a
         *     trusted key, when the policy is not a bundle signed by it (and no draft was asked for)
         */
        public PolicyEngine build() {
            PolicyEngine engine = build(trustedKeys(), warmUp);
            if (events == null && listeners.isEmpty()) {
                return engine; // nothing to tell: the engine alone, as fast as it ever was
            }
            if (events != null && !listeners.isEmpty()) {
                throw new IllegalStateException("give the listeners to the DecisionEvents, or give listeners "
                        + "without DecisionEvents, not both");
            }
            return new ListeningPolicyEngine(engine, events != null ? events
                    : DecisionEvents.to(DecisionEvents.DEFAULT_CAPACITY, listeners), channel, null);
        }
    }
}
