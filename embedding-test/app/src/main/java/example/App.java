package example;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;

/** Decides one use with the bundled policy, strictly, and maps a bad request as an HTTP application would. */
public final class App {
    public static void main(String[] args) {
        PolicyEngine engine = PolicyEngine.builder().build();
        Decision decision = engine.evaluate(Usage.builder().tool("ChatGPT").hosting(Hosting.EXTERNAL)
                .dataCategories(DataCategory.UNPUBLISHED_RESEARCH).purpose(Purpose.WRITING).build());
        System.out.println("verdict " + decision.verdict() + " " + decision.citedClauseIds());
        Decision strict = engine.evaluate(Usage.builder().tool("a local model").hosting(Hosting.LOCAL)
                .dataCategories(DataCategory.PSEUDONYMISED_DATA).purpose(Purpose.WRITING).build(), true);
        System.out.println("strict " + strict.verdict() + " " + strict.assumedFields());
        try {
            PolicyJson.readUsage("{\"tool\": {\"name\": \"t\"}, \"hosting\": \"CLOUD\", \"dataCategories\": [], \"purpose\": \"WRITING\"}");
        } catch (InvalidUsageException e) {
            System.out.println("400 " + e.field() + " " + e.acceptedValues());
        }
        System.out.println("policy " + engine.policyVersion());
    }
}
