package example;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts, decides once, prints the decision, the health and the metrics when Actuator is there, and exits. */
@SpringBootApplication
public class App {
    public static void main(String[] args) throws Exception {
        try (ConfigurableApplicationContext context = SpringApplication.run(App.class, args)) {
            PolicyEngine engine = context.getBean(PolicyEngine.class);
            System.out.println("verdict " + engine.evaluate(Usage.builder().tool("ChatGPT").hosting(Hosting.EXTERNAL)
                    .purpose(Purpose.WRITING).dataCategories(DataCategory.IDENTIFIABLE_HEALTH_DATA).build()).verdict());
            if (context.containsBean("aipolicyHealthIndicator")) {
                // through Actuator's and Micrometer's interfaces: this class compiles without them too
                Object health = Class.forName("org.springframework.boot.health.contributor.HealthIndicator")
                        .getMethod("health").invoke(context.getBean("aipolicyHealthIndicator"));
                System.out.println("health " + health);
                Class<?> registryType = Class.forName("io.micrometer.core.instrument.MeterRegistry");
                Object registry = context.getBean(registryType);
                Thread.sleep(500); // the meters count on the listener's thread
                Object search = registryType.getMethod("find", String.class).invoke(registry, "aipolicy.decisions");
                Object counter = Class.forName("io.micrometer.core.instrument.search.Search").getMethod("counter")
                        .invoke(search);
                System.out.println("metrics aipolicy.decisions "
                        + (counter == null ? "none"
                        : Class.forName("io.micrometer.core.instrument.Counter").getMethod("count").invoke(counter)));
            } else {
                System.out.println("no actuator");
            }
        }
    }
}
