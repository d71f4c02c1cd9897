"""The rule catalogue as text: `rules list` (table or JSON) and `rules explain CODE` (text or JSON).

`rules explain CODE -f json`: {"version": 1, "code", "severity", "title", "checks", "source":
{"page", "quote", "english"}, "figures": {"sheet": {"year", "valid_from", "valid_to"}, "values":
[{"path", "value"}]}, "example": {"about", "as_of", "sheet_changes", "fail": [claim text],
"pass": [claim text], "reported": [finding]} or null}; a figure's value is as `rates show`
writes it, a finding as in `check -f json` with its file.

Titles, what a rule checks, the example's description and the sentences around them follow the
language of the run (`--lang`); keys, codes, severities, the source's page and quote (and the
quote's English rendering, a field of the JSON) do not.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

from expensecli.core.i18n import language, tr
from expensecli.models.ratebook import valid_period
from expensecli.policy.registry import Rule
from expensecli.render.columns import columns, figure_display
from expensecli.report.explain import Explanation

WIDTH = 100


def rules_table(rules: Sequence[Rule]) -> str:
    return columns((tr("CODE"), tr("SEVERITY"), tr("TITLE")), [(r.code, r.severity.value, tr(r.title)) for r in rules])


def checks_text(checks: str) -> str:
    """What a rule checks (its docstring, as `what_it_checks` gives it) in the language of the run."""
    return tr(checks) if checks else ""


def rules_json(rules: Sequence[tuple[Rule, str]]) -> str:
    """`(rule, what it checks)` pairs as {"version": 1, "rules": [...]}: the title and what it
    checks in the language of the run; the source as the rule cites it."""
    items = [{"code": rule.code, "severity": rule.severity.value, "title": tr(rule.title),
              "checks": checks_text(checks),
              "source": {"page": rule.source.page, "quote": rule.source.quote, "english": rule.source.english}}
             for rule, checks in rules]
    return json.dumps({"version": 1, "rules": items}, ensure_ascii=False, indent=2) + "\n"


def _wrap(text: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent="  ", subsequent_indent="  ") + "\n"


def _snippet(text: str) -> str:
    return "".join(f"    {line}".rstrip() + "\n" for line in text.splitlines())


def explanation_text(e: Explanation) -> str:
    """The rule at length in the language of the run. The policy quote stays in the page's own
    language; its English rendering (the Nynorsk page's quotes) is shown in English output only."""
    rule, example = e.rule, e.example
    out = [f"{rule.code} [{rule.severity.value}] {tr(rule.title)}\n", "\n", tr("What it checks:") + "\n",
           _wrap(checks_text(e.checks) or "-")]
    out += ["\n", tr("Source: {page}", page=tr(rule.source.page)) + "\n", _wrap(f'"{rule.source.quote}"')]
    if rule.source.english and language() == "en":
        out.append(_wrap(f"English: {rule.source.english}"))
    out.append("\n")
    if e.figures:
        sheet = e.sheet
        out.append(tr("Figures from the {year} rate sheet (valid {valid}):", year=sheet.year,
                      valid=valid_period(sheet)) + "\n")
        width = max(len(f.path) for f in e.figures)
        out += [f"  {f.path.ljust(width)}  {figure_display(f.path, f.value)}\n" for f in e.figures]
    else:
        out.append(tr("Figures: none; this rule uses no figure from the rate sheet.") + "\n")
    if example is None:
        return "".join(out)
    changes = "; ".join(f"{path} = {_value(value)}" for path, value in example.sheet)
    setting = (tr("checked as of {date}, with a rate sheet where {changes}", date=example.as_of, changes=changes)
               if changes else tr("checked as of {date}", date=example.as_of))
    about = tr(example.about)
    if example.fail_encoding != "utf-8":
        about = tr("{about} (saved as {encoding})", about=about, encoding=example.fail_encoding)
    if example.batch:
        about = tr("{about} (checked together)", about=about)
    out += ["\n", textwrap.fill(tr("Fails: {about}; {setting}", about=about, setting=setting), WIDTH,
                                subsequent_indent="  ") + "\n"]
    out += _claims(example.fail, "fail")
    out += ["\n", tr("Reported as:") + "\n"]
    out += [f"  {f.file}:{f.line}:{f.column}: {f.code} [{f.severity.value}] {f.message}\n" for f in e.findings] or [
        "  " + tr("(nothing: the rule did not fire on this example)") + "\n"]
    out += ["\n", tr("Passes:") + "\n"]
    out += _claims(example.passes, "pass")
    return "".join(out)


def explanation_json(e: Explanation) -> str:
    from expensecli.render.claims_json import finding_json

    rule, example, sheet = e.rule, e.example, e.sheet
    document = {
        "version": 1, "code": rule.code, "severity": rule.severity.value, "title": tr(rule.title),
        "checks": checks_text(e.checks),
        "source": {"page": rule.source.page, "quote": rule.source.quote, "english": rule.source.english},
        "figures": {"sheet": {"year": sheet.year, "valid_from": str(sheet.valid_from), "valid_to": str(sheet.valid_to)},
                    "values": [{"path": f.path, "value": figure_display(f.path, f.value)} for f in e.figures]},
        "example": None if example is None else {
            "about": tr(example.about), "as_of": str(example.as_of),
            "sheet_changes": [{"path": path, "value": _value(value)} for path, value in example.sheet],
            "fail": list(example.fail), "pass": list(example.passes),
            "reported": [{"file": f.file, **finding_json(f)} for f in e.findings]},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _claims(texts: Sequence[str], which: str) -> list[str]:
    if len(texts) == 1:
        return [_snippet(texts[0])]
    parts = []
    for n, text in enumerate(texts, start=1):
        parts += [f"  {which}-{n}.yaml:\n", _snippet(text)]
    return parts


def _value(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def unknown_code_message(code: str, nearest: Sequence[str]) -> str:
    if nearest:
        return tr("unknown rule code '{code}'; nearest: {nearest} (expensecli rules list shows them all)",
                  code=code, nearest=", ".join(nearest))
    return tr("unknown rule code '{code}' (expensecli rules list shows them all)", code=code)
