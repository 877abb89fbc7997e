package fr.inserm.aipolicy.notebook;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Counts of an inventory's decisions: by verdict, verdict × purpose, verdict × hosting, and the
 * clauses cited most often; rendered as HTML tables, Markdown tables and an SVG chart, in English or
 * French (purposes, hostings, verdicts and headings in words; clause titles as the decisions give them).
 * The HTML rows carry the codes they count as {@code data-key} attributes, for scripts.
 *
 * <p>Built by {@link InventoryAudit#summary()}, or by {@link #add(Usage, Decision)} for decisions
 * made elsewhere. Not thread-safe.
 */
public final class InventorySummary {

    /**
     * How often a clause was cited, by verdict of the citing decision.
     *
     * @param clause the clause
     * @param counts the number of decisions of each verdict that cite it
     */
    public record ClauseCount(Clause clause, Map<Verdict, Long> counts) {

        /**
         * The number of decisions citing the clause.
         *
         * @return the sum over verdicts
         */
        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Map<Verdict, Long> byVerdict = new EnumMap<>(Verdict.class);
    private final Map<Purpose, Map<Verdict, Long>> byPurpose = new EnumMap<>(Purpose.class);
    private final Map<Hosting, Map<Verdict, Long>> byHosting = new EnumMap<>(Hosting.class);
    private final Map<String, Clause> clauses = new LinkedHashMap<>();
    private final Map<String, Map<Verdict, Long>> clauseCounts = new LinkedHashMap<>();
    private long unreadable;
    private final CardText text;

    /** An empty summary, in English. */
    public InventorySummary() {
        this(Locale.ENGLISH);
    }

    /**
     * An empty summary in a language.
     *
     * @param locale English or French
     * @throws fr.inserm.aipolicy.usage.InvalidUsageException naming {@code language} for another language
     */
    public InventorySummary(Locale locale) {
        this.text = CardText.of(Language.of(locale));
    }

    /**
     * Counts one decision.
     *
     * @param usage the usage decided
     * @param decision its decision
     * @return this summary
     */
    public InventorySummary add(Usage usage, Decision decision) {
        Objects.requireNonNull(usage, "usage");
        Verdict verdict = decision.verdict();
        byVerdict.merge(verdict, 1L, Long::sum);
        byPurpose.computeIfAbsent(usage.purpose(), k -> new EnumMap<>(Verdict.class)).merge(verdict, 1L, Long::sum);
        byHosting.computeIfAbsent(usage.hosting(), k -> new EnumMap<>(Verdict.class)).merge(verdict, 1L, Long::sum);
        for (Clause clause : decision.citations()) {
            clauses.putIfAbsent(clause.id(), clause);
            clauseCounts.computeIfAbsent(clause.id(), k -> new EnumMap<>(Verdict.class)).merge(verdict, 1L, Long::sum);
        }
        return this;
    }

    /**
     * Counts one line that could not be read.
     *
     * @return this summary
     */
    public InventorySummary addUnreadable() {
        unreadable++;
        return this;
    }

    /**
     * The number of decisions counted.
     *
     * @return decided lines
     */
    public long decided() {
        return byVerdict.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The number of lines that could not be read.
     *
     * @return unreadable lines
     */
    public long unreadable() {
        return unreadable;
    }

    /**
     * The number of decisions with a verdict.
     *
     * @param verdict the verdict
     * @return the count
     */
    public long count(Verdict verdict) {
        return byVerdict.getOrDefault(verdict, 0L);
    }

    /**
     * The number of decisions with a verdict for a purpose.
     *
     * @param purpose the purpose
     * @param verdict the verdict
     * @return the count
     */
    public long count(Purpose purpose, Verdict verdict) {
        return byPurpose.getOrDefault(purpose, Map.of()).getOrDefault(verdict, 0L);
    }

    /**
     * The number of decisions with a verdict for a hosting.
     *
     * @param hosting the hosting
     * @param verdict the verdict
     * @return the count
     */
    public long count(Hosting hosting, Verdict verdict) {
        return byHosting.getOrDefault(hosting, Map.of()).getOrDefault(verdict, 0L);
    }

    /**
     * The clauses cited most often, by number of citing decisions, ties in order of first citation.
     *
     * @param max the most clauses to return
     * @return at most {@code max} clause counts, most cited first
     */
    public List<ClauseCount> mostCitedClauses(int max) {
        List<ClauseCount> all = new ArrayList<>();
        clauseCounts.forEach((id, counts) -> all.add(new ClauseCount(clauses.get(id), new EnumMap<>(counts))));
        all.sort(Comparator.comparingLong(ClauseCount::total).reversed());
        return List.copyOf(all.subList(0, Math.min(max, all.size())));
    }

    /**
     * The totals on one line, for example {@code 3000 lines: 1200 allowed, 900 to ask first, 894 not
     * allowed, 6 unreadable}.
     *
     * @return plain text
     */
    public String totalsLine() {
        return text.format("summary.totals", Long.toString(decided() + unreadable), Long.toString(count(Verdict.ALLOW)),
                Long.toString(count(Verdict.ESCALATE)), Long.toString(count(Verdict.DENY)), Long.toString(unreadable));
    }

    /**
     * Everything in one HTML fragment: totals, both tables, the most cited clauses and the chart.
     *
     * @return HTML
     */
    public String html() {
        return "<div class=\"aipolicy-summary\" style=\"font-family:sans-serif\">\n<p><b>"
                + Markup.html(totalsLine()) + "</b></p>\n" + byPurposeHtml() + byHostingHtml() + mostCitedHtml(10)
                + chartHtml() + "</div>\n";
    }

    /**
     * The verdict × purpose table.
     *
     * @return an HTML table
     */
    public String byPurposeHtml() {
        return table(text.get("summary.byPurpose"), "purpose", byPurpose, Purpose.values(), text::purpose);
    }

    /**
     * The verdict × hosting table.
     *
     * @return an HTML table
     */
    public String byHostingHtml() {
        return table(text.get("summary.byHosting"), "hosting", byHosting, Hosting.values(), text::hosting);
    }

    private <K extends Enum<K>> String table(String caption, String key, Map<K, Map<Verdict, Long>> data, K[] keys,
            Function<K, String> label) {
        StringBuilder out = new StringBuilder(2048);
        out.append("<table class=\"aipolicy-table\" data-by=\"").append(key).append("\">\n<caption style=\"text-align:left\"><b>")
                .append(Markup.html(caption)).append("</b></caption>\n<thead><tr><th style=\"text-align:left\">")
                .append(Markup.html(text.get("summary." + key))).append("</th>");
        verdictHeadings(out);
        out.append("<th>").append(Markup.html(text.get("summary.total"))).append("</th><th>")
                .append(Markup.html(text.get("summary.percentDenied"))).append("</th></tr></thead>\n<tbody>\n");
        for (K k : keys) {
            Map<Verdict, Long> counts = data.getOrDefault(k, Map.of());
            row(out, k.name(), Markup.html(label.apply(k)), counts);
        }
        out.append("</tbody>\n<tfoot>\n");
        row(out, "all", "<b>" + Markup.html(text.get("summary.all")) + "</b>", byVerdict);
        out.append("</tfoot></table>\n");
        return out.toString();
    }

    private void verdictHeadings(StringBuilder out) {
        for (Verdict v : Verdict.values()) {
            out.append("<th data-verdict=\"").append(v.name()).append("\" style=\"color:").append(Markup.colour(v))
                    .append("\">").append(Markup.html(text.verdict(v))).append("</th>");
        }
    }

    private void row(StringBuilder out, String key, String label, Map<Verdict, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        out.append("<tr data-key=\"").append(key).append("\"><td style=\"text-align:left\">").append(label).append("</td>");
        for (Verdict v : Verdict.values()) {
            out.append("<td>").append(counts.getOrDefault(v, 0L)).append("</td>");
        }
        out.append("<td>").append(total).append("</td><td>").append(percent(counts.getOrDefault(Verdict.DENY, 0L), total))
                .append("</td></tr>\n");
    }

    private String percent(long part, long total) {
        return total == 0 ? "\u2013" : String.format(text.language().locale(), "%.1f", 100.0 * part / total);
    }

    /**
     * The most cited clauses with their titles and the number of citing decisions by verdict.
     *
     * @param max the most clauses to list
     * @return an HTML table
     */
    public String mostCitedHtml(int max) {
        StringBuilder out = new StringBuilder(2048);
        out.append("<table class=\"aipolicy-table\" data-by=\"clause\">\n<caption style=\"text-align:left\"><b>")
                .append(Markup.html(text.get("summary.mostCited"))).append("</b> ")
                .append(Markup.html(text.get("summary.mostCited.note"))).append("</caption>\n")
                .append("<thead><tr><th style=\"text-align:left\">").append(Markup.html(text.get("summary.clause")))
                .append("</th><th style=\"text-align:left\">").append(Markup.html(text.get("summary.title"))).append("</th>");
        verdictHeadings(out);
        out.append("<th>").append(Markup.html(text.get("summary.total"))).append("</th></tr></thead>\n<tbody>\n");
        for (ClauseCount c : mostCitedClauses(max)) {
            out.append("<tr data-key=\"").append(Markup.html(c.clause().id())).append("\"><td style=\"text-align:left\"><b>").append(Markup.html(c.clause().id()))
                    .append("</b></td><td style=\"text-align:left\">").append(Markup.html(c.clause().title()))
                    .append("</td>");
            for (Verdict v : Verdict.values()) {
                out.append("<td>").append(c.counts().getOrDefault(v, 0L)).append("</td>");
            }
            out.append("<td>").append(c.total()).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
        return out.toString();
    }

    /**
     * A bar per purpose, stacked by verdict, as an SVG image.
     *
     * @return SVG
     */
    public String purposeChartSvg() {
        Map<String, Map<Verdict, Long>> rows = new LinkedHashMap<>();
        for (Purpose p : Purpose.values()) {
            rows.put(text.purpose(p), byPurpose.getOrDefault(p, Map.of()));
        }
        return SvgChart.stackedBars(text.get("summary.chartPurpose"), rows, text::verdict);
    }

    /**
     * A bar per hosting, stacked by verdict, as an SVG image.
     *
     * @return SVG
     */
    public String hostingChartSvg() {
        Map<String, Map<Verdict, Long>> rows = new LinkedHashMap<>();
        for (Hosting h : Hosting.values()) {
            rows.put(text.hosting(h), byHosting.getOrDefault(h, Map.of()));
        }
        return SvgChart.stackedBars(text.get("summary.chartHosting"), rows, text::verdict);
    }

    /**
     * Both charts, inline in HTML (for kernels that show HTML but not SVG).
     *
     * @return HTML
     */
    public String chartHtml() {
        return "<div class=\"aipolicy-charts\">\n" + purposeChartSvg() + hostingChartSvg() + "</div>\n";
    }

    /**
     * The totals and both tables as Markdown.
     *
     * @return Markdown text
     */
    public String markdown() {
        StringBuilder out = new StringBuilder(2048);
        out.append("**").append(Markup.markdown(totalsLine())).append("**\n\n");
        mdTable(out, "purpose", byPurpose, Purpose.values(), text::purpose);
        out.append('\n');
        mdTable(out, "hosting", byHosting, Hosting.values(), text::hosting);
        out.append("\n| ").append(Markup.markdown(text.get("summary.clause"))).append(" | ")
                .append(Markup.markdown(text.get("summary.title"))).append(" | ")
                .append(Markup.markdown(text.get("summary.total"))).append(" |\n|---|---|---:|\n");
        for (ClauseCount c : mostCitedClauses(10)) {
            out.append("| ").append(Markup.markdown(c.clause().id())).append(" | ")
                    .append(Markup.markdown(c.clause().title())).append(" | ").append(c.total()).append(" |\n");
        }
        return out.toString();
    }

    private <K extends Enum<K>> void mdTable(StringBuilder out, String key, Map<K, Map<Verdict, Long>> data, K[] keys,
            Function<K, String> label) {
        out.append("| ").append(Markup.markdown(text.get("summary." + key)));
        for (Verdict v : Verdict.values()) {
            out.append(" | ").append(Markup.markdown(text.verdict(v)));
        }
        out.append(" | ").append(Markup.markdown(text.get("summary.total"))).append(" |\n|---|---:|---:|---:|---:|\n");
        for (K k : keys) {
            Map<Verdict, Long> counts = data.getOrDefault(k, Map.of());
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            out.append("| ").append(Markup.markdown(label.apply(k)));
            for (Verdict v : Verdict.values()) {
                out.append(" | ").append(counts.getOrDefault(v, 0L));
            }
            out.append(" | ").append(total).append(" |\n");
        }
    }
}
