package fr.inserm.aipolicy.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.event.Channel;
import fr.inserm.aipolicy.event.DecisionEvent;
import fr.inserm.aipolicy.event.DecisionEvents;
import fr.inserm.aipolicy.event.DecisionLog;
import fr.inserm.aipolicy.testing.DecisionLogRecords;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A notebook's engine built with {@code channel(Channel.NOTEBOOK)}: one record per decision its helpers make. */
class NotebookDecisionLogTest {

    @Test
    void anAuditAndACardRecordOneDecisionEach() {
        List<DecisionEvent> seen = Collections.synchronizedList(new ArrayList<>());
        DecisionEvents events = DecisionEvents.to(seen::add);
        PolicyEngine engine = PolicyEngine.builder().events(events).channel(Channel.NOTEBOOK).build();
        List<InventoryEntry> entries = InventoryAudit.parse(SyntheticInventory.lines(24L, 200));
        InventoryAudit audit = InventoryAudit.run(engine, entries);
        DecisionCard.decide(engine, Usage.builder().tool("ChatGPT").hosting(Hosting.EXTERNAL).purpose(Purpose.WRITING)
                .dataCategories(DataCategory.PUBLIC).build(), Locale.FRENCH);
        assertTrue(events.flush(Duration.ofSeconds(10)));
        long decided = audit.results().stream().filter(r -> r.decision() != null).count() + 1;
        assertEquals(decided, seen.size(), "one record per decision, the card's alternatives not counted");
        DecisionLog log = DecisionLog.builder().build();
        for (DecisionEvent event : seen) {
            assertEquals("NOTEBOOK", DecisionLogRecords.check(log.json(event)).get("channel").asText());
        }
        events.close();
    }
}
