"""`--select` / `--ignore`: which codes are reported (by code or prefix, like flake8)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Selection:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @classmethod
    def parse(cls, select: str | None, ignore: str | None) -> "Selection":
        return cls(_codes(select), _codes(ignore))

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
