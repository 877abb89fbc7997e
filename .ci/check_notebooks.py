#!/usr/bin/python3
"""Checks an executed example notebook: every code cell ran without an error output, and the
verdicts it shows are the expected ones.

    /usr/bin/python3 .ci/check_notebooks.py EXECUTED.ipynb AIPOLICY_JAR INVENTORY.jsonl
    /usr/bin/python3 .ci/check_notebooks.py --committed NOTEBOOK.ipynb...

Every notebook, executed or committed: no output holds a terminal colour code (ESC [) or an absolute
path of a machine (/work/, /root/, /home/), in any output (stream text, rich data, error tracebacks).
--committed checks only that, and that every code cell has been executed (the committed notebooks are
what a reader sees on a code-hosting page).

check-one-use.ipynb: the verdicts expected for each use, written by hand from the policy (docs/policy.md).
audit-inventory.ipynb: the summary it shows must equal the command-line tool's decisions of the same
inventory (`java -jar aipolicy.jar evaluate --batch`), counted here independently: totals,
verdict x purpose, verdict x hosting, clause citation counts, the listed refusals and escalations,
and the unreadable lines.

Exit status 0 when everything holds, 1 otherwise (each failure is printed).
"""
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

import nbformat

VERDICTS = ("ALLOW", "ESCALATE", "DENY")
# What must never appear in an output: a terminal colour code, or a path that only means something on
# the machine that executed the notebook.
FORBIDDEN = (("\u001b[", "a terminal colour code"), ("/work/", "an absolute path"),
             ("/root/", "an absolute path"), ("/home/", "an absolute path"))


def strings(value):
    """Every string inside an output (nested lists and dicts included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)


class Checker:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        self.failures = []
        self.nb = nbformat.read(path, as_version=4)
        nbformat.validate(self.nb)
        self.cells = {c.get("id"): c for c in self.nb.cells}

    def fail(self, message):
        self.failures.append(message)

    def check(self, condition, message):
        if not condition:
            self.fail(message)
        return condition

    def check_ran_cleanly(self):
        for index, cell in enumerate(self.nb.cells):
            if cell.cell_type != "code":
                continue
            where = "cell %d (%s)" % (index + 1, cell.get("id"))
            self.check(cell.get("execution_count") is not None, where + " was not executed")
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    self.fail("%s: %s: %s" % (where, output.get("ename"), output.get("evalue")))
                if output.get("output_type") == "stream" and output.get("name") == "stderr":
                    text = output.get("text", "")
                    if re.search(r"Exception|ERROR|error:", text):
                        self.fail("%s wrote an error on standard error: %s" % (where, text[:300]))

    def check_clean_outputs(self):
        for index, cell in enumerate(self.nb.cells):
            for output in cell.get("outputs", []):
                for text in strings(dict(output)):
                    for needle, what in FORBIDDEN:
                        at = text.find(needle)
                        if at >= 0:
                            self.fail("cell %d (%s): an output holds %s (%r): %r" % (
                                index + 1, cell.get("id"), what, needle, text[max(0, at - 40):at + 60]))

    def text(self, cell_id, kind=None):
        """The outputs of a cell as one string: stream text, then text/html, text/markdown, text/plain."""
        cell = self.cells.get(cell_id)
        if cell is None:
            self.fail("no cell with id %r" % cell_id)
            return ""
        parts = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and kind in (None, "stream"):
                parts.append(output.get("text", ""))
            data = output.get("data", {})
            for mime in ("text/html", "text/markdown", "text/plain"):
                if mime in data and kind in (None, mime):
                    value = data[mime]
                    parts.append("".join(value) if isinstance(value, list) else value)
        return "\n".join(parts)

    def card_verdict(self, cell_id, expected, clauses=(), contacts=(), obligations=(), lang="en", assumptions=None,
                     rules=()):
        """A decision card: its verdict, language, cited clauses, contacts, obligations, reasons' rules and, when
        given, exactly the fields it took for granted, read from the data- attributes the card carries (the
        visible text is in words, not codes)."""
        html = self.text(cell_id, "text/html")
        found = re.search(r'class="aipolicy-card" data-verdict="(\w+)" lang="(\w+)"', html)
        if not self.check(found is not None, "%s: no decision card in the output" % cell_id):
            return html
        self.check(found.group(1) == expected, "%s: verdict %s, expected %s" % (cell_id, found.group(1), expected))
        self.check(found.group(2) == lang, "%s: card in %s, expected %s" % (cell_id, found.group(2), lang))
        for clause in clauses:
            self.check('<div class="aipolicy-clause" data-clause="%s"' % clause in html,
                       "%s: clause %s not cited" % (cell_id, clause))
        for contact in contacts:
            self.check('<li data-contact="%s">' % contact in html, "%s: contact %s not shown" % (cell_id, contact))
        for obligation in obligations:
            self.check('<li data-obligation="%s">' % obligation in html,
                       "%s: obligation %s not shown" % (cell_id, obligation))
        for rule in rules:
            self.check('<li data-rule="%s"' % rule in html, "%s: reason %s not shown" % (cell_id, rule))
        if assumptions is not None:
            shown = re.findall(r'<li data-assumption="([^"]+)">', html)
            self.check(shown == list(assumptions),
                       "%s: assumptions shown %s, expected %s" % (cell_id, shown, list(assumptions)))
        return html


def check_one_use(c):
    # Expected from the policy (docs/policy.md), by hand.
    c.card_verdict("builder-deny", "DENY", clauses=("R3", "R4.1"))                       # D1
    french = c.card_verdict("builder-french", "DENY", clauses=("R3", "R4.1"), lang="fr")  # D1, in French
    for words in ("Interdit", "Pourquoi", "Clauses citées", "plateforme externe", "rédaction"):
        c.check(words in french, "builder-french: %r not on the French card" % words)
    c.card_verdict("builder-allow", "ALLOW", clauses=("R4.1",),                          # P1
                   obligations=("VERIFY_OUTPUTS", "DISCLOSE_AI_USE"))
    c.card_verdict("builder-training", "ESCALATE", clauses=("R7.1",), contacts=("DPO", "CDO"))  # S5
    c.card_verdict("json-escalate", "ESCALATE", clauses=("R4.4",), contacts=("DPO",))   # S2
    what_if = c.text("what-if", "stream")
    for hosting, verdict in (("LOCAL", "ALLOW"), ("INTERNAL", "ALLOW"),
                             ("EXTERNAL_SOVEREIGN", "DENY"), ("EXTERNAL", "DENY")):
        c.check(re.search(r"^%s\s+%s\s" % (hosting, verdict), what_if, re.M) is not None,
                "what-if: expected %s for %s in:\n%s" % (verdict, hosting, what_if))
    markdown = c.text("markdown-card", "text/markdown")
    c.check(re.match(r"### \S+ Ask first", markdown) is not None,
            "markdown-card: expected a Markdown card headed 'Ask first' (ESCALATE), got %r" % markdown[:80])
    c.check("field: hosting;" in c.text("invalid", "stream"), "invalid: the refusal does not name the field hosting")
    # A local model summarising identifiable health records, training and automated decisions not stated:
    # P2 allows it, taking for granted U1 (userTrained), U7 (automatedDecisionOnPeople) and U8 (a LOCAL
    # hosting no catalogue confirms); O8 asks to pseudonymise. Strict, the same use escalates (STRICT) to
    # whom those assumptions name: TRAINING_UNIT (U1), DPO (U7), AI_UNIT (U8).
    took = ("context.userTrained", "context.automatedDecisionOnPeople", "hosting")
    c.card_verdict("assumptions", "ALLOW", clauses=("R0.1", "R0.2", "CNIL-4"), rules=("P2",),
                   obligations=("VERIFY_OUTPUTS", "DISCLOSE_AI_USE", "PSEUDONYMISE_HEALTH_DATA"), assumptions=took)
    c.card_verdict("strict", "ESCALATE", contacts=("DPO", "AI_UNIT", "TRAINING_UNIT"), rules=("STRICT",),
                   obligations=("PSEUDONYMISE_HEALTH_DATA",), assumptions=took)


def cli_decisions(jar, inventory):
    """Decides the inventory's usages with the command-line tool: {line: decision or error}, entries."""
    entries = []
    with open(inventory, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                entries.append((number, json.loads(line)))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as usages:
        for _, entry in entries:
            usages.write(json.dumps(entry["usage"]) + "\n")
    try:
        run = subprocess.run(["java", "-jar", jar, "evaluate", "--batch", usages.name],
                             capture_output=True, text=True, check=False)
    finally:
        os.unlink(usages.name)
    if run.returncode not in (0, 2):
        raise RuntimeError("aipolicy evaluate --batch exited %d: %s" % (run.returncode, run.stderr))
    outputs = [json.loads(line) for line in run.stdout.splitlines()]
    if len(outputs) != len(entries):
        raise RuntimeError("aipolicy evaluate --batch gave %d lines for %d" % (len(outputs), len(entries)))
    return [(number, entry, out) for (number, entry), out in zip(entries, outputs)], run.stderr


def table_rows(html, by):
    """{code: (allow, escalate, deny)} from a summary table the notebook shows; each row carries the
    code it counts (data-key: a purpose, a hosting, or "all") while it shows a label in words."""
    table = re.search(r'<table class="aipolicy-table" data-by="%s">(.*?)</table>' % by, html, re.S)
    if table is None:
        return None
    rows = {}
    for key, a, e, d in re.findall(r'<tr data-key="(\w+)"><td[^>]*>.*?</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td>',
                                   table.group(1)):
        rows[key] = (int(a), int(e), int(d))
    return rows


def check_audit(c, jar, inventory):
    decided, cli_summary = cli_decisions(jar, inventory)
    verdicts = collections.Counter()
    by_purpose = collections.defaultdict(collections.Counter)
    by_hosting = collections.defaultdict(collections.Counter)
    clause_counts = collections.Counter()
    verdict_of = {}
    errors = []
    for number, entry, out in decided:
        if "verdict" not in out:
            errors.append((number, entry["id"]))
            continue
        v = out["verdict"]
        verdict_of[entry["id"]] = v
        verdicts[v] += 1
        by_purpose[entry["usage"]["purpose"]][v] += 1
        by_hosting[entry["usage"]["hosting"]][v] += 1
        for clause in out["citations"]:
            clause_counts[clause["id"]] += 1
    total = len(decided)
    print("notebooks: %s: the command-line tool decided the same inventory: %s"
          % (c.name, cli_summary.strip().replace("aipolicy: ", "")))

    read = c.text("read", "stream")
    c.check(read.startswith("%d lines; %d unreadable; every line labelled synthetic: true" % (total, len(errors))),
            "read: got %r" % read[:100])

    expected_totals = "%d lines: %d allowed, %d to ask first, %d not allowed, %d unreadable" % (
        total, verdicts["ALLOW"], verdicts["ESCALATE"], verdicts["DENY"], len(errors))
    decide = c.text("decide", "stream")
    c.check(decide.startswith(expected_totals), "decide: expected %r, got %r" % (expected_totals, decide[:100]))

    for cell_id, by, expected in (("by-purpose", "purpose", by_purpose), ("by-hosting", "hosting", by_hosting)):
        rows = table_rows(c.text(cell_id, "text/html"), by)
        if not c.check(rows is not None, "%s: no table" % cell_id):
            continue
        for label, counts in expected.items():
            want = tuple(counts[v] for v in VERDICTS)
            c.check(rows.get(label) == want, "%s: %s shows %s, expected %s" % (cell_id, label, rows.get(label), want))
        shown = {k: v for k, v in rows.items() if k != "all" and any(v)}
        c.check(set(shown) == set(expected), "%s: rows %s, expected %s" % (cell_id, sorted(shown), sorted(expected)))
        c.check(rows.get("all") == tuple(verdicts[v] for v in VERDICTS), "%s: wrong 'all' row" % cell_id)

    french = c.text("by-hosting-fr", "text/html")
    c.check(table_rows(french, "hosting") == table_rows(c.text("by-hosting", "text/html"), "hosting"),
            "by-hosting-fr: the French table does not count what the English one does")
    for words in ("Verdict par hébergement", "plateforme externe", "Interdit"):
        c.check(words in french, "by-hosting-fr: %r not in the French table" % words)

    clauses_html = c.text("clauses", "text/html")
    listed = re.findall(r"<tr[^>]*><td[^>]*><b>([^<]+)</b></td><td[^>]*>[^<]*</td>(?:<td>\d+</td>){3}<td>(\d+)</td>",
                        clauses_html)
    c.check(len(listed) == min(10, len(clause_counts)), "clauses: %d rows listed" % len(listed))
    for clause, count in listed:
        c.check(int(count) == clause_counts[clause],
                "clauses: %s cited %s times, the tool says %d" % (clause, count, clause_counts[clause]))
    if listed:
        c.check(int(listed[0][1]) == max(clause_counts.values()), "clauses: the first row is not the most cited")

    c.check(c.text("chart", "text/html").count("<svg") == 2, "chart: expected two SVG charts")

    for cell_id, verdict in (("denied", "DENY"), ("escalated", "ESCALATE")):
        html = c.text(cell_id, "text/html")
        ids = re.findall(r"<tr><td>(SYN-\d+)</td>", html)
        c.check(len(ids) == min(8, verdicts[verdict]), "%s: %d rows" % (cell_id, len(ids)))
        first = [eid for eid, v in verdict_of.items() if v == verdict][:8]
        c.check(ids == first, "%s: rows %s, expected the first %s entries %s" % (cell_id, ids, verdict, first))

    c.card_verdict("one-card", "ESCALATE")

    unreadable = c.text("unreadable", "stream")
    shown = re.findall(r"^line\s+(\d+)\s+(SYN-\d+)", unreadable, re.M)
    c.check([(int(n), i) for n, i in shown] == errors,
            "unreadable: listed %s, the tool could not read %s" % (shown, errors))


def report(c):
    for failure in c.failures:
        print("notebooks: %s: FAILED: %s" % (c.name, failure), file=sys.stderr)
    return not c.failures


def main(argv):
    if len(argv) >= 3 and argv[1] == "--committed":
        ok = True
        for path in argv[2:]:
            c = Checker(path)
            c.check_clean_outputs()
            for index, cell in enumerate(c.nb.cells):
                if cell.cell_type == "code" and cell.get("execution_count") is None:
                    c.fail("cell %d (%s) is committed without its outputs" % (index + 1, cell.get("id")))
            if report(c):
                print("notebooks: %s (committed): outputs clean" % c.name)
            else:
                ok = False
        return 0 if ok else 1
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    path, jar, inventory = argv[1:]
    c = Checker(path)
    c.check_ran_cleanly()
    c.check_clean_outputs()
    if c.name == "check-one-use.ipynb":
        check_one_use(c)
    elif c.name == "audit-inventory.ipynb":
        check_audit(c, jar, inventory)
    else:
        c.fail("no expected verdicts are written for this notebook: add them to .ci/check_notebooks.py")
    if report(c):
        print("notebooks: %s: outputs and verdicts as expected" % c.name)
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
