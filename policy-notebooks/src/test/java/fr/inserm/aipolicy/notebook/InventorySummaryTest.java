package fr.inserm.aipolicy.notebook;

import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InventorySummaryTest {

    private static Clause clause(String id) {
        return new Clause(id, "source", "section", "Title of " + id, "en", "text of " + id);
    }

    private static Decision decision(Verdict verdict, String... clauseIds) {
        List<Clause> citations = new ArrayList<>();
        for (String id : clauseIds) {
            citations.add(clause(id));
        }
        return new Decision(verdict, citations, List.of(), List.of(), List.of(), List.of(), "1", "sha256:0", List.of());
    }

    /** A usage policy 2.0 accepts for any hosting and purpose: public data named, a generative tool. */
    private static Usage usage(Hosting hosting, Purpose purpose) {
        return Usage.builder().tool("t").hosting(hosting).dataCategories(DataCategory.PUBLIC).purpose(purpose).build();
    }

    @Test
    void countsAHandMadeInventory() {
        InventorySummary s = new InventorySummary()
                .add(usage(Hosting.EXTERNAL, Purpose.WRITING), decision(Verdict.DENY, "R3", "R4.1"))
                .add(usage(Hosting.EXTERNAL, Purpose.WRITING), decision(Verdict.ALLOW, "R4.1"))
                .add(usage(Hosting.LOCAL, Purpose.WRITING), decision(Verdict.ALLOW, "CNIL-4"))
                .add(usage(Hosting.EXTERNAL_SOVEREIGN, Purpose.CODE_GENERATION), decision(Verdict.ESCALATE, "R4.1", "R1"))
                .addUnreadable();
        assertEquals(4, s.decided());
        assertEquals(1, s.unreadable());
        assertEquals(2, s.count(Verdict.ALLOW));
        assertEquals(1, s.count(Verdict.ESCALATE));
        assertEquals(1, s.count(Verdict.DENY));
        assertEquals(1, s.count(Purpose.WRITING, Verdict.DENY));
        assertEquals(2, s.count(Purpose.WRITING, Verdict.ALLOW));
        assertEquals(0, s.count(Purpose.TRANSLATION, Verdict.ALLOW));
        assertEquals(1, s.count(Hosting.EXTERNAL, Verdict.ALLOW));
        assertEquals(1, s.count(Hosting.LOCAL, Verdict.ALLOW));
        assertEquals(1, s.count(Hosting.EXTERNAL_SOVEREIGN, Verdict.ESCALATE));
        assertEquals("5 lines: 2 allowed, 1 to ask first, 1 not allowed, 1 unreadable", s.totalsLine());

        List<InventorySummary.ClauseCount> top = s.mostCitedClauses(2);
        assertEquals(2, top.size());
        assertEquals("R4.1", top.get(0).clause().id());
        assertEquals(3, top.get(0).total());
        assertEquals(1, top.get(0).counts().get(Verdict.DENY));
        assertEquals(1, top.get(0).counts().get(Verdict.ALLOW));
        assertEquals(1, top.get(0).counts().get(Verdict.ESCALATE));
        assertEquals("R3", top.get(1).clause().id(), "ties keep the order of first citation");

        String html = s.html();
        assertTrue(html.contains("<tr data-key=\"WRITING\"><td style=\"text-align:left\">writing</td><td>2</td><td>0</td><td>1</td><td>3</td><td>33.3</td>"), html);
        assertTrue(html.contains("<td style=\"text-align:left\"><b>all</b></td><td>2</td><td>1</td><td>1</td><td>4</td><td>25.0</td>"), html);
        assertTrue(html.contains("Title of R4.1"), html);
        assertTrue(html.contains("<svg"), html);
        String md = s.markdown();
        assertTrue(md.contains("| writing | 2 | 0 | 1 | 3 |"), md);
        assertTrue(md.contains("| external platform | 1 | 0 | 1 | 2 |"), md);
    }

    @Test
    void aFrenchSummaryCountsTheSameInFrenchWordsAndNumbers() {
        InventorySummary s = new InventorySummary(java.util.Locale.FRENCH)
                .add(usage(Hosting.EXTERNAL, Purpose.WRITING), decision(Verdict.DENY, "R3", "R4.1"))
                .add(usage(Hosting.EXTERNAL, Purpose.WRITING), decision(Verdict.ALLOW, "R4.1"))
                .add(usage(Hosting.LOCAL, Purpose.WRITING), decision(Verdict.ALLOW, "CNIL-4"))
                .addUnreadable();
        assertEquals("4 lignes\u00a0: 2 autorisées, 0 à demander d'abord, 1 interdites, 1 illisibles", s.totalsLine());
        String html = s.byPurposeHtml();
        assertTrue(html.contains("<tr data-key=\"WRITING\"><td style=\"text-align:left\">rédaction</td><td>2</td><td>0</td><td>1</td><td>3</td><td>33,3</td>"), html);
        assertTrue(html.contains("<b>Verdict par finalité</b>"), html);
        assertTrue(s.markdown().contains("| plateforme externe | 1 | 0 | 1 | 2 |"), s.markdown());
    }

    @Test
    void seededRandomInventoriesAddUp() {
        long seed = Long.getLong("aipolicy.seed", new Random().nextLong());
        try {
            Random random = new Random(seed);
            for (int round = 0; round < 50; round++) {
                InventorySummary s = new InventorySummary();
                long[][] byPurpose = new long[Purpose.values().length][Verdict.values().length];
                long[][] byHosting = new long[Hosting.values().length][Verdict.values().length];
                long[] clauseR1 = new long[Verdict.values().length];
                int n = random.nextInt(200);
                for (int i = 0; i < n; i++) {
                    Purpose p = Purpose.values()[random.nextInt(Purpose.values().length)];
                    Hosting h = Hosting.values()[random.nextInt(Hosting.values().length)];
                    Verdict v = Verdict.values()[random.nextInt(Verdict.values().length)];
                    boolean citesR1 = random.nextBoolean();
                    s.add(usage(h, p), citesR1 ? decision(v, "R1", "R2") : decision(v, "R2"));
                    byPurpose[p.ordinal()][v.ordinal()]++;
                    byHosting[h.ordinal()][v.ordinal()]++;
                    if (citesR1) {
                        clauseR1[v.ordinal()]++;
                    }
                }
                assertEquals(n, s.decided());
                for (Verdict v : Verdict.values()) {
                    long total = 0;
                    for (Purpose p : Purpose.values()) {
                        assertEquals(byPurpose[p.ordinal()][v.ordinal()], s.count(p, v));
                        total += s.count(p, v);
                    }
                    for (Hosting h : Hosting.values()) {
                        assertEquals(byHosting[h.ordinal()][v.ordinal()], s.count(h, v));
                    }
                    assertEquals(total, s.count(v));
                }
                if (n > 0) {
                    List<InventorySummary.ClauseCount> top = s.mostCitedClauses(5);
                    // R2 is cited by every decision, so it has the top total (R1 ties with it when every
                    // decision also cited R1, and ties keep the order first seen)
                    assertEquals(n, top.get(0).total());
                    assertTrue(top.stream().anyMatch(c -> c.clause().id().equals("R2") && c.total() == n));
                    for (InventorySummary.ClauseCount c : top) {
                        if (c.clause().id().equals("R1")) {
                            for (Verdict v : Verdict.values()) {
                                assertEquals(clauseR1[v.ordinal()], c.counts().getOrDefault(v, 0L));
                            }
                        }
                    }
                }
            }
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        }
    }
}
