"""The spool's cost for the claims the cross-claim rules change: a batch of copies of one claim
(every claim a duplicate of every other) checks each claim twice, not three times, and says the
same as the reports held in memory. And its file: entries read back between writes that are
still in the write buffer."""

from __future__ import annotations

import datetime as dt

from conftest import REPO

from expensecli.load.ratebook import load_ratebook
from expensecli.render.claims_json import claim_text
from expensecli.render.streamed import claim_stats
from expensecli.run import batch
from expensecli.run import spool as spool_module
from expensecli.run.batch import ClaimSource, Settings, check_sources
from expensecli.run.spool import Spool, spool_sources

COPIES = 12


def test_copies_of_one_claim_are_checked_twice_each_and_settled_as_in_memory(tmp_path, monkeypatch):
    text = (REPO / "examples" / "claims" / "employee-equipment.yaml").read_text()
    for n in range(COPIES):
        (tmp_path / f"copy-{n:02d}.yaml").write_text(text)
    sources = [ClaimSource(f"copy-{n:02d}.yaml", str(tmp_path / f"copy-{n:02d}.yaml")) for n in range(COPIES)]
    settings = Settings(load_ratebook(), dt.date(2024, 5, 1), 100_000, render=claim_text, stats=claim_stats)
    checked = []
    real = batch.check_one
    monkeypatch.setattr(batch, "check_one", lambda index, *rest: checked.append(index) or real(index, *rest))

    spool = spool_sources(sources, settings)
    try:
        assert sorted(checked) == sorted([*range(COPIES)] * 2)  # once, then once for the shared keys
        streamed = [spool.text(index) for index in spool.order()]
    finally:
        spool.close()
    reports, texts = check_sources(sources, settings)
    assert streamed == [claim_text(report) for report in reports]
    assert all('"MX006"' in text and '"MX004"' in text for text in streamed)  # every copy changed by both


def test_entries_read_back_between_buffered_writes_are_whole_and_in_place():
    spool = Spool(Settings(load_ratebook(), dt.date(2024, 5, 1), 100_000), [])
    try:
        parts = [bytes([n % 251]) * size for n, size in enumerate((1, 4096, 70_000, 3, 2_000_000, 17))]
        where = []
        for n, part in enumerate(parts):
            where.append(spool._put(part))
            assert spool._get(*where[n]) == part  # the newest entry, still buffered
            assert spool._get(*where[0]) == parts[0]  # an old one, reading moves no writing position
        assert [spool._get(*place) for place in where] == parts
        assert spool._put(None) == (spool.end, -1)
        assert spool.file.seek(0, 2) == spool.end == sum(map(len, parts))
    finally:
        spool.close()


def test_entries_read_in_the_order_written_take_one_read_a_block(monkeypatch):
    reads = []
    real = spool_module.read_at
    monkeypatch.setattr(spool_module, "read_at", lambda *where: reads.append(where[1:]) or real(*where))
    spool = Spool(Settings(load_ratebook(), dt.date(2024, 5, 1), 100_000), [])
    try:
        entries = [f"claim {n}: {'x' * (n % 700)}".encode() for n in range(3200)]  # just over 1 MiB in all
        where = [spool._put(entry) for entry in entries]
        assert [spool._get(*place) for place in where] == entries
        assert spool.end > spool_module.READ_AHEAD
        assert len(reads) == 2 and reads[0] == (0, spool_module.READ_AHEAD)
        second = reads[1][0]  # the first entry the first block does not hold whole, to the end of the file
        assert spool_module.READ_AHEAD - 700 < second <= spool_module.READ_AHEAD and reads[1][1] == spool.end - second
        reads.clear()
        far = where[10], where[3000], where[20]  # far from the block read last: each read alone
        assert [spool._get(*place) for place in far] == [entries[10], entries[3000], entries[20]]
        assert reads == [(start, size) for start, size in far]
    finally:
        spool.close()
