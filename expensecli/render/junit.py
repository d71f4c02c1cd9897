"""`junit`: one test case per claim, so CI dashboards show claims as passed or failed.

A claim whose file could not be loaded is an `<error>`; findings of severity error are a
`<failure>`; warnings, infos and waived findings are listed in `<system-out>`.

Every character XML 1.0 forbids (controls other than tab and line ends, lone surrogates,
U+FFFE/U+FFFF) is written as `\\xNN`/`\\uNNNN` text, so no claim can make the file invalid XML;
values from claims are escaped before they get here, this is the last guard. Rendering is
linear in the number of findings.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from expensecli.core.findings import Severity
from expensecli.core.i18n import ntr
from expensecli.policy.engine import ClaimResult
from expensecli.render.text import concise_line


def render_junit(reports: Sequence[ClaimResult]) -> str:
    suites = ET.Element("testsuites", name="expensecli")
    suite = ET.SubElement(suites, "testsuite", name="expensecli check")
    failures = errors = 0
    for report in reports:
        tag = _case(suite, report)
        failures += tag == "failure"
        errors += tag == "error"
    _counts(suite, len(reports), failures, errors)
    return xml_document(suites)


def _case(suite: ET.Element, report: ClaimResult) -> str | None:
    """The claim's test case added to `suite`; "failure" or "error" when it has blocking findings."""
    name = f"{report.file} ({report.id})" if report.id else report.file
    case = ET.SubElement(suite, "testcase", classname="expensecli", name=name, file=report.file)
    blocking, others = [], []
    for f in report.findings:
        (blocking if f.severity is Severity.error and not f.waived else others).append(f)
    tag = None
    if blocking:
        tag = "failure" if report.loaded else "error"
        element = ET.SubElement(case, tag, type=blocking[0].code,
                                message=ntr("{count} error: {message}", "{count} errors: {message}",
                                            len(blocking), message=blocking[0].message))
        element.text = "\n".join(concise_line(f) for f in blocking)
    if others:
        ET.SubElement(case, "system-out").text = "\n".join(concise_line(f) for f in others)
    return tag


def _counts(suite: ET.Element, tests: int, failures: int, errors: int) -> None:
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))


def claim_junit(report: ClaimResult) -> str:
    """A claim's test case as it stands, indented, in the document `render_junit` writes; the
    document is `junit_ends` around these, `JUNIT_SEPARATOR` between them."""
    suites = ET.Element("testsuites", name="expensecli")
    suite = ET.SubElement(suites, "testsuite", name="expensecli check")
    _case(suite, report)
    ET.indent(suites)
    case = suite[0]
    case.tail = None
    return _allowed(ET.tostring(case, encoding="unicode"))


JUNIT_SEPARATOR = "\n    "


def junit_ends(tests: int, failures: int, errors: int) -> tuple[str, str]:
    """The document before its first test case and after its last (for at least one case)."""
    suites = ET.Element("testsuites", name="expensecli")
    suite = ET.SubElement(suites, "testsuite", name="expensecli check")
    ET.SubElement(suite, "x")
    _counts(suite, tests, failures, errors)
    head, tail = xml_document(suites).split("<x />")
    return head, tail


_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_document(root: ET.Element) -> str:
    """The indented document with its declaration; characters XML 1.0 forbids written as text."""
    ET.indent(root)
    text = _allowed(ET.tostring(root, encoding="unicode"))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


def _allowed(text: str) -> str:
    if _XML_FORBIDDEN.search(text):
        text = _XML_FORBIDDEN.sub(lambda found: f"\\x{ord(found.group()):02x}" if ord(found.group()) < 0x100
                                  else f"\\u{ord(found.group()):04x}", text)
    return text
