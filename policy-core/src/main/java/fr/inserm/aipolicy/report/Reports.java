package fr.inserm.aipolicy.report;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.Policy;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Advice;
import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Obligation;
import fr.inserm.aipolicy.tools.KnownTool;
import fr.inserm.aipolicy.tools.ModelFootprint;
import fr.inserm.aipolicy.tools.ToolCatalogue;
import fr.inserm.aipolicy.usage.Tool;
import fr.inserm.aipolicy.usage.Usage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What {@link PolicyReports} adds to a decision: its texts in a language, the alternatives, the
 * disclosure paragraph, the frugality figures and the whole {@link DecisionReport}. Everything here
 * goes through {@link PolicyEngine#evaluate(Usage, boolean)} of the engine it is given, and reads the
 * texts of that engine's {@link Policy}: any engine, a cache or a test double, works.
 */
final class Reports {
    /** The obligation whose text a disclosure paragraph drafts. */
    static final String DISCLOSE = "DISCLOSE_AI_USE";
    /** The advice whose figures a frugality comparison gives. */
    static final String SMALLER_MODEL = "PREFER_SMALLER_MODEL";

    private Reports() {
    }

    static Decision evaluate(PolicyEngine engine, Usage usage, boolean strict, Language language) {
        Policy texts = engine.policy();
        texts.require(language);
        return texts.localise(engine.evaluate(Objects.requireNonNull(usage, "usage"), strict), language);
    }

    static List<Alternative> alternatives(PolicyEngine engine, Usage usage) {
        Policy texts = engine.policy();
        texts.tools().check(Objects.requireNonNull(usage, "usage"));
        return AlternativeSearch.alternatives(usage, variants(engine), texts, engine.policy().catalogue());
    }

    /**
     * How variants of a usage are decided: for an unnamed tool of the same kind and size, since a
     * variant on another hosting keeps the tool's name while its change says to use another tool (the
     * catalogue would refuse ChatGPT declared LOCAL).
     */
    private static Function<Usage, Decision> variants(PolicyEngine asked) {
        PolicyEngine engine = asked.unrecorded(); // variants are not decisions anyone asked for: not recorded
        return variant -> engine.evaluate(variant.toBuilder().tool(new Tool(VARIANT_TOOL, variant.tool().generative(),
                variant.tool().parametersBillions())).build());
    }

    /** The name variants are decided under: no catalogued name contains it. */
    static final String VARIANT_TOOL = "another tool of the same kind";

    static List<Clause> catalogue(PolicyEngine engine, Language language) {
        Policy texts = engine.policy();
        return engine.policy().catalogue().stream().map(c -> c.withTitle(texts.title(c, language))).toList();
    }

    static DecisionReport report(PolicyEngine engine, EvaluationRequest request) {
        Policy texts = engine.policy();
        Language language = request.languageOrDefault();
        texts.require(language);
        Usage usage = texts.tools().check(request.usage());
        Decision decision = engine.evaluate(usage, request.strict());
        List<ContactDetails> contacts = decision.escalateTo().stream()
                .map(c -> new ContactDetails(c, texts.contact(c, language))).toList();
        List<Alternative> alternatives = request.alternatives()
                ? AlternativeSearch.alternatives(usage, variants(engine), texts, engine.policy().catalogue()) : null;
        DisclosureFacts facts = request.disclosure() == null ? DisclosureFacts.NONE : request.disclosure();
        return new DecisionReport(texts.localise(decision, language), language, contacts,
                texts.tools().find(usage.tool().name()).orElse(null), texts.tools().version(),
                request.completedFromCatalogue(), alternatives,
                disclosure(usage, decision, facts, texts).orElse(null),
                frugality(usage, decision, texts, engine.policy().catalogue()).orElse(null));
    }

    static Optional<Disclosure> disclosure(Usage usage, Decision decision, DisclosureFacts facts, Policy texts) {
        Optional<Obligation> obligation = decision.obligations().stream().filter(o -> o.id().equals(DISCLOSE)).findFirst();
        if (obligation.isEmpty()) {
            return Optional.empty();
        }
        DisclosureFacts given = facts == null ? DisclosureFacts.NONE : facts;
        Map<Language, String> headings = texts.everyLanguage("disclosure.heading");
        Map<Language, String> paragraphs = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            List<String> sentences = new ArrayList<>();
            String purpose = texts.label("purpose." + usage.purpose().name(), language);
            sentences.add(given.toolVersion() == null
                    ? texts.label("disclosure.tool", language, usage.tool().name(), purpose)
                    : texts.label("disclosure.tool.version", language, usage.tool().name(), bare(given.toolVersion()),
                            purpose));
            sentences.add(texts.label("disclosure.hosting." + usage.hosting().name(), language));
            if (usage.tool().parametersBillions() != null) {
                sentences.add(texts.label("disclosure.size", language,
                        number(usage.tool().parametersBillions(), language)));
            }
            sentences.add(fact(texts, "disclosure.parameters", given.parameters(), language));
            sentences.add(fact(texts, "disclosure.role", given.role(), language));
            sentences.add(fact(texts, "disclosure.verification", given.verification(), language));
            sentences.add(texts.label("disclosure.responsibility", language));
            paragraphs.put(language, String.join(" ", sentences));
        }
        List<String> missing = new ArrayList<>();
        if (given.toolVersion() == null) {
            missing.add("disclosure.toolVersion");
        }
        if (given.role() == null) {
            missing.add("disclosure.role");
        }
        if (given.parameters() == null) {
            missing.add("disclosure.parameters");
        }
        if (given.verification() == null) {
            missing.add("disclosure.verification");
        }
        return Optional.of(new Disclosure(headings, paragraphs, missing, obligation.get().clauses()));
    }

    private static String fact(Policy texts, String key, String value, Language language) {
        return value == null ? texts.label(key + ".missing", language) : texts.label(key, language, bare(value));
    }

    /** A caller's text without the final full stop the sentence around it adds. */
    private static String bare(String text) {
        String stripped = text.strip();
        while (stripped.endsWith(".") && !stripped.endsWith("...")) {
            stripped = stripped.substring(0, stripped.length() - 1).strip();
        }
        return stripped;
    }

    static Optional<FrugalityComparison> frugality(Usage usage, Decision decision, Policy texts,
            List<Clause> catalogue) {
        Optional<Advice> advice = decision.advice().stream().filter(a -> a.id().equals(SMALLER_MODEL)).findFirst();
        if (advice.isEmpty()) {
            return Optional.empty();
        }
        ToolCatalogue tools = texts.tools();
        String model = tools.find(usage.tool().name()).map(KnownTool::footprintModel).orElse(null);
        Optional<ModelFootprint> row = tools.footprints().stream().filter(r -> r.model().equals(model)).findFirst();
        List<ModelFootprint> rows = row.isPresent() ? tools.footprints() : List.of();
        List<KnownTool> smaller = tools.smallerModels();
        Map<Language, String> summaries = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            List<String> sentences = new ArrayList<>();
            if (row.isPresent()) {
                ModelFootprint own = row.get();
                double low = Double.MAX_VALUE;
                double high = 0;
                for (ModelFootprint other : rows) {
                    if (!other.model().equals(own.model())) {
                        low = Math.min(low, other.energyMilliwattHours());
                        high = Math.max(high, other.energyMilliwattHours());
                    }
                }
                sentences.add(texts.label("frugality.footprint", language, own.model(),
                        number(own.energyMilliwattHours(), language),
                        number(own.co2MilligramsEq(), language),
                        number(own.waterMillilitres(), language),
                        number(low, language), number(high, language)));
            }
            if (!smaller.isEmpty()) {
                List<String> names = new ArrayList<>();
                for (KnownTool tool : smaller) {
                    Double size = tool.parametersBillions();
                    names.add(size == null ? tool.name()
                            : size < 1 ? texts.label("frugality.smaller.millions", language, tool.name(),
                                    number(size * 1000, language))
                            : texts.label("frugality.smaller.billions", language, tool.name(),
                                    number(size, language)));
                }
                sentences.add(texts.label("frugality.smaller", language, String.join(", ", names)));
            }
            if (row.isPresent()) {
                sentences.add(texts.label("frugality.caveat", language));
            }
            summaries.put(language, String.join(" ", sentences));
        }
        Set<String> clauses = new LinkedHashSet<>();
        if (row.isPresent() && tools.footprintClause() != null) {
            clauses.add(tools.footprintClause());
        }
        clauses.addAll(advice.get().clauses());
        List<String> ids = catalogue.stream().map(Clause::id).toList();
        List<String> ordered = clauses.stream().sorted(Comparator.comparingInt(ids::indexOf)).toList();
        return Optional.of(new FrugalityComparison(row.isPresent() ? model : null, rows, smaller, summaries, ordered));
    }

    /** A number as people of a language write it, with at most two decimals and no grouping. */
    static String number(double value, Language language) {
        java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(language.locale());
        format.setMaximumFractionDigits(2);
        format.setGroupingUsed(false);
        return format.format(value);
    }
}
