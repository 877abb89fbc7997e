package fr.inserm.aipolicy.report;

import fr.inserm.aipolicy.Language;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReportsTest {
    @Test
    void writesNumbersAsEachLanguageDoes() {
        assertEquals("0,11", Reports.number(0.11, Language.FR));
        assertEquals("0.11", Reports.number(0.11, Language.EN));
        assertEquals("1800", Reports.number(1800, Language.FR));
    }
}
