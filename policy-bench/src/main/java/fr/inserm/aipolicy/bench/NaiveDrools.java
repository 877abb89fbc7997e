package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.usage.Tool;
import fr.inserm.aipolicy.usage.Usage;
import fr.inserm.aipolicy.facts.Finding;
import fr.inserm.aipolicy.facts.UsageFacts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.KieBase;
import org.kie.api.command.Command;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.ExecutionResults;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.internal.command.CommandFactory;
import org.kie.internal.utils.KieHelper;

/**
 * The baseline: the same DRL files compiled at run time by {@link KieHelper} (no executable model)
 * and run in a new stateless session per decision, as a first Drools integration would do. The
 * rules that applied come back from the session's findings; the usage goes in as the engine's
 * {@code UsageFacts}; verdict, citations, assumptions and contacts combine as in the engine
 * ({@link RuleTable#combine(long, boolean)}).
 */
public final class NaiveDrools {
    private final KieBase kieBase;
    private final RuleTable table;
    private final HostingConfirmation confirmation;
    private final Map<String, Integer> indexByRuleName = new HashMap<>();

    /**
     * Compiles the DRL files of the bundled policy, found on the class path.
     *
     * @param reference the reference whose rule table and catalogue look-ups this baseline shares
     */
    public NaiveDrools(ReferencePolicy reference) {
        table = reference.table();
        confirmation = reference.confirmation();
        Set<String> files = drlFiles();
        KieHelper helper = new KieHelper();
        for (String file : files) {
            helper.addContent(read("fr/inserm/aipolicy/rules/" + file), "fr/inserm/aipolicy/rules/" + file);
        }
        kieBase = helper.build();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                Object id = rule.getMetaData().get("id");
                int index = table.bit(String.valueOf(id));
                if (index < 0) {
                    throw new IllegalStateException("rule " + rule.getName() + " is not in the reference table");
                }
                indexByRuleName.put(rule.getName(), index);
            }
        }
    }

    /** The names of the .drl files next to the bundled policy.properties (a folder or a jar). */
    static Set<String> drlFiles() {
        Set<String> files = new java.util.TreeSet<>();
        try {
            java.net.URI marker = NaiveDrools.class.getClassLoader().getResource("fr/inserm/aipolicy/rules/policy.properties")
                    .toURI();
            java.nio.file.Path folder;
            if ("jar".equals(marker.getScheme())) {
                java.nio.file.FileSystem fs;
                try {
                    fs = java.nio.file.FileSystems.getFileSystem(marker);
                } catch (java.nio.file.FileSystemNotFoundException e) {
                    fs = java.nio.file.FileSystems.newFileSystem(marker, Map.of());
                }
                folder = fs.getPath("/fr/inserm/aipolicy/rules/");
            } else {
                folder = java.nio.file.Path.of(marker).getParent();
            }
            try (var list = java.nio.file.Files.list(folder)) {
                list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".drl")).forEach(files::add);
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot list the bundled rules: " + e, e);
        }
        return files;
    }

    static String read(String resource) {
        try (InputStream in = NaiveDrools.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decides a usage in a new stateless session.
     *
     * @param usage the usage
     * @param strict whether the decision is strict
     * @return the result
     */
    public RuleTable.Result decide(Usage usage, boolean strict) {
        return table.combine(applied(usage), strict);
    }

    /**
     * The rules that apply to a usage, in a new stateless session.
     *
     * @param usage the usage
     * @return the applied-rule mask, in the table's bits
     */
    long applied(Usage usage) {
        Tool tool = usage.tool();
        UsageFacts facts = UsageFacts.of(usage.hosting(), usage.purpose(), usage.dataCategories(), tool.generative(),
                tool.parametersBillions(), confirmation.confirms(tool.name(), usage.hosting()), usage.context());
        StatelessKieSession session = kieBase.newStatelessKieSession();
        List<Command<?>> commands = List.of(CommandFactory.newInsert(facts), CommandFactory.newFireAllRules(),
                CommandFactory.newGetObjects(o -> o instanceof Finding, "findings"));
        ExecutionResults results = session.execute(CommandFactory.newBatchExecution(commands));
        long applied = 0;
        for (Object finding : (Collection<?>) results.getValue("findings")) {
            applied |= 1L << indexByRuleName.get(((Finding) finding).rule());
        }
        return applied;
    }
}
