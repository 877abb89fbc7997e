package fr.inserm.aipolicy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles DRL sources at run time, to Drools' executable model. Only loaded when the rules are not
 * precompiled (a policy from {@code rulesFrom}, or a class path without the model): the parser, the
 * code generator and the Java compiler it needs come with {@code policy-compiler}, which an
 * application embedding the bundled policy does not need.
 */
final class RuntimeCompiler {
    private static final AtomicLong BUILDS = new AtomicLong();
    /**
     * The rules compiled last, by the digest of their DRL files: a policy reloaded with the same rules
     * (a new version whose catalogue, tools or texts changed) shares the compiled rules, which are
     * immutable, instead of compiling them again (seconds, on the swap of a watched bundle).
     */
    private static final AtomicReference<Compiled> LAST = new AtomicReference<>();

    private record Compiled(String rulesDigest, ClassLoader loader, KieBase kieBase) {
    }

    private RuntimeCompiler() {
    }

    static KieBase compile(Map<String, String> drl, String origin, ClassLoader loader) {
        String rulesDigest = PolicyFiles.digest(new TreeMap<>(drl));
        Compiled last = LAST.get();
        if (last != null && last.rulesDigest().equals(rulesDigest) && last.loader() == loader) {
            return last.kieBase();
        }
        try {
            KieBase kieBase = compileNow(drl, origin, loader);
            LAST.set(new Compiled(rulesDigest, loader, kieBase));
            return kieBase;
        } catch (LinkageError e) {
            throw new PolicyBuildException("the rules at " + origin + " must be compiled at run time, which needs the "
                    + "rule compiler: add the dependency fr.inserm.aipolicy:policy-compiler (type pom) to the "
                    + "application (missing: " + e.getMessage() + ")", e);
        }
    }

    private static KieBase compileNow(Map<String, String> drl, String origin, ClassLoader loader) {
        KieServices services = KieServices.Factory.get();
        ReleaseId releaseId = services.newReleaseId("fr.inserm.aipolicy.runtime", "policy-" + BUILDS.incrementAndGet(),
                "1.0.0");
        compileToModule(drl, origin, loader, releaseId);
        try {
            KieContainer container = services.newKieContainer(releaseId, loader);
            return container.getKieBase();
        } finally {
            services.getRepository().removeKieModule(releaseId);
        }
    }

    static KieBuilder compileToModule(Map<String, String> drl, String origin, ClassLoader loader, ReleaseId releaseId) {
        KieServices services = KieServices.Factory.get();
        KieFileSystem kfs = services.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        // findings through a global list when every consequence is the authored insert (FindingsGlobal)
        FindingsGlobal.rewrite(drl).forEach((name, text) -> kfs.write("src/main/resources/" + PolicyFiles.FOLDER + name, text));
        KieBuilder builder = services.newKieBuilder(kfs, loader);
        try {
            builder.buildAll(ExecutableModelProject.class);
        } catch (RuntimeException | LinkageError e) {
            // the executable-model generator throws on some malformed constraints instead of reporting them
            throw new PolicyBuildException("the rules at " + origin + " do not compile: " + rootMessage(e), e);
        }
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new PolicyBuildException("the rules at " + origin + " do not compile:\n" + errors.stream()
                    .map(RuntimeCompiler::describe).collect(Collectors.joining("\n")));
        }
        return builder;
    }

    /** "file.drl line 12: message", with the build's own folder prefix taken off. */
    private static String describe(Message message) {
        String path = Objects.toString(message.getPath(), "?");
        int slash = path.lastIndexOf('/');
        String file = slash >= 0 ? path.substring(slash + 1) : path;
        return "  " + file + (message.getLine() > 0 ? " line " + message.getLine() : "") + ": "
                + message.getText().strip();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
