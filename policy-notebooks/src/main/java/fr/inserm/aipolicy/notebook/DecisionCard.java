package fr.inserm.aipolicy.notebook;

import fr.inserm.aipolicy.Advice;
import fr.inserm.aipolicy.Clause;
import fr.inserm.aipolicy.Contact;
import fr.inserm.aipolicy.Decision;
import fr.inserm.aipolicy.Obligation;
import fr.inserm.aipolicy.Reason;
import fr.inserm.aipolicy.Usage;
import java.util.Objects;

/**
 * A decision as a card a person reads: the verdict, why, whom to ask, what to do, what to
 * consider, and the text of every cited clause.
 *
 * <p>In a notebook, one call renders it. With the rapaio Java kernel a cell whose last expression is
 * a {@code String} is shown as HTML, so a cell ending in {@code DecisionCard.html(usage, decision)}
 * shows the card; {@code display("text/markdown", DecisionCard.markdown(usage, decision))} shows the
 * Markdown version. Every piece of text from the decision or the usage is escaped.
 *
 * <p>The HTML root element carries {@code data-verdict="ALLOW|ESCALATE|DENY"} so that a script can
 * check an executed notebook.
 */
public final class DecisionCard {

    private static final String H = "margin:10px 0 4px 0;font-size:1em;font-weight:bold";

    private DecisionCard() {
    }

    /**
     * The card of a decision, as HTML with inline styles (no script, no external resource).
     *
     * @param decision the decision
     * @return an HTML fragment
     */
    public static String html(Decision decision) {
        return html(null, decision);
    }

    /**
     * The card of a decision, headed by the usage it answers, as HTML with inline styles.
     *
     * @param usage the usage decided, or null to leave it out
     * @param decision the decision
     * @return an HTML fragment
     */
    public static String html(Usage usage, Decision decision) {
        Objects.requireNonNull(decision, "decision");
        String colour = Markup.colour(decision.verdict());
        StringBuilder out = new StringBuilder(4096);
        out.append("<div class=\"aipolicy-card\" data-verdict=\"").append(decision.verdict().name())
                .append("\" style=\"border:2px solid ").append(colour)
                .append(";border-radius:8px;padding:10px 16px;margin:6px 0;max-width:62em;font-family:sans-serif\">\n");
        out.append("<div style=\"font-size:1.4em;font-weight:bold;color:").append(colour).append("\">")
                .append(Markup.symbol(decision.verdict())).append(' ').append(decision.verdict().name())
                .append(" <span style=\"font-size:0.65em;font-weight:normal;color:#444\">\u2014 ")
                .append(Markup.html(Markup.meaning(decision.verdict()))).append("</span></div>\n");
        if (usage != null) {
            out.append("<div style=\"color:#444;margin-top:2px\"><i>").append(Markup.html(Markup.describe(usage)))
                    .append("</i></div>\n");
        }

        out.append("<h4 style=\"").append(H).append("\">Why</h4>\n<ul>\n");
        for (Reason reason : decision.reasons()) {
            out.append("<li><b>").append(Markup.html(reason.rule())).append("</b> (").append(reason.effect().name())
                    .append("): ").append(Markup.html(reason.text())).append(" <small>[")
                    .append(Markup.html(Markup.joined(reason.clauses()))).append("]</small></li>\n");
        }
        out.append("</ul>\n");

        if (!decision.escalateTo().isEmpty()) {
            out.append("<h4 style=\"").append(H).append("\">Whom to ask</h4>\n<ul>\n");
            for (Contact contact : decision.escalateTo()) {
                out.append("<li><b>").append(contact.name()).append("</b>: ")
                        .append(Markup.html(contact.description())).append("</li>\n");
            }
            out.append("</ul>\n");
        }
        if (!decision.obligations().isEmpty()) {
            out.append("<h4 style=\"").append(H).append("\">Obligations (you must)</h4>\n<ul>\n");
            for (Obligation o : decision.obligations()) {
                item(out, o.id(), o.text(), Markup.joined(o.clauses()));
            }
            out.append("</ul>\n");
        }
        if (!decision.advice().isEmpty()) {
            out.append("<h4 style=\"").append(H).append("\">Advice (you should consider)</h4>\n<ul>\n");
            for (Advice a : decision.advice()) {
                item(out, a.id(), a.text(), Markup.joined(a.clauses()));
            }
            out.append("</ul>\n");
        }

        out.append("<h4 style=\"").append(H).append("\">Cited clauses</h4>\n");
        for (Clause clause : decision.citations()) {
            out.append("<div class=\"aipolicy-clause\" style=\"margin:6px 0\"><b>").append(Markup.html(clause.id()))
                    .append("</b> \u2014 ").append(Markup.html(clause.title()))
                    .append(" <small style=\"color:#555\">(").append(Markup.html(clause.source())).append(", ")
                    .append(Markup.html(clause.section())).append(")</small>\n")
                    .append("<blockquote lang=\"").append(Markup.html(clause.language()))
                    .append("\" style=\"margin:2px 0 0 1em;padding-left:8px;border-left:3px solid #ccc;color:#333\">")
                    .append(Markup.html(clause.text())).append("</blockquote></div>\n");
        }
        out.append("<div style=\"font-size:0.8em;color:#666;margin-top:6px\">Policy ")
                .append(Markup.html(decision.policyVersion())).append(" \u00b7 ")
                .append(Markup.html(decision.policyDigest())).append(" \u00b7 rules applied: ")
                .append(Markup.html(Markup.joined(decision.appliedRules()))).append("</div>\n");
        out.append("</div>\n");
        return out.toString();
    }

    private static void item(StringBuilder out, String id, String text, String clauses) {
        out.append("<li><b>").append(Markup.html(id)).append("</b>: ").append(Markup.html(text))
                .append(" <small>[").append(Markup.html(clauses)).append("]</small></li>\n");
    }

    /**
     * The card of a decision, as Markdown.
     *
     * @param decision the decision
     * @return Markdown text
     */
    public static String markdown(Decision decision) {
        return markdown(null, decision);
    }

    /**
     * The card of a decision, headed by the usage it answers, as Markdown. Its first line is
     * {@code ### <symbol> VERDICT — meaning}.
     *
     * @param usage the usage decided, or null to leave it out
     * @param decision the decision
     * @return Markdown text
     */
    public static String markdown(Usage usage, Decision decision) {
        Objects.requireNonNull(decision, "decision");
        StringBuilder out = new StringBuilder(4096);
        out.append("### ").append(Markup.symbol(decision.verdict())).append(' ').append(decision.verdict().name())
                .append(" \u2014 ").append(Markup.markdown(Markup.meaning(decision.verdict()))).append("\n\n");
        if (usage != null) {
            out.append('*').append(Markup.markdown(Markup.describe(usage))).append("*\n\n");
        }
        out.append("**Why**\n\n");
        for (Reason reason : decision.reasons()) {
            out.append("- **").append(Markup.markdown(reason.rule())).append("** (").append(reason.effect().name())
                    .append("): ").append(Markup.markdown(reason.text())).append(" \\[")
                    .append(Markup.markdown(Markup.joined(reason.clauses()))).append("\\]\n");
        }
        if (!decision.escalateTo().isEmpty()) {
            out.append("\n**Whom to ask**\n\n");
            for (Contact contact : decision.escalateTo()) {
                out.append("- **").append(Markup.markdown(contact.name())).append("**: ")
                        .append(Markup.markdown(contact.description())).append('\n');
            }
        }
        if (!decision.obligations().isEmpty()) {
            out.append("\n**Obligations (you must)**\n\n");
            for (Obligation o : decision.obligations()) {
                mdItem(out, o.id(), o.text(), Markup.joined(o.clauses()));
            }
        }
        if (!decision.advice().isEmpty()) {
            out.append("\n**Advice (you should consider)**\n\n");
            for (Advice a : decision.advice()) {
                mdItem(out, a.id(), a.text(), Markup.joined(a.clauses()));
            }
        }
        out.append("\n**Cited clauses**\n\n");
        for (Clause clause : decision.citations()) {
            out.append("- **").append(Markup.markdown(clause.id())).append("** \u2014 ")
                    .append(Markup.markdown(clause.title())).append(" (").append(Markup.markdown(clause.source()))
                    .append(", ").append(Markup.markdown(clause.section())).append(")\n")
                    .append("  > ").append(Markup.markdown(clause.text())).append('\n');
        }
        out.append("\n<sub>Policy ").append(Markup.markdown(decision.policyVersion())).append(" \u00b7 ")
                .append(Markup.markdown(decision.policyDigest())).append(" \u00b7 rules applied: ")
                .append(Markup.markdown(Markup.joined(decision.appliedRules()))).append("</sub>\n");
        return out.toString();
    }

    private static void mdItem(StringBuilder out, String id, String text, String clauses) {
        out.append("- **").append(Markup.markdown(id)).append("**: ").append(Markup.markdown(text)).append(" \\[")
                .append(Markup.markdown(clauses)).append("\\]\n");
    }
}
