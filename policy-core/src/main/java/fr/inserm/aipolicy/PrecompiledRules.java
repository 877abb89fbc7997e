package fr.inserm.aipolicy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.ReleaseId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules compiled when the library is built rather than when an engine is built: Drools'
 * executable model, generated and compiled by {@link PolicyPrecompiler} during the Maven build of
 * {@code policy-rules}, then loaded directly at run time (no DRL parsing, no Java compilation).
 *
 * <p>The index ({@value #INDEX}) records the digest of the DRL files the model was compiled from;
 * the model is used only when that digest is the digest of the DRL files on the class path, so a
 * model can never decide for rules other than its own. Anything amiss falls back to compiling the
 * DRL at run time, which decides the same, only slower to start.
 */
final class PrecompiledRules {
    static final String INDEX = PolicyFiles.FOLDER + "precompiled/model.properties";
    private static final Logger LOG = LoggerFactory.getLogger(PrecompiledRules.class);
    private static final String MODEL_LIST_HEADER = "Drools-Model-Version:";

    private PrecompiledRules() {
    }

    /** The build-time model of these rules, or empty when there is none for exactly these rules. */
    static Optional<KieBase> load(PolicyFiles files, ClassLoader loader) {
        Properties index = new Properties();
        try (InputStream in = loader.getResourceAsStream(INDEX)) {
            if (in == null) {
                return Optional.empty();
            }
            index.load(in);
        } catch (IOException e) {
            LOG.warn("cannot read {}; compiling the rules at run time: {}", INDEX, e.toString());
            return Optional.empty();
        }
        if (!files.rulesDigest().equals(index.getProperty("rulesDigest"))) {
            LOG.warn("{} was compiled from other rules than those at {}; compiling the rules at run time", INDEX,
                    files.origin());
            return Optional.empty();
        }
        try {
            List<Model> models = new ArrayList<>();
            for (String name : index.getProperty("models", "").split(",")) {
                if (!name.isBlank()) {
                    models.add((Model) Class.forName(name.strip(), true, loader).getDeclaredConstructor().newInstance());
                }
            }
            if (models.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(KieBaseBuilder.createKieBaseFromModel(models));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.warn("cannot load the rules compiled at build time; compiling them at run time: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Compiles the rules and writes the model's classes and the index under a class folder. */
    static List<String> write(PolicyFiles files, Path classes, ClassLoader loader) {
        ReleaseId releaseId = KieServices.Factory.get().newReleaseId("fr.inserm.aipolicy", "policy-rules-model", "1");
        InternalKieModule module = (InternalKieModule) RuntimeCompiler
                .compileToModule(files.rules(), files.origin(), loader, releaseId).getKieModule();
        try {
            String list = new String(module.getBytes("META-INF/kie/fr.inserm.aipolicy/policy-rules-model/drools-model"),
                    StandardCharsets.UTF_8);
            List<String> models = Arrays.stream(list.split("\\R")).map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith(MODEL_LIST_HEADER)).toList();
            List<String> written = new ArrayList<>();
            for (String name : module.getFileNames()) {
                if (name.endsWith(".class") && name.startsWith(PolicyFiles.FOLDER)) {
                    Path target = classes.resolve(name);
                    Files.createDirectories(target.getParent());
                    Files.write(target, module.getBytes(name));
                    written.add(name);
                }
            }
            Properties index = new Properties();
            index.setProperty("rulesDigest", files.rulesDigest());
            index.setProperty("models", String.join(",", models));
            Path indexFile = classes.resolve(INDEX);
            Files.createDirectories(indexFile.getParent());
            try (Writer out = Files.newBufferedWriter(indexFile, StandardCharsets.UTF_8)) {
                index.store(out, "Drools executable model of the DRL files, compiled by PolicyPrecompiler");
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
