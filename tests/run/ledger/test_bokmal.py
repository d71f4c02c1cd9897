"""The ledger commands in bokmål (`--lang nb`): their lines, tables and errors (SQLite).

What the ledger stores (codes, severities, the findings' messages as recorded) is data and is
shown as it is; the sentences, labels and headers around it follow the language.
"""

from __future__ import annotations

import re

import pytest
from ledger_support import claim

STAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"


@pytest.fixture
def sqlite(tmp_path):
    return str(tmp_path / "ledger.sqlite")


def message(result) -> str:
    """The one line of a failed command, without its "expensecli: error: " prefix."""
    (line,) = result.stderr.splitlines()
    return line.split(": ", 2)[2]


def test_waive_and_revoke_say_what_they_did_in_bokmal(sqlite, cli, monkeypatch):
    waived = cli("waive", "R-1", "doc001", "--reason", "Kvittering sett på papir", "--by", "Kari Dahl",
                 "--expense", "1", "--ledger", sqlite, "--lang", "nb")
    assert (waived.exit_code, waived.stdout) == (0, "unntak 1: DOC001 i krav R-1 (utlegg 1), gitt av Kari Dahl\n")
    whole = cli("--lang", "nb", "waive", "R-1", "CO001", "--reason", "Avtalt", "--by", "Kari Dahl", "--ledger", sqlite)
    assert whole.stdout == "unntak 2: CO001 i krav R-1, gitt av Kari Dahl\n"
    revoked = cli("waive", "R-1", "DOC001", "--revoke", "--by", "Ola Hansen", "--expense", "1", "--ledger", sqlite,
                  "--lang", "nb")
    assert revoked.stdout == "opphevet unntaket for DOC001 i krav R-1 (utlegg 1)\n"
    again = cli("waive", "R-1", "DOC001", "--revoke", "--by", "Ola Hansen", "--expense", "1", "--ledger", sqlite,
                "--lang", "nb")
    assert again.exit_code == 2
    assert message(again) == "det finnes ikke noe gjeldende unntak for DOC001 i krav R-1 (utlegg 1)"
    monkeypatch.setenv("COLUMNS", "200")  # wide enough for every column as it is
    listed = cli("waivers", "list", "--all", "--ledger", sqlite, "--lang", "nb").stdout
    assert re.sub(STAMP, "YYYY-MM-DDTHH:MM:SSZ", listed).splitlines() == [
        "id    krav-id    kode    utlegg    gitt av    opprettet             begrunnelse               "
        "opphevet              opphevet av",
        "----  ---------  ------  --------  ---------  --------------------  ------------------------  "
        "--------------------  -------------",
        "1     R-1        DOC001  1         Kari Dahl  YYYY-MM-DDTHH:MM:SSZ  Kvittering sett på papir  "
        "YYYY-MM-DDTHH:MM:SSZ  Ola Hansen",
        "2     R-1        CO001             Kari Dahl  YYYY-MM-DDTHH:MM:SSZ  Avtalt"]


def test_a_waiver_for_a_claim_id_no_run_has_recorded_gets_a_note_in_bokmal(sqlite, cli):
    early = cli("waive", "R-2024-9999", "DL002", "--reason", "ok", "--by", "Kari Dahl", "--ledger", sqlite,
                "--lang", "nb")
    assert (early.exit_code, early.stdout, early.stderr) == (
        0, "unntak 1: DL002 i krav R-2024-9999, gitt av Kari Dahl\n",
        "expensecli: note: ingen kjøring har registrert et krav med id-en R-2024-9999 ennå; unntaket gjelder når en"
        " kjøring gjør det (er id-en riktig?)\n")


@pytest.mark.parametrize(("args", "expected"), [
    (["waive", "R-1", "XX999", "--reason", "x", "--by", "Kari Dahl"],
     "XX999 er ikke en regelkode (expensecli rules list viser dem)"),
    (["waive", "R-1", "CO001", "--by", "Kari Dahl"], "--reason: skriv hvorfor funnet godtas"),
    (["waive", "R-1", "CO001", "--reason", "x", "--by", " "],
     "--by: oppgi navnet på controlleren som gir (eller opphever) unntaket"),
    (["waive", "R-1", "CO001", "--reason", "x", "--by", "Per Olsen", "--controllers", "Kari Dahl"],
     "--by Per Olsen: er ikke blant controllerne som er oppgitt med --controllers"),
])
def test_a_waiver_that_cannot_be_recorded_says_why_in_bokmal(sqlite, cli, args, expected):
    result = cli(*args, "--ledger", sqlite, "--lang", "nb")
    assert result.exit_code == 2 and message(result) == expected


def test_ledger_info_diff_and_prune_in_bokmal(tmp_path, sqlite, cli):
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "a.yaml").write_text(claim("R-1", work_order=False))
    for day in ("2024-05-01", "2024-05-02"):
        cli("check", str(folder), "--ledger", sqlite, "--as-of", day, "-f", "json", "-j1")
    (folder / "a.yaml").write_text(claim("R-1"))
    cli("check", str(folder), "--ledger", sqlite, "--as-of", "2024-05-03", "-f", "json", "-j1")

    info = cli("ledger", "info", "--ledger", sqlite, "--lang", "nb").stdout.splitlines()
    assert info[0] == f"revisjonslogg            {sqlite}"
    assert info[1:3] == ["database                 sqlite", "skjemaversjon            0003"]
    assert re.fullmatch(rf"første kjøring           kjøring 1, {STAMP}, check, 1 fil", info[5])
    assert info[4] == "kjøringer                3"
    assert info[7:] == ["kravversjoner            2", "krav-id-er               1", "åpne funn, ikke unntatt  0",
                        "åpne funn, unntatt       0", "løste funn               1", "gjeldende unntak         0",
                        "utdaterte unntak         0", "opphevede unntak         0"]

    diff = cli("ledger", "diff", "1", "3", "--ledger", sqlite, "--lang", "nb").stdout.splitlines()
    heading = diff.index("")  # the heading wraps to the line
    assert re.fullmatch(rf"Funn fra kjøring 1 \({STAMP}\) til kjøring 3 \({STAMP}\): nye: 0, løst: 1,"
                        r" fortsatt åpne: 0, unntatt: 0", " ".join(diff[:heading]))
    diff = diff[heading - 1:]
    assert diff[1:4] == ["", "Nye", "(ingen)"]
    assert diff[5] == "Løst"
    assert re.fullmatch(r"krav-id +fil +kode +nivå +felt +melding +først sett", diff[6])
    assert diff[8].startswith("R-1  ") and " CO001 " in diff[8]
    assert diff[-5:] == ["Fortsatt åpne", "(ingen)", "",
                         "Unntatt (fortsatt der, ikke talt med blant nye eller fortsatt åpne)", "(ingen)"]

    empty = tmp_path / "empty.sqlite"
    none_yet = cli("ledger", "diff", "--ledger", str(empty), "--lang", "nb")
    assert message(none_yet) == (f"--ledger {empty}: her finnes ingen revisjonslogg ennå"
                                 " (en kjøring av check --ledger lager den)")
    missing = cli("ledger", "diff", "9", "--ledger", sqlite, "--lang", "nb")
    assert message(missing) == "revisjonsloggen har ingen kjøring 9 (den har kjøringene 1 til 3)"

    pruned = cli("ledger", "prune", "--before", "2000-01-01", "--ledger", sqlite, "--lang", "nb")
    assert pruned.stdout == "slettet det som ble registrert før 2000-01-01: 0 kjøringer, 0 kravversjoner, 0 funn\n"


def test_a_diff_of_a_ledger_with_one_run_and_a_bad_target_in_bokmal(tmp_path, sqlite, cli):
    (tmp_path / "a.yaml").write_text(claim("R-1"))
    cli("check", str(tmp_path / "a.yaml"), "--ledger", sqlite, "--as-of", "2024-05-01", "-f", "json", "-j1")
    one = cli("ledger", "diff", "--ledger", sqlite, "--lang", "nb")
    assert message(one) == "revisjonsloggen har 1 kjøring; en sammenligning trenger to"
    folder = cli("ledger", "info", "--ledger", str(tmp_path), "--lang", "nb")
    assert message(folder) == (f"--ledger {tmp_path}: er en mappe; oppgi en fil, for eksempel"
                               f" {tmp_path / 'ledger.sqlite'}")
    scheme = cli("ledger", "info", "--ledger", "mysql://u:secret@host/db", "--lang", "nb")
    assert message(scheme) == ("--ledger mysql://u:***@host/db: URL-typen 'mysql' støttes ikke; oppgi en filsti"
                               " (SQLite) eller en postgresql://-URL")
    nothing = cli("ledger", "info", "--lang", "nb")
    assert message(nothing) == "ingen revisjonslogg er oppgitt: bruk --ledger STI|URL eller sett EXPENSECLI_LEDGER"
