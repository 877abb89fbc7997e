package fr.inserm.aipolicy.json;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.report.Alternative;
import fr.inserm.aipolicy.report.Change;
import fr.inserm.aipolicy.report.ContactDetails;
import fr.inserm.aipolicy.report.DecisionReport;
import fr.inserm.aipolicy.report.Disclosure;
import fr.inserm.aipolicy.report.FrugalityComparison;
import fr.inserm.aipolicy.tools.KnownTool;
import fr.inserm.aipolicy.tools.ModelFootprint;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * The JSON of a {@link DecisionReport}: the fields of the decision, in its language and in the order
 * {@link PolicyJson#write(Decision)} writes them, then {@code language}, {@code contacts},
 * {@code toolCatalogue}, and, when present, {@code alternatives}, {@code disclosure} and {@code frugality}.
 */
final class ReportJson {

    private ReportJson() {
    }

    static ObjectNode reportNode(DecisionReport report) {
        Language language = report.language();
        ObjectNode node = PolicyJson.decisionNode(report.decision());
        node.put("language", language.code());
        ArrayNode contacts = node.putArray("contacts");
        for (ContactDetails contact : report.contacts()) {
            contacts.addObject().put("id", contact.contact().name()).put("name", contact.name());
        }
        ObjectNode catalogue = node.putObject("toolCatalogue");
        catalogue.put("version", report.toolCatalogueVersion());
        if (report.tool() == null) {
            catalogue.putNull("tool");
        } else {
            catalogue.put("tool", report.tool().id());
        }
        strings(catalogue.putArray("completed"), report.completedFromCatalogue());
        if (report.alternatives() != null) {
            ArrayNode alternatives = node.putArray("alternatives");
            for (Alternative alternative : report.alternatives()) {
                ObjectNode a = alternatives.addObject();
                ArrayNode changes = a.putArray("changes");
                for (Change change : alternative.changes()) {
                    ObjectNode c = changes.addObject();
                    c.put("field", change.field());
                    value(c, "from", change.from());
                    value(c, "to", change.to());
                    c.put("text", change.text(language));
                }
                strings(a.putArray("resolvedRules"), alternative.resolvedRules());
                strings(a.putArray("clauses"), alternative.clauses());
                strings(a.putArray("obligations"), alternative.obligations());
            }
        }
        Disclosure disclosure = report.disclosure();
        if (disclosure != null) {
            ObjectNode d = node.putObject("disclosure");
            for (Language l : Language.values()) {
                d.putObject(l.code()).put("heading", disclosure.heading(l)).put("text", disclosure.paragraph(l));
            }
            strings(d.putArray("missing"), disclosure.missing());
            strings(d.putArray("clauses"), disclosure.clauses());
        }
        FrugalityComparison frugality = report.frugality();
        if (frugality != null) {
            ObjectNode f = node.putObject("frugality");
            f.put("model", frugality.model());
            ArrayNode rows = f.putArray("footprints");
            for (ModelFootprint row : frugality.footprints()) {
                rows.addObject().put("model", row.model()).put("energyMilliwattHours", row.energyMilliwattHours())
                        .put("co2MilligramsEq", row.co2MilligramsEq()).put("waterMillilitres", row.waterMillilitres());
            }
            ArrayNode smaller = f.putArray("smallerModels");
            for (KnownTool tool : frugality.smallerModels()) {
                ObjectNode t = smaller.addObject().put("name", tool.name());
                if (tool.parametersBillions() != null) {
                    t.put("parametersBillions", tool.parametersBillions());
                }
                if (tool.generative() != null) {
                    t.put("generative", tool.generative());
                }
            }
            f.put("summary", frugality.summary(language));
            strings(f.putArray("clauses"), frugality.clauses());
        }
        return node;
    }

    /** A change's value: a JSON boolean for true and false, a text otherwise, null when not stated. */
    private static void value(ObjectNode node, String name, String value) {
        if (value == null) {
            node.putNull(name);
        } else if (value.equals("true") || value.equals("false")) {
            node.put(name, Boolean.parseBoolean(value));
        } else {
            node.put(name, value);
        }
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

}
