package fr.inserm.aipolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tool catalogue's reading and name matching, on a small catalogue written here. */
class ToolCatalogueTest {
    static final String JSON = """
            {"version": "t1", "tools": [
              {"id": "chat", "name": "ChatThing", "kind": "service", "aliases": ["ChatThing"],
               "hostings": ["EXTERNAL"], "hosting": "EXTERNAL", "generative": true, "footprintModel": "Big"},
              {"id": "tiny", "name": "Tiny-1B", "kind": "model", "aliases": ["Tiny 1B"],
               "hostings": ["LOCAL", "INTERNAL", "EXTERNAL"], "generative": true, "parametersBillions": 1.2},
              {"id": "tinyfamily", "name": "Tiny", "kind": "model", "aliases": ["Tiny"],
               "hostings": ["LOCAL", "INTERNAL", "EXTERNAL"]},
              {"id": "bert", "name": "Bert", "kind": "model", "aliases": ["Bert"],
               "hostings": ["LOCAL", "INTERNAL"], "generative": false, "parametersBillions": 0.11},
              {"id": "runner", "name": "Runner", "kind": "runner", "aliases": ["Runner"],
               "hostings": ["LOCAL", "INTERNAL", "EXTERNAL"], "hosting": "LOCAL"}
            ],
            "footprint": {"clause": "R2", "models": [
              {"model": "Big", "energyMilliwattHours": 400, "co2MilligramsEq": 180, "waterMillilitres": 1.9},
              {"model": "Small", "energyMilliwattHours": 140, "co2MilligramsEq": 8, "waterMillilitres": 1}],
             "smallerModels": ["bert", "tiny"]}}
            """;
    static final ToolCatalogue TOOLS = ToolCatalogue.parse(JSON, "test");

    @Test
    void matchesWholeWordsIgnoringCasePunctuationAndDigitBoundaries() {
        assertEquals(List.of("tiny", "3", "2", "1", "b", "via", "runner"), ToolCatalogue.tokens("Tiny3.2-1B via Runner"));
        assertEquals("chat", TOOLS.find("chatthing plus").orElseThrow().id());
        assertEquals("tiny", TOOLS.find("TINY-1b").orElseThrow().id());
        assertEquals("tinyfamily", TOOLS.find("Tiny 3B").orElseThrow().id(), "the longest matching alias wins");
        assertTrue(TOOLS.find("ChatThingy").isEmpty(), "no match inside a word");
        assertTrue(TOOLS.find("something else").isEmpty());
    }

    @Test
    void aRunnerNamedBesideAModelGivesItsHosting() {
        KnownTool viaRunner = TOOLS.find("Tiny-1B via Runner").orElseThrow();
        assertEquals("tiny", viaRunner.id());
        assertEquals(Hosting.LOCAL, viaRunner.hosting());
        assertEquals(1.2, viaRunner.parametersBillions());
        assertNull(TOOLS.find("Tiny-1B").orElseThrow().hosting(), "a model alone runs in several places");
        assertEquals("runner", TOOLS.find("some model via Runner").orElseThrow().id());
    }

    @Test
    void refusesAHostingTheCatalogueContradicts() {
        for (KnownTool tool : TOOLS.tools()) {
            for (Hosting hosting : Hosting.values()) {
                Usage usage = Usage.builder().tool(tool.name()).hosting(hosting).purpose(Purpose.WRITING).build();
                Set<Hosting> allowed = TOOLS.find(tool.name()).orElseThrow().hostings();
                if (allowed.contains(hosting)) {
                    assertEquals(usage, TOOLS.check(usage));
                } else {
                    InvalidUsageException e = assertThrows(InvalidUsageException.class, () -> TOOLS.check(usage),
                            tool.id() + " " + hosting);
                    assertEquals("hosting", e.field());
                    assertTrue(e.getMessage().contains(tool.name()), e.getMessage());
                }
            }
        }
        InvalidUsageException e = assertThrows(InvalidUsageException.class, () -> TOOLS.check(Usage.builder()
                .tool("ChatThing").hosting(Hosting.LOCAL).purpose(Purpose.WRITING).build()));
        assertTrue(e.getMessage().contains("exists only as an external service"), e.getMessage());
    }

    @Test
    void startsAUsageFromTheCatalogue() {
        Usage usage = TOOLS.usage("ChatThing").dataCategories(DataCategory.PUBLIC).purpose(Purpose.TRANSLATION).build();
        assertEquals(Hosting.EXTERNAL, usage.hosting());
        Usage bert = TOOLS.usage("Bert").hosting(Hosting.LOCAL).dataCategories(DataCategory.PUBLIC).purpose(Purpose.DATA_ANALYSIS).build();
        assertFalse(bert.tool().generative());
        assertEquals(0.11, bert.tool().parametersBillions());
        assertEquals("tool.name", assertThrows(InvalidUsageException.class, () -> TOOLS.usage("Unknown")).field());
        assertEquals("hosting", assertThrows(InvalidUsageException.class,
                () -> TOOLS.usage("Bert").purpose(Purpose.WRITING).build()).field());
    }

    @Test
    void readsTheFootprintTable() {
        assertEquals("R2", TOOLS.footprintClause());
        assertEquals(List.of("Big", "Small"), TOOLS.footprints().stream().map(ModelFootprint::model).toList());
        assertEquals(List.of("bert", "tiny"), TOOLS.smallerModels().stream().map(KnownTool::id).toList());
    }

    @Test
    void refusesAMalformedCatalogue() {
        String duplicateAlias = JSON.replace("\"aliases\": [\"Bert\"]", "\"aliases\": [\"chat-thing\", \"Bert\"]")
                .replace("\"aliases\": [\"ChatThing\"]", "\"aliases\": [\"Chat Thing\"]");
        assertTrue(assertThrows(PolicyBuildException.class, () -> ToolCatalogue.parse(duplicateAlias, "t"))
                .getMessage().contains("also names"));
        assertThrows(PolicyBuildException.class, () -> ToolCatalogue.parse(JSON.replace("\"kind\": \"runner\"",
                "\"kind\": \"robot\""), "t"));
        assertThrows(PolicyBuildException.class, () -> ToolCatalogue.parse(JSON.replace("\"hosting\": \"LOCAL\"",
                "\"hosting\": \"EXTERNAL_SOVEREIGN\""), "t"), "a default hosting outside the hostings");
        assertThrows(PolicyBuildException.class, () -> ToolCatalogue.parse(JSON.replace("\"footprintModel\": \"Big\"",
                "\"footprintModel\": \"Huge\""), "t"));
        assertThrows(PolicyBuildException.class, () -> ToolCatalogue.parse(JSON.replace("\"generative\": false,",
                "\"generative\": false, \"colour\": \"red\","), "t"));
        assertThrows(PolicyBuildException.class, () -> ToolCatalogue.parse("{\"tools\": []}", "t"));
    }
}
