package fr.inserm.aipolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingsGlobalTest {
    private static final String AUTHORED = """
            package fr.inserm.aipolicy.rules;

            import fr.inserm.aipolicy.facts.UsageFacts;
            import fr.inserm.aipolicy.facts.Finding;

            rule "P2 local or internal system"
                @id("P2") @effect("ALLOW") @clauses("R0.1")
            when
                UsageFacts( !external )
            then
                insert(new Finding(drools.getRule().getName()));
            end

            rule "A4 an internal or local system"
                @id("A4") @effect("ADVICE") @item("PREFER_INTERNAL_SYSTEM") @clauses("CNIL-4")
            when
                UsageFacts( external )
            then
                insert(new Finding(drools.getRule().getName()));
            end
            """;

    @Test
    void everyAuthoredConsequenceRecordsItsOwnRuleInTheGlobalList() {
        String rewritten = FindingsGlobal.rewrite(Map.of("a.drl", AUTHORED)).get("a.drl");
        assertTrue(rewritten.startsWith("package fr.inserm.aipolicy.rules; global java.util.List findings;\n"), rewritten);
        assertTrue(rewritten.contains("then\n    findings.add(\"P2 local or internal system\");\nend"), rewritten);
        assertTrue(rewritten.contains("then\n    findings.add(\"A4 an internal or local system\");\nend"), rewritten);
        assertEquals(AUTHORED.lines().count(), rewritten.lines().count(), "a compile error names the authored line");
    }

    @Test
    void bindingsAndOtherTextAreCopiedAsWritten() {
        String authored = AUTHORED.replace("UsageFacts( external )", "$usage : UsageFacts( external, hosting != \"a\\\\b\" )");
        String rewritten = FindingsGlobal.rewrite(Map.of("a.drl", authored)).get("a.drl");
        assertTrue(rewritten.contains("    $usage : UsageFacts( external, hosting != \"a\\\\b\" )\nthen\n"
                + "    findings.add(\"A4 an internal or local system\");"), rewritten);
    }

    @Test
    void anyOtherConsequenceLeavesThePolicyAsWritten() {
        Map<String, String> drl = Map.of("a.drl", AUTHORED, "b.drl", AUTHORED.replace(
                "rule \"A4 an internal or local system\"", "rule \"L1 loops\"").replace(
                "insert(new Finding(drools.getRule().getName()));\nend\n",
                "insert(new Finding(drools.getRule().getName()));\n    update(drools.getRule());\nend\n"));
        assertSame(drl, FindingsGlobal.rewrite(drl), "one file the reading does not understand: no rewrite at all");
    }
}
