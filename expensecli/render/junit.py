"""`junit`: one test case per claim, so CI dashboards show claims as passed or failed.

A claim whose file could not be loaded is an `<error>`; findings of severity error are a
`<failure>`; warnings, infos and waived findings are listed in `<system-out>`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from expensecli.core.findings import Severity
from expensecli.policy.engine import ClaimReport
from expensecli.render.text import concise_line


def render_junit(reports: Sequence[ClaimReport]) -> str:
    suites = ET.Element("testsuites", name="expensecli")
    suite = ET.SubElement(suites, "testsuite", name="expensecli check")
    failures = errors = 0
    for report in reports:
        name = f"{report.file} ({report.id})" if report.id else report.file
        case = ET.SubElement(suite, "testcase", classname="expensecli", name=name, file=report.file)
        blocking = [f for f in report.findings if f.severity is Severity.error and not f.waived]
        others = [f for f in report.findings if f not in blocking]
        if blocking:
            tag = "failure" if report.loaded else "error"
            failures += tag == "failure"
            errors += tag == "error"
            element = ET.SubElement(case, tag, type=blocking[0].code,
                                    message=f"{len(blocking)} error{'s' if len(blocking) > 1 else ''}: {blocking[0].message}")
            element.text = "\n".join(concise_line(f) for f in blocking)
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(concise_line(f) for f in others)
    suite.set("tests", str(len(reports)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
