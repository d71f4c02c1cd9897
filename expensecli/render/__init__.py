"""Output formats: each renderer turns finished reports into text and never prints.

Machine formats (json, jsonl, csv, junit, xlsx) carry no summary and no colour; the text ones
are the same bytes for the same input whatever the number of worker processes. xlsx is the
one binary format: its renderers return bytes (`render.workbook`).
"""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    table = "table"
    concise = "concise"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    junit = "junit"
    xlsx = "xlsx"

    @property
    def machine(self) -> bool:
        return self not in (Format.table, Format.concise)
