package fr.inserm.aipolicy.notebook;

import fr.inserm.aipolicy.decision.Verdict;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Draws horizontal bars stacked by verdict as a self-contained SVG image (no script, no font or
 * style sheet to fetch), so a notebook shows a chart without any plotting library.
 */
public final class SvgChart {

    private static final int WIDTH = 720;
    private static final int LABEL = 250;
    private static final int BAR_AREA = 390;
    private static final int ROW = 24;
    private static final int TOP = 52;

    private SvgChart() {
    }

    /**
     * Draws one bar per row, its segments the counts of each verdict, with a legend.
     *
     * @param title the chart's title
     * @param rows the rows in display order: a label and the count of each verdict (a missing verdict counts 0)
     * @return an SVG document fragment ({@code <svg ...>...</svg>})
     */
    public static String stackedBars(String title, Map<String, Map<Verdict, Long>> rows) {
        return stackedBars(title, rows, CardText.of(fr.inserm.aipolicy.Language.EN)::verdict);
    }

    /**
     * Draws one bar per row, its segments the counts of each verdict, with a legend naming the verdicts
     * as given.
     *
     * @param title the chart's title
     * @param rows the rows in display order: a label and the count of each verdict (a missing verdict counts 0)
     * @param verdictName the name of each verdict in the legend and tooltips
     * @return an SVG document fragment ({@code <svg ...>...</svg>})
     */
    public static String stackedBars(String title, Map<String, Map<Verdict, Long>> rows,
            Function<Verdict, String> verdictName) {
        long max = 1;
        for (Map<Verdict, Long> counts : rows.values()) {
            max = Math.max(max, counts.values().stream().mapToLong(Long::longValue).sum());
        }
        int height = TOP + rows.size() * ROW + 28;
        StringBuilder out = new StringBuilder(4096);
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"aipolicy-chart\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n");
        out.append("<title>").append(Markup.html(title)).append("</title>\n");
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        out.append("<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">").append(Markup.html(title))
                .append("</text>\n");
        int legendX = LABEL;
        for (Verdict verdict : Verdict.values()) {
            out.append("<rect x=\"").append(legendX).append("\" y=\"30\" width=\"12\" height=\"12\" fill=\"")
                    .append(Markup.colour(verdict)).append("\"/>");
            out.append("<text x=\"").append(legendX + 16).append("\" y=\"40\">")
                    .append(Markup.html(verdictName.apply(verdict))).append("</text>\n");
            legendX += 150;
        }
        int y = TOP;
        for (Map.Entry<String, Map<Verdict, Long>> row : rows.entrySet()) {
            out.append("<text x=\"").append(LABEL - 8).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\">").append(Markup.html(row.getKey())).append("</text>\n");
            double x = LABEL;
            long total = 0;
            for (Verdict verdict : Verdict.values()) {
                long count = row.getValue().getOrDefault(verdict, 0L);
                total += count;
                if (count == 0) {
                    continue;
                }
                double w = BAR_AREA * (double) count / max;
                out.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(y + 3).append("\" width=\"")
                        .append(fmt(w)).append("\" height=\"").append(ROW - 6).append("\" fill=\"")
                        .append(Markup.colour(verdict)).append("\"><title>").append(Markup.html(row.getKey()))
                        .append(": ").append(count).append(' ').append(Markup.html(verdictName.apply(verdict)))
                        .append("</title></rect>\n");
                if (w >= 26) {
                    out.append("<text x=\"").append(fmt(x + w / 2)).append("\" y=\"").append(y + 16)
                            .append("\" text-anchor=\"middle\" fill=\"#ffffff\" font-size=\"11\">").append(count)
                            .append("</text>\n");
                }
                x += w;
            }
            out.append("<text x=\"").append(fmt(x + 6)).append("\" y=\"").append(y + 15).append("\" fill=\"#333\">")
                    .append(total).append("</text>\n");
            y += ROW;
        }
        out.append("</svg>\n");
        return out.toString();
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
