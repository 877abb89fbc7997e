package fr.inserm.aipolicy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.event.Channel;
import fr.inserm.aipolicy.event.DecisionEvent;
import fr.inserm.aipolicy.event.DecisionEvents;
import fr.inserm.aipolicy.event.DecisionId;
import fr.inserm.aipolicy.event.DecisionLog;
import fr.inserm.aipolicy.event.DecisionOrigin;
import fr.inserm.aipolicy.report.EvaluationRequest;
import fr.inserm.aipolicy.report.PolicyReports;
import fr.inserm.aipolicy.testing.DecisionLogRecords;
import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Decision events: one per decision asked (none for the variants the alternatives try), in the log's
 * documented shape, and a listener that throws or blocks changes no answer and delays none beyond the
 * hand-over to a bounded queue.
 */
class DecisionEventsTest {
    private static final PolicyEngine PLAIN = PolicyEngine.builder().build();
    private static final CountDownLatch NEVER = new CountDownLatch(1);

    @AfterAll
    static void release() {
        NEVER.countDown();
    }

    /** Usages over every hosting, purpose, data category and a few contexts, from a printed seed. */
    private static List<Usage> usages(long seed, int count) {
        System.out.println("DecisionEventsTest seed " + seed);
        Random random = new Random(seed);
        Hosting[] hostings = Hosting.values();
        Purpose[] purposes = Purpose.values();
        DataCategory[] categories = DataCategory.values();
        List<Usage> usages = new ArrayList<>();
        while (usages.size() < count) {
            try {
                usages.add(Usage.builder().tool(random.nextBoolean() ? "ChatGPT" : "tool \"" + random.nextInt(50) + "\"\n")
                        .hosting(random.nextBoolean() ? Hosting.EXTERNAL : hostings[random.nextInt(hostings.length)])
                        .purpose(purposes[random.nextInt(purposes.length)])
                        .dataCategories(categories[random.nextInt(categories.length)])
                        .context(random.nextBoolean() ? Context.NOT_STATED
                                : Context.builder().userTrained(random.nextBoolean()).dpiaCompleted(true).build())
                        .build());
            } catch (RuntimeException e) {
                // a combination the usage refuses (ChatGPT declared LOCAL is refused later, by the engine)
            }
        }
        return usages;
    }

    private static Decision decide(PolicyEngine engine, Usage usage, boolean strict) {
        try {
            return engine.evaluate(usage, strict);
        } catch (RuntimeException e) {
            return null; // the catalogue refuses it: no decision, no event
        }
    }

    @Test
    void oneEventPerDecisionInTheLogsShape() {
        List<DecisionEvent> seen = Collections.synchronizedList(new ArrayList<>());
        DecisionEvents events = DecisionEvents.to(seen::add);
        PolicyEngine engine = PolicyEngine.builder().events(events).build();
        List<Usage> usages = usages(24L, 400);
        List<Decision> answers = new ArrayList<>();
        for (int i = 0; i < usages.size(); i++) {
            Decision decision = decide(engine, usages.get(i), i % 3 == 0);
            assertEquals(decide(PLAIN, usages.get(i), i % 3 == 0), decision, "the same answer with a listener");
            if (decision != null) {
                answers.add(decision);
            }
        }
        // a report with alternatives decides many variants: one event all the same
        Usage denied = Usage.builder().tool("ChatGPT").hosting(Hosting.EXTERNAL).purpose(Purpose.WRITING)
                .dataCategories(DataCategory.IDENTIFIABLE_HEALTH_DATA).build();
        DecisionOrigin origin = DecisionOrigin.of(Channel.HTTP, "jdupont");
        answers.add(PolicyReports.of(engine.askedBy(origin)).report(EvaluationRequest.of(denied).withAlternatives(true))
                .decision());
        assertTrue(events.flush(Duration.ofSeconds(10)));
        assertEquals(answers.size(), seen.size(), "one event per decision");
        assertEquals(0, events.dropped());

        DecisionLog log = DecisionLog.builder().build();
        String previous = "";
        for (int i = 0; i < seen.size(); i++) {
            DecisionEvent event = seen.get(i);
            assertEquals(answers.get(i).verdict(), event.verdict());
            assertTrue(event.id().compareTo(previous) > 0, "ids increase: " + previous + " then " + event.id());
            previous = event.id();
            JsonNode record = DecisionLogRecords.check(log.json(event));
            assertEquals(event.id(), record.get("id").asText());
            assertEquals(event.usage().tool().name(), record.get("tool").asText(), "the name, escaped and read back");
            assertEquals(event.rules().size(), record.get("rules").size());
            assertFalse(record.has("requester"), "no requester unless the log is told to write it");
        }
        DecisionEvent last = seen.get(seen.size() - 1);
        assertEquals(origin.decisionId(), last.id());
        assertEquals(Channel.HTTP, last.channel());
        assertEquals("jdupont", last.requester());
        assertEquals(Channel.JAVA, seen.get(0).channel());
        assertEquals("jdupont", DecisionLogRecords.check(DecisionLog.builder().withRequester().build().json(last))
                .get("requester").asText());
        events.close();
    }

    @Test
    void maskedToolNamesLeaveOnlyCataloguedNames() {
        DecisionLog masked = DecisionLog.builder().maskToolNames().keepCatalogued(PLAIN.tools()).build();
        DecisionLog keyed = DecisionLog.builder().maskToolNames().maskKey(new byte[32]).build();
        Usage typed = Usage.builder().tool("summary of Mrs Martin's file").hosting(Hosting.EXTERNAL)
                .purpose(Purpose.WRITING).dataCategories(DataCategory.IDENTIFIABLE_HEALTH_DATA).build();
        Usage known = typed.toBuilder().tool("ChatGPT").build();
        DecisionEvent ofTyped = new DecisionEvent(DecisionId.next(), Instant.now(), Channel.JAVA, null, typed,
                PLAIN.evaluate(typed), 1);
        DecisionEvent ofKnown = new DecisionEvent(DecisionId.next(), Instant.now(), Channel.JAVA, null, known,
                PLAIN.evaluate(known), 1);
        assertEquals("masked", DecisionLogRecords.check(masked.json(ofTyped)).get("tool").asText());
        assertEquals("ChatGPT", DecisionLogRecords.check(masked.json(ofKnown)).get("tool").asText());
        String hashed = DecisionLogRecords.check(keyed.json(ofTyped)).get("tool").asText();
        assertTrue(hashed.matches("hmac:[0-9a-f]{16}"), hashed);
        assertFalse(keyed.json(ofTyped).contains("Martin"));
    }

    @Test
    void aListenerThatThrowsChangesNoAnswer() {
        DecisionEvents events = DecisionEvents.to(e -> {
            throw new IllegalStateException("disk full");
        });
        PolicyEngine engine = PolicyEngine.builder().events(events).build();
        int decided = 0;
        for (Usage usage : usages(7L, 300)) {
            Decision decision = decide(engine, usage, false);
            assertEquals(decide(PLAIN, usage, false), decision);
            decided += decision == null ? 0 : 1;
        }
        assertTrue(events.flush(Duration.ofSeconds(10)));
        assertEquals(decided, events.failures(), "every failure counted");
        events.close();
    }

    @Test
    void aListenerThatBlocksDelaysNoDecisionAndItsDropsAreCounted() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        DecisionEvents events = DecisionEvents.to(16, List.of(e -> {
            started.countDown();
            try {
                NEVER.await(); // blocks until the class is done
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }));
        PolicyEngine engine = PolicyEngine.builder().events(events).build();
        List<Usage> usages = usages(11L, 200);
        decide(engine, usages.get(0), false);
        assertTrue(started.await(10, java.util.concurrent.TimeUnit.SECONDS));
        int rounds = 500;
        long worst = 0;
        int decided = 1;
        long start = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            for (Usage usage : usages) {
                long t = System.nanoTime();
                Decision decision = decide(engine, usage, false);
                worst = Math.max(worst, System.nanoTime() - t);
                if (round == 0) {
                    assertEquals(decide(PLAIN, usage, false), decision, "the same answer while the listener blocks");
                }
                decided += decision == null ? 0 : 1;
            }
        }
        long perDecision = (System.nanoTime() - start) / (rounds * usages.size());
        System.out.printf("blocked listener: %d decisions, %d ns per decision, worst %d µs, %d dropped%n", decided,
                perDecision, worst / 1000, events.dropped());
        assertEquals(decided - 1 - 16, events.dropped(), "all but the one delivered and the 16 queued are dropped");
        // the bound: handing over never waits for the listener; a generous ceiling for a shared machine
        assertTrue(perDecision < 200_000, "a decision took " + perDecision + " ns on average");
    }

    @Test
    void idsAreVersion7TimeOrderedAndUnique() {
        long before = System.currentTimeMillis();
        String previous = DecisionId.next();
        for (int i = 0; i < 100_000; i++) {
            String id = DecisionId.next();
            assertTrue(id.compareTo(previous) > 0, previous + " then " + id);
            previous = id;
        }
        UUID uuid = UUID.fromString(previous);
        assertEquals(7, uuid.version());
        assertEquals(2, uuid.variant());
        long at = DecisionId.timeOf(previous).toEpochMilli();
        assertTrue(at >= before && at <= System.currentTimeMillis() + 1000, "time " + at);
        assertNotEquals(DecisionId.next(), DecisionId.next());
    }
}
