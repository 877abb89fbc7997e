package fr.inserm.aipolicy.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;

/**
 * Prints, for one fresh JVM, how long Drools alone takes to make the bundled rules' kie base from the
 * model compiled at build time, and how many classes that loads: the part of an engine's build that
 * is Drools' own (the rest reads the policy's files). {@code policy-bench/startup.sh} runs it beside
 * {@link StartupProbe}, on the same class path.
 */
public final class KieBaseProbe {
    private KieBaseProbe() {
    }

    /**
     * Makes the kie base once.
     *
     * @param args ignored
     * @throws IOException when the model's index cannot be read
     * @throws ReflectiveOperationException when a model class cannot be made
     */
    public static void main(String[] args) throws IOException, ReflectiveOperationException {
        var classes = ManagementFactory.getClassLoadingMXBean();
        long t0 = System.nanoTime();
        int before = classes.getLoadedClassCount();
        Properties index = new Properties();
        ClassLoader loader = KieBaseProbe.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream("fr/inserm/aipolicy/rules/precompiled/model.properties")) {
            if (in == null) {
                throw new IOException("no precompiled model on the class path");
            }
            index.load(in);
        }
        List<Model> models = new ArrayList<>();
        for (String name : index.getProperty("models").split(",")) {
            models.add((Model) Class.forName(name.strip(), true, loader).getDeclaredConstructor().newInstance());
        }
        int rules = KieBaseBuilder.createKieBaseFromModel(models).getKiePackages().stream()
                .mapToInt(p -> p.getRules().size()).sum();
        long t1 = System.nanoTime();
        System.out.printf("build %d ms, %d classes loaded, %d rules%n", (t1 - t0) / 1_000_000,
                classes.getLoadedClassCount() - before, rules);
    }
}
