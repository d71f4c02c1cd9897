"""`--select` / `--ignore`: which codes are reported (by code or prefix, like flake8), and the
configuration's `[severity]`: at which severity a code is reported.

Both change what is reported, never what is computed; the engine takes them as data (it reads
no configuration file). A severity set for a code or prefix replaces the rule's own, the longest
match winning, and so counts toward `--fail-on` and the summary like the rule's own would.
"""

from __future__ import annotations

from dataclasses import dataclass

from expensecli.core.findings import Severity


@dataclass(frozen=True)
class Selection:
    """Which codes a run reports (`--select`, `--ignore`) and the severities the configuration changed."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()  # (code or prefix, severity) from the configuration

    @classmethod
    def parse(cls, select: str | None, ignore: str | None,
              severity: tuple[tuple[str, Severity], ...] = ()) -> "Selection":
        return cls(_codes(select), _codes(ignore), severity)

    def severity_of(self, code: str, severity: Severity) -> Severity:
        """The configured severity of `code` (longest matching code or prefix), else `severity`."""
        if not self.severity:
            return severity
        matches = [(len(prefix), level) for prefix, level in self.severity if code.startswith(prefix)]
        return max(matches, key=lambda match: match[0])[1] if matches else severity

    def reports(self, code: str) -> bool:
        """The longest matching prefix wins; with no --select everything is selected."""
        if not self.select and not self.ignore:
            return True
        chosen = _longest(self.select, code) if self.select else 0
        if chosen is None:
            return False
        ignored = _longest(self.ignore, code)
        return ignored is None or chosen > ignored

    def unknown(self, known: set[str]) -> list[str]:
        """Entries matching no code at all: a typo such as `--select CA01X`."""
        return [p for p in self.select + self.ignore if not any(code.startswith(p) for code in known)]


def _longest(prefixes: tuple[str, ...], code: str) -> int | None:
    return max((len(p) for p in prefixes if code.startswith(p)), default=None)


def _codes(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(part.strip().upper() for part in text.split(",") if part.strip())
