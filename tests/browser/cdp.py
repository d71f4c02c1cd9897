"""A small Chrome DevTools Protocol client: start Debian's headless Chromium, drive one page.

The browser tests (and `make screenshot`) use it to load the report from a file, record what
the page logs and requests, run script in it, click with the mouse and take screenshots.
Chromium runs with a fresh profile, without background networking, and with every host
name resolving to nothing, so a page that tried to reach the network would fail to - and
the tests would see the attempt in the Network events.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--remote-debugging-address=127.0.0.1",
         "--remote-debugging-port=0")


class BrowserUnavailable(Exception):
    """Chromium is not installed or does not start here; the message says why."""


def executable() -> str | None:
    return os.environ.get("EXPENSECLI_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


class Browser:
    def __init__(self, width: int = 1280, height: int = 900, timeout: float = 30):
        found = executable()
        if found is None:
            raise BrowserUnavailable("no chromium on PATH (apt-get install chromium; .ci/run does)")
        self.profile = tempfile.mkdtemp(prefix="expensecli-chromium-")
        self.process = subprocess.Popen([found, *FLAGS, f"--user-data-dir={self.profile}",
                                         f"--window-size={width},{height}", "about:blank"],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while not port_file.exists() or not port_file.read_text().strip():
            if self.process.poll() is not None or time.monotonic() > deadline:
                errors = self.process.stderr.read().decode(errors="replace") if self.process.poll() is not None else ""
                self.close()
                raise BrowserUnavailable(f"chromium did not start: {errors.strip()[-500:] or 'timed out'}")
            time.sleep(0.05)
        self.port = int(port_file.read_text().split()[0])

    def page(self) -> Page:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list", timeout=10) as answer:
            targets = json.load(answer)
        url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
        return Page(url)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stderr.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *_) -> None:
        self.close()


class Page:
    """One tab: `call` a method, `events` holds every event received so far."""

    def __init__(self, url: str):
        import websocket

        self.socket = websocket.create_connection(url, timeout=30, suppress_origin=True)
        self.ids = itertools.count(1)
        self.events: list[dict] = []

    def call(self, method: str, **params) -> dict:
        number = next(self.ids)
        self.socket.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == number:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_for(self, event: str, timeout: float = 30) -> dict:
        seen = next((e for e in self.events if e["method"] == event), None)
        deadline = time.monotonic() + timeout
        while seen is None:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {event} within {timeout} s")
            message = json.loads(self.socket.recv())
            if "method" in message:
                self.events.append(message)
                if message["method"] == event:
                    seen = message
        return seen

    def open(self, url: str) -> None:
        """Navigate and wait for the load event, recording console, log and network events."""
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.events.clear()
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element (scrolled into view first)."""
        box = self.evaluate(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                            " return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)

    def screenshot(self, selector: str | None = None, full: bool = False, scale: float = 1) -> bytes:
        """PNG of the viewport, of the whole page (`full`), or of one element (at `scale`)."""
        params: dict = {"format": "png"}
        if selector is not None or full:
            target = json.dumps(selector) if selector else "'html'"
            box = self.evaluate(f"(() => {{ const e = document.querySelector({target});"
                                " const r = e.getBoundingClientRect(); return [r.x + scrollX, r.y + scrollY,"
                                " r.width, Math.max(r.height, e.scrollHeight)]; })()")
            params.update(clip={"x": box[0], "y": box[1], "width": box[2], "height": box[3], "scale": scale},
                          captureBeyondViewport=True)
        return base64.b64decode(self.call("Page.captureScreenshot", **params)["data"])

    def close(self) -> None:
        self.socket.close()
