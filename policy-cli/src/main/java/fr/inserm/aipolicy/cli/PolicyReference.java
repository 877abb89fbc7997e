package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.Policy;
import fr.inserm.aipolicy.PolicyRule;
import fr.inserm.aipolicy.RuleEffect;
import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.decision.Contact;
import java.util.List;

/**
 * {@code aipolicy reference}: the policy's own reference, generated from the loaded policy in
 * English and French (rules, obligations, advice, assumptions, clauses, contacts), so that what
 * people read is what decides. The committed {@code docs/policy.md} is its output; a test fails when
 * it is stale.
 */
final class PolicyReference {
    private PolicyReference() {
    }

    static String markdown(Policy policy) {
        StringBuilder out = new StringBuilder();
        out.append("# The Inserm AI policy, version ").append(policy.version()).append("\n\n");
        out.append("Generated from the loaded policy by `java -jar policy-cli/target/aipolicy.jar reference`; ")
                .append("do not edit by hand. Policy digest `").append(policy.digest()).append("`.\n\n");
        out.append("Verdicts combine as DENY over ESCALATE over ALLOW; an ALLOW needs a permit; without one the ")
                .append("answer is DENY. An assumption is what a decision took for granted: a strict decision ")
                .append("turns an ALLOW that rests on one into ESCALATE.\n");
        section(out, policy, "Rules that deny", RuleEffect.DENY);
        section(out, policy, "Rules that escalate", RuleEffect.ESCALATE);
        section(out, policy, "Permits", RuleEffect.ALLOW);
        section(out, policy, "Obligations", RuleEffect.OBLIGATION);
        section(out, policy, "Advice", RuleEffect.ADVICE);
        out.append("\n## Assumptions\n\n| rule | field | assumed | otherwise | question (en) | question (fr) | clauses |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (PolicyRule rule : policy.rules()) {
            if (rule.effect() == RuleEffect.ASSUMPTION) {
                PolicyRule.Assumes a = rule.assumes();
                out.append("| ").append(rule.id()).append(" | `").append(a.field()).append("` | ")
                        .append(cell(policy.assumed(rule.id(), Language.EN))).append(" | ").append(a.otherwise())
                        .append(" (").append(String.join(", ", a.because())).append(") | ")
                        .append(cell(policy.message(rule.id(), Language.EN))).append(" | ")
                        .append(cell(policy.message(rule.id(), Language.FR))).append(" | ")
                        .append(String.join(", ", rule.clauses())).append(" |\n");
            }
        }
        out.append("\n## Whom to ask\n\n| contact | en | fr |\n|---|---|---|\n");
        for (Contact contact : Contact.values()) {
            out.append("| ").append(contact.name()).append(" | ").append(cell(policy.contact(contact, Language.EN)))
                    .append(" | ").append(cell(policy.contact(contact, Language.FR))).append(" |\n");
        }
        out.append("\n## Clauses\n\n| id | title (en) | titre (fr) | source, section |\n|---|---|---|---|\n");
        for (Clause clause : policy.catalogue()) {
            out.append("| ").append(clause.id()).append(" | ").append(cell(clause.title())).append(" | ")
                    .append(cell(policy.title(clause, Language.FR))).append(" | ")
                    .append(cell(clause.source() + ", " + clause.section())).append(" |\n");
        }
        out.append("\n## Clause texts\n\nEach clause in its source's words, then its unofficial translation into the other"
                + " language (translations.json), which helps a reader and never replaces the source.\n");
        for (Clause clause : policy.catalogue()) {
            out.append("\n**").append(clause.id()).append("** (").append(clause.language()).append("): ")
                    .append(clause.text().strip()).append("\n");
            if (clause.translation() != null) {
                // shipped with the policy to help a reader of the other language; the source's words above rule
                out.append("\n> ").append(clause.translation().language()).append(", ")
                        .append(clause.translation().language().equals("fr") ? "traduction non officielle"
                                : "unofficial translation").append(": ").append(clause.translation().text().strip())
                        .append("\n");
            }
        }
        return out.toString();
    }

    private static void section(StringBuilder out, Policy policy, String title, RuleEffect effect) {
        List<PolicyRule> rules = policy.rules().stream().filter(r -> r.effect() == effect).toList();
        boolean items = effect == RuleEffect.OBLIGATION || effect == RuleEffect.ADVICE;
        out.append("\n## ").append(title).append("\n\n| rule | ")
                .append(items ? "item" : effect == RuleEffect.ESCALATE ? "ask" : "effect")
                .append(" | en | fr | clauses | file |\n|---|---|---|---|---|---|\n");
        for (PolicyRule rule : rules) {
            String what = items ? "`" + rule.item() + "`" : effect == RuleEffect.ESCALATE
                    ? String.join(", ", rule.escalateTo().stream().map(Enum::name).toList()) : effect.name();
            out.append("| ").append(rule.id()).append(" | ").append(what).append(" | ")
                    .append(cell(policy.message(rule.id(), Language.EN))).append(" | ")
                    .append(cell(policy.message(rule.id(), Language.FR))).append(" | ")
                    .append(String.join(", ", rule.clauses())).append(" | ").append(rule.file()).append(" |\n");
        }
    }

    private static String cell(String text) {
        return text.strip().replace("|", "\\|").replace("\n", " ");
    }
}
