"""Output formats: each renderer turns finished reports into text and never prints.

Machine formats (json, jsonl, csv, junit) carry no summary and no colour, and are the same
bytes for the same input whatever the number of worker processes.
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

    @property
    def machine(self) -> bool:
        return self not in (Format.table, Format.concise)
