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
        name = f"{report.file} ({report.id})" if report.id else report.file
        case = ET.SubElement(suite, "testcase", classname="expensecli", name=name, file=report.file)
        blocking, others = [], []
        for f in report.findings:
            (blocking if f.severity is Severity.error and not f.waived else others).append(f)
        if blocking:
            tag = "failure" if report.loaded else "error"
            failures += tag == "failure"
            errors += tag == "error"
            element = ET.SubElement(case, tag, type=blocking[0].code,
                                    message=ntr("{count} error: {message}", "{count} errors: {message}",
                                                len(blocking), message=blocking[0].message))
            element.text = "\n".join(concise_line(f) for f in blocking)
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(concise_line(f) for f in others)
    suite.set("tests", str(len(reports)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    return xml_document(suites)


_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_document(root: ET.Element) -> str:
    """The indented document with its declaration; characters XML 1.0 forbids written as text."""
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    if _XML_FORBIDDEN.search(text):
        text = _XML_FORBIDDEN.sub(lambda found: f"\\x{ord(found.group()):02x}" if ord(found.group()) < 0x100
                                  else f"\\u{ord(found.group()):04x}", text)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"
