"""Validation reports for machines: JSON, JUnit XML and GitHub Actions annotations."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import asdict
from typing import Any

from runner.findings import ERROR
from runner.validate import ValidationReport


def as_json(reports: list[ValidationReport]) -> list[dict[str, Any]]:
    return [{"database": r.database, "ok": r.ok,
             "checks": [{"name": c.name, "ok": c.ok, "seconds": c.seconds,
                         "findings": [asdict(f) for f in c.findings]} for c in r.checks]}
            for r in reports]


def junit(reports: list[ValidationReport]) -> str:
    """One test suite per database, one test case per check; errors are failures, warnings system-out."""
    root = ET.Element("testsuites", name="runner validate")
    for r in reports:
        failures = sum(1 for c in r.checks if not c.ok)
        suite = ET.SubElement(root, "testsuite", name=r.database, tests=str(len(r.checks)),
                              failures=str(failures), errors="0",
                              time=f"{sum(c.seconds for c in r.checks):.3f}")
        for c in r.checks:
            case = ET.SubElement(suite, "testcase", classname=r.database, name=c.name, time=f"{c.seconds:.3f}")
            errors = [f for f in c.findings if f.severity == ERROR]
            if errors:
                failure = ET.SubElement(case, "failure", message=str(errors[0]).splitlines()[0][:500],
                                        type=errors[0].check)
                failure.text = "\n\n".join(str(f) for f in errors)
            warnings = [f for f in c.findings if f.severity != ERROR]
            if warnings:
                ET.SubElement(case, "system-out").text = "\n".join(str(f) for f in warnings)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def github(reports: list[ValidationReport]) -> str:
    """``::error file=…,line=…,col=…,title=…::message`` lines for GitHub Actions."""
    lines = []
    for r in reports:
        for c in r.checks:
            for f in c.findings:
                props = [f"title={_escape(f'{r.database}: {f.check}', prop=True)}"]
                if f.file:
                    props.insert(0, f"file={_escape(f.file, prop=True)}")
                    if f.line:
                        props.insert(1, f"line={f.line}")
                        if f.column:
                            props.insert(2, f"col={f.column}")
                level = "error" if f.severity == ERROR else "warning"
                lines.append(f"::{level} {','.join(props)}::{_escape(f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
