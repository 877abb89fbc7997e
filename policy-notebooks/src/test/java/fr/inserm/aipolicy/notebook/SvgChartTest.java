package fr.inserm.aipolicy.notebook;

import fr.inserm.aipolicy.decision.Verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartTest {

    @Test
    void barsAreWellFormedProportionalAndEscaped() throws Exception {
        Map<String, Map<Verdict, Long>> rows = new LinkedHashMap<>();
        rows.put("A <&> B", Map.of(Verdict.ALLOW, 30L, Verdict.DENY, 10L));
        rows.put("C", Map.of(Verdict.ESCALATE, 20L));
        String svg = SvgChart.stackedBars("Title & <more>", rows);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertTrue(svg.contains("A &lt;&amp;&gt; B"));

        // bar segments are the rects with a <title> child; legend rects and background have none
        NodeList rects = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        Map<String, Double> widths = new LinkedHashMap<>();
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            if (rect.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").getLength() == 1) {
                widths.put(rect.getTextContent(), Double.parseDouble(rect.getAttribute("width")));
            }
        }
        assertEquals(3, widths.size(), widths.toString());
        double allow = widths.get("A <&> B: 30 Allowed");
        double deny = widths.get("A <&> B: 10 Not allowed");
        double escalate = widths.get("C: 20 Ask first");
        assertEquals(3.0, allow / deny, 0.02);
        assertEquals(2.0, escalate / deny, 0.02);
    }
}
