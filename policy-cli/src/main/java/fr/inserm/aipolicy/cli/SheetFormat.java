package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.Policy;
import fr.inserm.aipolicy.decision.Advice;
import fr.inserm.aipolicy.decision.Assumption;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Obligation;
import fr.inserm.aipolicy.decision.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code --output csv} for a CSV inventory: the spreadsheet given back, in its own dialect (the
 * input's separator, byte-order mark and line endings, or those {@code --csv} names), each row with
 * its own cells and then the decision in words in the chosen language: line, verdict, reasons, what to
 * do, what to consider, what was assumed and the questions to answer, whom to ask, the cited clauses,
 * the policy version, and, for a row that was not decided, {@code ERREUR : …} / {@code ERROR: …}.
 *
 * <p>Every answer is one line (a line break in a cell becomes a space), so {@code --resume} finds the
 * last one as in the other formats. A cell a spreadsheet would run as a formula starts with {@code '}.
 */
final class SheetFormat extends OutputFormat {
    /** The separators, byte-order marks and line endings the output can be written with. */
    enum Dialect {
        /** French Excel: {@code ;}, a byte-order mark, {@code \r\n}. */
        EXCEL_FR(';', true, true),
        /** English Excel: {@code ,}, a byte-order mark, {@code \r\n}. */
        EXCEL_EN(',', true, true),
        /** RFC 4180: {@code ,}, no byte-order mark, {@code \r\n}. */
        RFC4180(',', false, true);

        final char separator;
        final boolean byteOrderMark;
        final boolean crlf;

        Dialect(char separator, boolean byteOrderMark, boolean crlf) {
            this.separator = separator;
            this.byteOrderMark = byteOrderMark;
            this.crlf = crlf;
        }

        /** The dialect of {@code --csv NAME}, or null. */
        static Dialect named(String name) {
            return switch (name) {
                case "excel-fr" -> EXCEL_FR;
                case "excel-en" -> EXCEL_EN;
                case "rfc4180" -> RFC4180;
                default -> null;
            };
        }
    }

    /** The decision's columns, after the input's. */
    static final List<String> ADDED = List.of("line", "verdict", "reasons", "obligations", "advice", "assumptions",
            "questions", "escalateTo", "clauses", "policy", "error");

    private final List<String> columns;
    private final char separator;
    private final boolean byteOrderMark;
    private final String lineEnd;
    private final SheetWords words;
    private final Policy policy;
    private final String empties;

    /**
     * @param columns the input's header cells, as written
     * @param separator the cells' separator
     * @param byteOrderMark whether to begin with a byte-order mark
     * @param crlf whether lines end with {@code \r\n}
     * @param language the language of the decision's words
     * @param policy the policy (its contacts' names and its version)
     */
    SheetFormat(List<String> columns, char separator, boolean byteOrderMark, boolean crlf, Language language,
            Policy policy) {
        this.columns = List.copyOf(columns);
        this.separator = separator;
        this.byteOrderMark = byteOrderMark;
        this.lineEnd = crlf ? "\r\n" : "\n";
        this.words = SheetWords.of(language);
        this.policy = policy;
        this.empties = String.valueOf(separator).repeat(ADDED.size() - 3); // verdict … policy, empty
    }

    /** The language of the decision's words. */
    Language language() {
        return words.language();
    }

    @Override
    String header() {
        List<String> names = new ArrayList<>(columns);
        for (String added : ADDED) {
            names.add(words.word("out." + added));
        }
        return (byteOrderMark ? "\uFEFF" : "") + join(names, Function.identity()) + lineEnd;
    }

    @Override
    String lineEnd() {
        return lineEnd;
    }

    @Override
    String decisionBody(Decision d) {
        List<String> cells = List.of(words.word("verdict." + d.verdict().name()),
                texts(d.reasons(), Reason::text), texts(d.obligations(), Obligation::text),
                texts(d.advice(), Advice::text), texts(d.assumptions(), Assumption::text),
                texts(d.assumptions(), Assumption::question),
                String.join(" | ", d.escalateTo().stream().map(c -> policy.contact(c, words.language())).toList()),
                String.join(" ", d.citedClauseIds()), policy.version(), "");
        return join(cells, Function.identity());
    }

    private static <T> String texts(List<T> items, Function<T, String> text) {
        return String.join(" | ", items.stream().map(text).filter(t -> t != null && !t.isBlank()).distinct().toList());
    }

    @Override
    String decided(InputRecord record, String id) {
        return ownCells(record) + separator + record.line() + separator;
    }

    @Override
    String decided(long line, String id, String body) {
        return String.join(String.valueOf(separator), java.util.Collections.nCopies(columns.size(), "")) + separator
                + line + separator + body;
    }

    @Override
    String refused(InputRecord record, String id, String error, String field, String message) {
        return ownCells(record) + separator + record.line() + separator + empties + separator
                + cell(words.word("error", message));
    }

    @Override
    String refused(long line, String id, String error, String field, String message) {
        return refused(InputRecord.unreadable(line, id, field, message), id, error, field, message);
    }

    /** The record's own cells, as many as the header names (a row with more or fewer is cut or padded). */
    private String ownCells(InputRecord record) {
        String[] cells = record.row() == null ? new String[0] : record.row().cells();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                text.append(separator);
            }
            text.append(cell(i < cells.length ? cells[i] : ""));
        }
        return text.toString();
    }

    @Override
    long lineOf(String outputLine) {
        try {
            CsvRows.Row row = new CsvRows(new java.io.StringReader(outputLine), separator).next();
            if (row == null || row.problem() != null || row.cells().length != columns.size() + ADDED.size()) {
                return -1;
            }
            String line = row.cells()[columns.size()];
            return line.matches("\\d{1,18}") ? Long.parseLong(line) : -1;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private String join(List<String> cells, Function<String, String> each) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(separator);
            }
            text.append(cell(each.apply(cells.get(i))));
        }
        return text.toString();
    }

    /**
     * One cell: quoted when it holds the separator, a quote, or begins or ends with a space; line breaks
     * become spaces (one line per answer); a cell a spreadsheet would run as a formula gets a leading quote.
     */
    String cell(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String value = text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        if ("=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("[-+]?\\d+([.,]\\d+)?")) {
            value = "'" + value;
        }
        if (value.indexOf(separator) >= 0 || value.indexOf('"') >= 0 || value.charAt(0) == ' '
                || value.charAt(value.length() - 1) == ' ') {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
