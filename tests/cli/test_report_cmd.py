"""`expensecli report`: the page is written, exit codes follow --fail-on, and only it loads the page libraries."""

import os
import pty
import subprocess
import sys

from conftest import REPO

PAGE_LIBRARIES = ("jinja2", "markupsafe", "pygal", "xlsxwriter")

LOADED = """
import sys
from expensecli.cli.main import run
sys.argv = ["expensecli", *sys.argv[1:]]
try:
    run()
except SystemExit:
    pass
sys.stderr.write(" ".join(sorted({name.split(".")[0] for name in sys.modules})))
"""


def expensecli(*args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "expensecli", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120, **options)


def test_report_writes_the_page_and_exits_like_check(tmp_path):
    target = tmp_path / "report.html"
    done = expensecli("report", "examples/", "--as-of", "2024-05-01", "-o", str(target))
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"wrote {target}: 25 files as of 2024-05-01\n"
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Claims that need action" in page
    assert page.count("<figure class=\"chart") == 5
    assert "Pygal" not in page and "<title>NOK by status</title>" in page  # a drawing's tooltip is its title
    assert '<dd class="sub">in 14 files;' in page  # the 21 errors, as check counts them: 3 of them not valid claims
    # a total that leaves out a foreign amount without a rate is marked, as `status` marks it
    assert "160 300.48+ NOK claimed" in page and ">115.63+</td>" in page
    assert "+ incomplete: leaves out amounts in a foreign currency without a rate (MX001)" in page
    assert ("incomplete: the totals of draft leave out amounts in a foreign currency without a rate (MX001)"
            in page)  # under the NOK by status chart and its table
    quiet = expensecli("report", "examples/catering", "--as-of", "2024-05-01", "-o", str(target), "--fail-on", "never",
                       "-q", "--title", "Faculty of Engineering")
    assert (quiet.returncode, quiet.stderr) == (0, "")
    assert "<h1>Faculty of Engineering: report as of 1 May 2024</h1>" in target.read_text(encoding="utf-8")


def test_report_to_a_pipe_and_not_to_a_terminal():
    piped = expensecli("report", "examples/catering", "--as-of", "2024-05-01")
    assert piped.returncode == 1 and piped.stdout.startswith("<!DOCTYPE html>")
    leader, follower = pty.openpty()
    done = subprocess.run([sys.executable, "-m", "expensecli", "report", "examples"], cwd=REPO, stdout=follower,
                          stderr=subprocess.PIPE, text=True, timeout=60)
    os.close(follower)
    os.close(leader)
    assert done.returncode == 2
    assert done.stderr == ("expensecli: error: report writes an HTML page: give -o FILE.html"
                           " (or redirect stdout to a file)\n")


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    unknown = expensecli("report", "examples", "--select", "XX9", "-o", str(tmp_path / "r.html"))
    assert unknown.returncode == 2 and unknown.stderr == (
        "expensecli: error: --select: no rule code starts with XX9 (expensecli rules list shows them)\n")
    assert not (tmp_path / "r.html").exists()
    bad_date = expensecli("report", "examples", "--as-of", "2024-13-01", "-o", str(tmp_path / "r.html"))
    assert bad_date.returncode == 2 and bad_date.stderr.count("\n") == 1


def test_only_report_and_xlsx_import_the_page_and_workbook_libraries(tmp_path):
    def loaded(*args: str) -> set[str]:
        done = subprocess.run([sys.executable, "-c", LOADED, *args], cwd=REPO, capture_output=True, text=True,
                              timeout=120)
        return set(done.stderr.rsplit("\n", 1)[-1].split())

    for args in (["check", "examples", "-f", "json"], ["deadlines", "examples"], ["status", "examples"],
                 ["catering", "report", "examples"]):
        assert loaded(*args, "--as-of", "2024-05-01", "-j1").isdisjoint(PAGE_LIBRARIES), args
    assert {"jinja2", "pygal"} <= loaded("report", "examples", "--as-of", "2024-05-01", "-j1",
                                         "-o", str(tmp_path / "r.html"))
    assert "xlsxwriter" in loaded("check", "examples", "-f", "xlsx", "-j1", "-o", str(tmp_path / "r.xlsx"))


def test_report_in_bokmal_says_what_it_wrote_in_bokmal(tmp_path):
    target = tmp_path / "rapport.html"
    done = expensecli("report", "examples/", "--as-of", "2024-05-01", "-o", str(target), "--lang", "nb", "-j1")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"skrev {target}: 25 filer per 2024-05-01\n"
    page = target.read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="nb">')
    assert "<h1>Refusjonskrav: rapport per 2024-05-01</h1>" in page
    titled = expensecli("--lang", "nb", "report", "examples/catering", "--as-of", "2024-05-01", "-o", str(target),
                        "-q", "--title", "Fakultet for ingeniørvitenskap")
    assert (titled.returncode, titled.stderr) == (1, "")
    assert "<h1>Fakultet for ingeniørvitenskap: rapport per 2024-05-01</h1>" in target.read_text(encoding="utf-8")


def test_a_waiver_by_someone_not_in_the_controllers_list_is_not_applied_on_the_page(tmp_path):
    target = tmp_path / "report.html"
    claim = "examples/claims/status-mixup.yaml"  # MX003 waived in the file by Kari Dahl
    common = ("--as-of", "2024-05-01", "-o", str(target), "-q", "--select", "MX003,WV", "--fail-on", "warning")
    trusting = expensecli("report", claim, *common)
    assert trusting.returncode == 0 and "WV002" not in target.read_text(encoding="utf-8")
    by_env = {**os.environ, "EXPENSECLI_CONTROLLERS": "Ola Hansen"}
    for how in ({"args": ("--controllers", "Ola Hansen")}, {"env": by_env}):
        done = expensecli("report", claim, *common, *how.get("args", ()), env=how.get("env"))
        page = target.read_text(encoding="utf-8")
        assert done.returncode == 1, how
        assert "WV002" in page and "is by Kari Dahl, who is not a controller" in page, how
