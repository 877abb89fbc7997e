package fr.inserm.aipolicy.notebook;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Advice;
import fr.inserm.aipolicy.decision.Assumption;
import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Obligation;
import fr.inserm.aipolicy.decision.Reason;
import fr.inserm.aipolicy.report.ContactDetails;
import fr.inserm.aipolicy.report.DecisionReport;
import fr.inserm.aipolicy.report.EvaluationRequest;
import fr.inserm.aipolicy.report.PolicyReports;
import fr.inserm.aipolicy.usage.Usage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A decision as a card a person reads, in English or French: the verdict in words, the use described
 * in words, why, whom to ask, what to do, what to consider, and the text of every cited clause.
 *
 * <p>The texts of reasons, obligations, advice, contacts and clause titles are the policy's own, in the
 * decision's language ({@link PolicyReports#report(EvaluationRequest)}); the headings and the names of
 * verdicts, hostings, purposes and data categories come from this module's {@code card.properties}
 * and {@code card_fr.properties}. Codes (rule, obligation and advice ids) are kept out of the visible
 * text: the HTML carries them as {@code data-} attributes for scripts that check a notebook
 * ({@code data-verdict}, {@code data-rule}, {@code data-contact}, {@code data-obligation},
 * {@code data-advice}, {@code data-clause}). Every text from the decision or the usage is escaped.
 *
 * <pre>{@code
 * DecisionCard.decide(engine, usage, Locale.FRENCH).html()   // a French card
 * DecisionCard.html(usage, engine.evaluate(usage))            // an English card
 * }</pre>
 *
 * <p>In the rapaio Java kernel a cell whose last expression is a {@code String} is shown as HTML, so a
 * cell ending in {@code card.html()} shows the card.
 */
public final class DecisionCard {

    private static final String H = "margin:10px 0 4px 0;font-size:1em;font-weight:bold";

    private final Usage usage;
    private final Decision decision;
    private final CardText text;
    private final Map<Contact, String> contactNames;

    private DecisionCard(Usage usage, Decision decision, Language language, Map<Contact, String> contactNames) {
        this.usage = usage;
        this.decision = Objects.requireNonNull(decision, "decision");
        this.text = CardText.of(language);
        this.contactNames = contactNames;
        for (Contact contact : decision.escalateTo()) {
            if (!contactNames.containsKey(contact)) {
                throw new IllegalArgumentException("the report does not name the contact " + contact);
            }
        }
    }

    /**
     * Decides a usage in a language and makes its card: the engine gives the texts (reasons,
     * obligations, advice, contacts, clause titles) in that language.
     *
     * @param engine the engine
     * @param usage the usage to decide
     * @param locale English or French (only the language part counts)
     * @return the card
     * @throws fr.inserm.aipolicy.usage.InvalidUsageException naming {@code language} for another language, or
     *     naming {@code hosting} when the tool catalogue contradicts the usage
     */
    public static DecisionCard decide(PolicyEngine engine, Usage usage, Locale locale) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(usage, "usage");
        return of(usage, PolicyReports.of(engine).report(EvaluationRequest.of(usage).inLanguage(Language.of(locale))));
    }

    /**
     * The card of a report, in the report's language.
     *
     * @param usage the usage decided, or null to leave out the line that describes it
     * @param report the report, from {@link PolicyReports#report(EvaluationRequest)}
     * @return the card
     */
    public static DecisionCard of(Usage usage, DecisionReport report) {
        Objects.requireNonNull(report, "report");
        Map<Contact, String> names = new EnumMap<>(Contact.class);
        for (ContactDetails details : report.contacts()) {
            names.put(details.contact(), details.name());
        }
        return new DecisionCard(usage, report.decision(), report.language(), names);
    }

    /**
     * The card of a decision made in English ({@link PolicyEngine#evaluate(Usage)}), in English. For
     * French, use {@link #decide(PolicyEngine, Usage, Locale)}: the decision's own texts must be French too.
     *
     * @param usage the usage decided, or null to leave out the line that describes it
     * @param decision the decision
     * @return the card
     */
    public static DecisionCard of(Usage usage, Decision decision) {
        Map<Contact, String> names = new EnumMap<>(Contact.class);
        for (Contact contact : Contact.values()) {
            names.put(contact, contact.description());
        }
        return new DecisionCard(usage, decision, Language.EN, names);
    }

    /**
     * The card of an English decision, as HTML with inline styles (no script, no external resource).
     *
     * @param decision the decision
     * @return an HTML fragment
     */
    public static String html(Decision decision) {
        return of(null, decision).html();
    }

    /**
     * The card of an English decision, headed by the usage it answers, as HTML.
     *
     * @param usage the usage decided, or null to leave it out
     * @param decision the decision
     * @return an HTML fragment
     */
    public static String html(Usage usage, Decision decision) {
        return of(usage, decision).html();
    }

    /**
     * The card of an English decision, as Markdown.
     *
     * @param decision the decision
     * @return Markdown text
     */
    public static String markdown(Decision decision) {
        return of(null, decision).markdown();
    }

    /**
     * The card of an English decision, headed by the usage it answers, as Markdown.
     *
     * @param usage the usage decided, or null to leave it out
     * @param decision the decision
     * @return Markdown text
     */
    public static String markdown(Usage usage, Decision decision) {
        return of(usage, decision).markdown();
    }

    /**
     * The decision shown.
     *
     * @return the decision
     */
    public Decision decision() {
        return decision;
    }

    /**
     * The language of the card.
     *
     * @return {@link Locale#ENGLISH} or {@link Locale#FRENCH}
     */
    public Locale locale() {
        return text.language().locale();
    }

    /**
     * The card as HTML with inline styles (no script, no external resource). The root element carries
     * {@code class="aipolicy-card"}, {@code data-verdict} and {@code lang}.
     *
     * @return an HTML fragment
     */
    public String html() {
        String colour = Markup.colour(decision.verdict());
        StringBuilder out = new StringBuilder(4096);
        out.append("<div class=\"aipolicy-card\" data-verdict=\"").append(decision.verdict().name())
                .append("\" lang=\"").append(text.language().code()).append("\" style=\"border:2px solid ").append(colour)
                .append(";border-radius:8px;padding:10px 16px;margin:6px 0;max-width:62em;font-family:sans-serif\">\n");
        out.append("<div style=\"font-size:1.4em;font-weight:bold;color:").append(colour).append("\">")
                .append(Markup.symbol(decision.verdict())).append(' ').append(Markup.html(text.verdict(decision.verdict())))
                .append(" <span style=\"font-size:0.65em;font-weight:normal;color:#444\">\u2014 ")
                .append(Markup.html(text.meaning(decision.verdict()))).append("</span></div>\n");
        if (usage != null) {
            out.append("<div style=\"color:#444;margin-top:2px\"><i>").append(Markup.html(text.describe(usage)))
                    .append("</i></div>\n");
        }

        heading(out, "heading.why");
        out.append("<ul>\n");
        for (Reason reason : decision.reasons()) {
            out.append("<li data-rule=\"").append(Markup.html(reason.rule())).append("\" data-effect=\"")
                    .append(reason.effect().name()).append("\"><b>")
                    .append(Markup.html(text.format("reason", text.verdict(reason.effect())))).append("</b> ")
                    .append(Markup.html(reason.text())).append(" <small>[")
                    .append(Markup.html(references(reason.clauses(), List.of(reason.rule())))).append("]</small></li>\n");
        }
        out.append("</ul>\n");

        if (!decision.escalateTo().isEmpty()) {
            heading(out, "heading.ask");
            out.append("<ul>\n");
            for (Contact contact : decision.escalateTo()) {
                out.append("<li data-contact=\"").append(contact.name()).append("\">")
                        .append(Markup.html(contactNames.get(contact))).append("</li>\n");
            }
            out.append("</ul>\n");
        }
        if (!decision.obligations().isEmpty()) {
            heading(out, "heading.obligations");
            out.append("<ul>\n");
            for (Obligation o : decision.obligations()) {
                item(out, "obligation", o.id(), o.text(), references(o.clauses(), List.of()));
            }
            out.append("</ul>\n");
        }
        if (!decision.advice().isEmpty()) {
            heading(out, "heading.advice");
            out.append("<ul>\n");
            for (Advice a : decision.advice()) {
                item(out, "advice", a.id(), a.text(), references(a.clauses(), List.of()));
            }
            out.append("</ul>\n");
        }
        if (!decision.assumptions().isEmpty()) {
            // what the decision took for granted, and the question that would settle it
            heading(out, "heading.assumptions");
            out.append("<ul>\n");
            for (Assumption a : decision.assumptions()) {
                item(out, "assumption", a.field(), a.text() + " " + text.format("assumption.otherwise",
                        text.verdict(a.otherwise())) + " " + a.question(), references(a.clauses(), List.of()));
            }
            out.append("</ul>\n");
        }

        heading(out, "heading.clauses");
        for (Clause clause : decision.citations()) {
            out.append("<div class=\"aipolicy-clause\" data-clause=\"").append(Markup.html(clause.id()))
                    .append("\" style=\"margin:6px 0\"><b>").append(Markup.html(clause.id()))
                    .append("</b> \u2014 ").append(Markup.html(clause.title()))
                    .append(" <small style=\"color:#555\">(").append(Markup.html(clause.source())).append(", ")
                    .append(Markup.html(clause.section())).append(")</small>\n")
                    .append(translationHtml(clause))
                    .append("<blockquote lang=\"").append(Markup.html(clause.language()))
                    .append("\" style=\"margin:2px 0 0 1em;padding-left:8px;border-left:3px solid #ccc;color:#333\">")
                    .append(Markup.html(clause.text())).append("</blockquote></div>\n");
        }
        out.append("<div style=\"font-size:0.8em;color:#666;margin-top:6px\">").append(Markup.html(footer()))
                .append("</div>\n");
        out.append("</div>\n");
        return out.toString();
    }

    /**
     * The card as Markdown. Its first line is {@code ### <symbol> <verdict in words> — <meaning>}.
     *
     * @return Markdown text
     */
    public String markdown() {
        StringBuilder out = new StringBuilder(4096);
        out.append("### ").append(Markup.symbol(decision.verdict())).append(' ')
                .append(Markup.markdown(text.verdict(decision.verdict()))).append(" \u2014 ")
                .append(Markup.markdown(text.meaning(decision.verdict()))).append("\n\n");
        if (usage != null) {
            out.append('*').append(Markup.markdown(text.describe(usage))).append("*\n\n");
        }
        out.append("**").append(Markup.markdown(text.get("heading.why"))).append("**\n\n");
        for (Reason reason : decision.reasons()) {
            out.append("- **").append(Markup.markdown(text.format("reason", text.verdict(reason.effect())))).append("** ")
                    .append(Markup.markdown(reason.text())).append(" \\[")
                    .append(Markup.markdown(references(reason.clauses(), List.of(reason.rule())))).append("\\]\n");
        }
        if (!decision.escalateTo().isEmpty()) {
            out.append("\n**").append(Markup.markdown(text.get("heading.ask"))).append("**\n\n");
            for (Contact contact : decision.escalateTo()) {
                out.append("- ").append(Markup.markdown(contactNames.get(contact))).append('\n');
            }
        }
        if (!decision.obligations().isEmpty()) {
            out.append("\n**").append(Markup.markdown(text.get("heading.obligations"))).append("**\n\n");
            for (Obligation o : decision.obligations()) {
                mdItem(out, o.text(), references(o.clauses(), List.of()));
            }
        }
        if (!decision.advice().isEmpty()) {
            out.append("\n**").append(Markup.markdown(text.get("heading.advice"))).append("**\n\n");
            for (Advice a : decision.advice()) {
                mdItem(out, a.text(), references(a.clauses(), List.of()));
            }
        }
        if (!decision.assumptions().isEmpty()) {
            out.append("\n**").append(Markup.markdown(text.get("heading.assumptions"))).append("**\n\n");
            for (Assumption a : decision.assumptions()) {
                mdItem(out, a.text() + " " + text.format("assumption.otherwise", text.verdict(a.otherwise())) + " "
                        + a.question(), references(a.clauses(), List.of()));
            }
        }
        out.append("\n**").append(Markup.markdown(text.get("heading.clauses"))).append("**\n\n");
        for (Clause clause : decision.citations()) {
            out.append("- **").append(Markup.markdown(clause.id())).append("** \u2014 ")
                    .append(Markup.markdown(clause.title())).append(" (").append(Markup.markdown(clause.source()))
                    .append(", ").append(Markup.markdown(clause.section())).append(")\n")
                    .append(translationMarkdown(clause))
                    .append("  > ").append(Markup.markdown(clause.text())).append('\n');
        }
        out.append("\n<sub>").append(Markup.markdown(footer())).append("</sub>\n");
        return out.toString();
    }

    /** The card as Markdown, so that printing a card shows something readable. */
    @Override
    public String toString() {
        return markdown();
    }

    private void heading(StringBuilder out, String key) {
        out.append("<h4 style=\"").append(H).append("\">").append(Markup.html(text.get(key))).append("</h4>\n");
    }

    private String footer() {
        return text.format("footer", decision.policyVersion(), decision.policyDigest(),
                Markup.joined(decision.appliedRules()));
    }

    /** Clause ids, then "rule D1" for a reason: references a reader can look up, not codes to decode. */
    /**
     * A clause's unofficial translation into the card's language, marked as such, above the source's words
     * (which follow, labelled as the original); nothing when the source is in the card's language.
     */
    private String translationHtml(Clause clause) {
        String code = text.language().code();
        if (!clause.translatedFor(code)) {
            return "";
        }
        return "<blockquote class=\"aipolicy-translation\" lang=\"" + Markup.html(code)
                + "\" style=\"margin:2px 0 0 1em;padding-left:8px;border-left:3px solid #ccc\">"
                + Markup.html(clause.translation().text()) + "</blockquote>\n<div style=\"margin:2px 0 0 1em\"><small>"
                + "<i>" + Markup.html(text.get("clause.translation")) + "</i> \u2014 "
                + Markup.html(text.format("clause.original", clause.language())) + "</small></div>\n";
    }

    private String translationMarkdown(Clause clause) {
        String code = text.language().code();
        if (!clause.translatedFor(code)) {
            return "";
        }
        return "  > " + Markup.markdown(clause.translation().text()) + "\n\n  *" + Markup.markdown(text.get(
                "clause.translation")) + "* \u2014 " + Markup.markdown(text.format("clause.original", clause.language()))
                + "\n\n";
    }

    private String references(List<String> clauses, List<String> rules) {
        List<String> parts = new ArrayList<>(clauses);
        for (String rule : rules) {
            parts.add(text.format("rule", rule));
        }
        return Markup.joined(parts);
    }

    private static void item(StringBuilder out, String kind, String id, String itemText, String references) {
        out.append("<li data-").append(kind).append("=\"").append(Markup.html(id)).append("\">")
                .append(Markup.html(itemText)).append(" <small>[").append(Markup.html(references))
                .append("]</small></li>\n");
    }

    private static void mdItem(StringBuilder out, String itemText, String references) {
        out.append("- ").append(Markup.markdown(itemText)).append(" \\[").append(Markup.markdown(references))
                .append("\\]\n");
    }
}
