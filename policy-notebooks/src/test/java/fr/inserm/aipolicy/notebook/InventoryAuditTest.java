package fr.inserm.aipolicy.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.Hosting;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryAuditTest {

    private static final String BARE = "{\"tool\":{\"name\":\"ChatGPT\"},\"hosting\":\"EXTERNAL\","
            + "\"dataCategories\":[\"UNPUBLISHED_RESEARCH\"],\"purpose\":\"WRITING\"}";
    private static final String WRAPPED = "{\"id\":\"SYN-7\",\"synthetic\":true,\"declaredBy\":\"Unit <S1>\","
            + "\"usage\":{\"tool\":{\"name\":\"Llama <local>\"},\"hosting\":\"LOCAL\",\"dataCategories\":[],"
            + "\"purpose\":\"SUMMARISATION\",\"context\":{\"userTrained\":true}}}";
    private static final String BAD_HOSTING = "{\"id\":\"SYN-8\",\"usage\":{\"tool\":{\"name\":\"x\"},"
            + "\"hosting\":\"CLOUD\",\"dataCategories\":[],\"purpose\":\"WRITING\"}}";

    @Test
    void readsBareAndWrappedLinesAndKeepsUnreadableOnes() {
        List<InventoryEntry> entries = InventoryAudit.parse(List.of(BARE, "", WRAPPED, "{not json", BAD_HOSTING, "[1]"));
        assertEquals(5, entries.size(), "the blank line is skipped");
        InventoryEntry bare = entries.get(0);
        assertEquals("line 1", bare.id());
        assertFalse(bare.synthetic());
        assertEquals(Hosting.EXTERNAL, bare.usage().hosting());

        InventoryEntry wrapped = entries.get(1);
        assertEquals(3, wrapped.line(), "line numbers count blank lines");
        assertEquals("SYN-7", wrapped.id());
        assertTrue(wrapped.synthetic());
        assertEquals("Unit <S1>", wrapped.declaredBy());
        assertEquals("Llama <local>", wrapped.usage().tool().name());

        assertFalse(entries.get(2).readable());
        assertTrue(entries.get(2).error().startsWith("malformed JSON"), entries.get(2).error());
        assertFalse(entries.get(3).readable());
        assertEquals("SYN-8", entries.get(3).id());
        assertTrue(entries.get(3).error().contains("hosting"), entries.get(3).error());
        assertFalse(entries.get(4).readable());
    }

    @Test
    void decidesReadableLinesOnlyAndSummarises() {
        PolicyEngine engine = PolicyEngine.builder().build();
        InventoryAudit audit = InventoryAudit.run(engine, InventoryAudit.parse(List.of(BARE, WRAPPED, BAD_HOSTING)));
        assertEquals(3, audit.results().size());
        assertEquals(Verdict.DENY, audit.results().get(0).decision().verdict());
        assertNotNull(audit.results().get(1).decision());
        assertNull(audit.results().get(2).decision());
        assertEquals(1, audit.unreadable().size());

        InventorySummary summary = audit.summary();
        assertEquals(2, summary.decided());
        assertEquals(1, summary.unreadable());
        assertEquals(1, summary.count(Verdict.DENY));
        assertEquals(audit.results().get(1).decision().verdict() == Verdict.ALLOW ? 1 : 0, summary.count(Verdict.ALLOW));

        String examples = audit.examplesHtml(Verdict.DENY, 5);
        assertTrue(examples.contains("1 of 1 decisions: Not allowed"), examples);
        assertTrue(examples.contains("D1"), examples);
        String allowed = audit.examplesHtml(audit.results().get(1).decision().verdict(), 5);
        assertTrue(allowed.contains("Llama &lt;local&gt;"), allowed);
        assertFalse(allowed.contains("<local>"), allowed);
    }
}
