"""Command-line conventions: colour, progress bar, what a folder argument finds."""

import io
import os

import pytest

from expensecli.cli.output import use_color
from expensecli.cli.pipeline import show_progress
from expensecli.load.discovery import _walk, expand
from expensecli.render import Format


class Stream(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize("choice, env, tty, expected", [
    ("auto", {}, True, True),
    ("auto", {}, False, False),
    ("auto", {"NO_COLOR": "1"}, True, False),
    ("auto", {"FORCE_COLOR": "1"}, False, True),
    ("never", {"FORCE_COLOR": "1"}, True, False),
    ("always", {"NO_COLOR": "1"}, False, True),
    ("auto", {"TERM": "dumb"}, True, False),  # a terminal that shows no colour
    ("auto", {"TERM": "dumb", "FORCE_COLOR": "1"}, True, True),
    ("always", {"TERM": "dumb"}, False, True),
])
def test_color_choice(monkeypatch, choice, env, tty, expected):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert use_color(choice, Stream(tty)) is expected


@pytest.mark.parametrize("chosen, no_progress, quiet, tty, expected", [
    (Format.table, False, False, True, True),
    (Format.concise, False, False, True, True),
    (Format.table, False, False, False, False),  # cron: stderr is not a terminal
    (Format.table, True, False, True, False),
    (Format.table, False, True, True, False),
    (Format.json, False, False, True, False),
    (Format.csv, False, False, True, False),
])
def test_progress_bar_only_for_people(monkeypatch, chosen, no_progress, quiet, tty, expected):
    monkeypatch.setattr("sys.stderr", Stream(tty))
    assert show_progress(chosen, no_progress, quiet) is expected


def test_folders_are_walked_sorted_without_hidden_folders_or_symlink_loops(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("b/2.yaml", "b/1.yml", "a.yaml", ".git/x.yaml", "b/.hidden.yaml", "b/notes.txt", "c/d/e.yaml"):
        os.makedirs(os.path.dirname(name) or ".", exist_ok=True)
        open(name, "w").close()
    os.symlink("..", "c/d/loop")  # a loop back up the tree
    found = [item.display for item in expand(["."])]
    assert found == ["a.yaml", "b/1.yml", "b/2.yaml", "c/d/e.yaml"]
    assert [item.display for item in expand(["b/*.y*ml", "./a.yaml", "a.yaml"])] == ["a.yaml", "b/1.yml", "b/2.yaml"]
    assert [(item.display, item.path) for item in expand(["-"], "mail/c.yaml")] == [("mail/c.yaml", None)]


def test_a_walked_file_s_real_path_is_known_without_resolving_it_unless_it_is_a_link(tmp_path, monkeypatch):
    """The walk gives a file's real path as its folder's real path and its name; a symbolic link
    is left to be resolved (None). Either way the answer is `realpath`'s."""
    real = tmp_path / "real"
    for name in ("top.yaml", "sub/inner.yaml", "sub/deeper/last.yml"):
        (real / name).parent.mkdir(parents=True, exist_ok=True)
        (real / name).write_text("id: x\n")
    os.symlink(real / "top.yaml", real / "sub" / "link.yaml")
    os.symlink(real, tmp_path / "via")  # the folder given is itself reached through a link
    monkeypatch.chdir(tmp_path)
    for folder in ("via", "via/", "./via/sub", str(tmp_path / "via")):
        walked = _walk(folder)
        assert {os.path.basename(path) for path, _, _ in walked} >= {"inner.yaml", "last.yml", "link.yaml"}
        for path, problem, known in walked:
            assert problem is None and path.startswith(os.path.join(folder, ""))
            if os.path.islink(path):
                assert known is None
            else:
                assert known == os.path.realpath(path), (folder, path)
