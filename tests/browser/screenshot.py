"""Make docs/report.png: the report of examples/ as headless Chromium shows it (`make screenshot`).

    python tests/browser/screenshot.py [OUT.png]

The picture runs from the top of the page to the third claim of the action table, at the
width of a laptop screen.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cdp import Browser  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "report.png"
    page_file = Path(tempfile.mkdtemp()) / "report.html"
    subprocess.run([sys.executable, "-m", "expensecli", "report", "examples/", "--as-of", "2024-05-01", "-o",
                    str(page_file), "-q"], cwd=REPO, check=False)
    with Browser(width=1280, height=900) as browser:
        page = browser.page()
        page.open(page_file.as_uri())
        bottom = page.evaluate("document.querySelector('#actions tbody tr:nth-child(3)')"
                               ".getBoundingClientRect().bottom + scrollY + 16")
        page.evaluate(f"document.body.style.height = '{bottom}px'; document.body.style.overflow = 'hidden'")
        import base64

        shot = page.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": 1280, "height": bottom, "scale": 1})
        out.write_bytes(base64.b64decode(shot["data"]))
        page.close()
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
