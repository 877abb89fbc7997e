package fr.inserm.aipolicy.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.report.DecisionReport;
import fr.inserm.aipolicy.report.PolicyReports;
import fr.inserm.aipolicy.usage.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A report written straight to bytes is the report's JSON text in UTF-8, in both languages. */
class ReportBytesTest {
    private static final PolicyEngine ENGINE = PolicyEngine.builder().build();

    @Test
    void theBytesAreTheTextInUtf8() {
        PolicyReports reports = PolicyReports.of(ENGINE);
        java.util.Random random = new java.util.Random(20261206L);
        for (int i = 0; i < 200; i++) {
            Usage usage = UsageSpace.randomUsage(random);
            for (Language language : Language.values()) {
                DecisionReport report = reports.report(
                        PolicyJson.readRequest(PolicyJson.write(usage), ENGINE.tools()).inLanguage(language));
                assertArrayEquals(PolicyJson.write(report).getBytes(StandardCharsets.UTF_8), PolicyJson.writeBytes(report),
                        usage + " in " + language);
            }
        }
    }
}
