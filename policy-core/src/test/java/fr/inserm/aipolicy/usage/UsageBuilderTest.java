package fr.inserm.aipolicy.usage;

import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.json.UsageJsonTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The Java builders refuse what the JSON reader refuses, with the same messages. */
class UsageBuilderTest {

    private static Usage.Builder complete() {
        return Usage.builder().tool("t").hosting(Hosting.LOCAL).purpose(Purpose.WRITING);
    }

    private static void sameMessage(Executable java, String json) {
        InvalidUsageException fromJava = assertThrows(InvalidUsageException.class, java);
        InvalidUsageException fromJson = assertThrows(InvalidUsageException.class, () -> PolicyJson.readUsage(json));
        assertEquals(fromJson.getMessage(), fromJava.getMessage());
        assertEquals(fromJson.field(), fromJava.field());
    }

    @Test
    void buildsAUsage() {
        Usage usage = complete().dataCategories(DataCategory.PUBLIC)
                .context(Context.builder().userTrained(true).build()).build();
        assertEquals(Hosting.LOCAL, usage.hosting());
        assertTrue(usage.includes(DataCategory.PUBLIC));
        assertEquals(usage, usage.toBuilder().build());
        assertEquals(usage.context(), usage.context().toBuilder().build());
    }

    @Test
    void missingFieldsSayTheSameAsJson() {
        sameMessage(() -> Usage.builder().hosting(Hosting.LOCAL).purpose(Purpose.WRITING).build(),
                "{\"hosting\": \"LOCAL\", \"dataCategories\": [], \"purpose\": \"WRITING\"}");
        sameMessage(() -> Usage.builder().tool("t").purpose(Purpose.WRITING).build(),
                "{\"tool\": {\"name\": \"t\"}, \"dataCategories\": [], \"purpose\": \"WRITING\"}");
        sameMessage(() -> Usage.builder().tool("t").hosting(Hosting.LOCAL).build(),
                "{\"tool\": {\"name\": \"t\"}, \"hosting\": \"LOCAL\", \"dataCategories\": []}");
        sameMessage(() -> complete().dataCategories((List<DataCategory>) null).build(),
                "{\"tool\": {\"name\": \"t\"}, \"hosting\": \"LOCAL\", \"purpose\": \"WRITING\"}");
    }

    @Test
    void nullCategoriesSayTheSameAsJson() {
        sameMessage(() -> complete().dataCategories(Arrays.asList(DataCategory.PUBLIC, null)).build(),
                UsageJsonTest.base("[\"PUBLIC\", null]"));
        sameMessage(() -> complete().dataCategories(DataCategory.PUBLIC, null).build(),
                UsageJsonTest.base("[\"PUBLIC\", null]"));
    }

    @Test
    void toolChecksSayTheSameAsJson() {
        String rest = ", \"hosting\": \"LOCAL\", \"dataCategories\": [], \"purpose\": \"WRITING\"}";
        sameMessage(() -> Tool.named(" "), "{\"tool\": {\"name\": \" \"}" + rest);
        sameMessage(() -> Tool.named(null), "{\"tool\": {}" + rest);
        sameMessage(() -> Tool.named("x".repeat(201)), "{\"tool\": {\"name\": \"" + "x".repeat(201) + "\"}" + rest);
        sameMessage(() -> new Tool("t", true, -0.5), "{\"tool\": {\"name\": \"t\", \"parametersBillions\": -0.5}" + rest);
    }

    @Test
    void rejectsNonFiniteSizes() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1, 100_001}) {
            Supplier<Tool> make = () -> new Tool("t", true, bad);
            InvalidUsageException e = assertThrows(InvalidUsageException.class, make::get);
            assertEquals("tool.parametersBillions", e.field());
        }
    }

    @Test
    void categoriesAreACopyThatCannotChange() {
        List<DataCategory> mine = new java.util.ArrayList<>(List.of(DataCategory.PUBLIC));
        Usage usage = complete().dataCategories(mine).build();
        mine.add(DataCategory.IDENTIFIABLE_HEALTH_DATA);
        assertEquals(1, usage.dataCategories().size());
        assertThrows(UnsupportedOperationException.class, () -> usage.dataCategories().add(DataCategory.UNKNOWN));
    }
}
