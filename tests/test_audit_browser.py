"""The audit report in a real browser: Debian's headless Chromium, driven over the DevTools protocol.

On the report of a run over `raw/samples` it checks that the index lists every document, that each
document page draws one box per value that has a box, and that clicking a box (a real mouse event
at the box's place on screen) shows that value. It leaves a screenshot at `SCREENSHOT` to look at.
Chromium is installed with apt when missing; the test skips, saying why, when that is not possible.
"""
from __future__ import annotations

import base64
import itertools
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app

SAMPLES = Path(__file__).resolve().parent.parent / "raw" / "samples"
SCREENSHOT = Path(tempfile.gettempdir()) / "factsheets-audit-screenshot.png"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CHROMIUM_START_SECONDS = 60


def chromium() -> str:
    found = shutil.which("chromium")
    if found:
        return found
    if not shutil.which("apt-get"):
        pytest.skip("chromium is not installed and there is no apt-get to install it")
    install = subprocess.run(["apt-get", "install", "-y", "-o", "DPkg::Lock::Timeout=300", "chromium"],
                             capture_output=True, text=True)
    if install.returncode != 0 or not shutil.which("chromium"):
        pytest.skip(f"chromium could not be installed with apt: {install.stderr.strip()[-300:]}")
    return shutil.which("chromium")  # type: ignore[return-value]


class DevTools:
    """A minimal DevTools-protocol client on one page target: commands by id, events ignored."""

    def __init__(self, url: str):
        from websockets.sync.client import connect

        self.ws = connect(url, max_size=None)
        self.ids = itertools.count(1)

    def send(self, method: str, **params: object) -> dict:
        n = next(self.ids)
        self.ws.send(json.dumps({"id": n, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == n:
                assert "error" not in message, message
                return message["result"]

    def js(self, expression: str) -> object:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def open(self, url: str) -> None:
        self.send("Page.navigate", url=url)
        for _ in range(200):
            if self.js("document.readyState") == "complete" and self.js("location.href") == url:
                return
            time.sleep(0.05)
        raise AssertionError(f"{url} did not load")

    def click(self, x: float, y: float) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    binary = chromium()
    profile = tmp_path_factory.mktemp("chromium-profile")
    process = subprocess.Popen([binary, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
                                "--window-size=1200,1600", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + CHROMIUM_START_SECONDS
        while not (port_file.exists() and port_file.read_text().strip()) and time.monotonic() < deadline:
            time.sleep(0.1)
        if not port_file.exists():
            pytest.skip(f"chromium did not start within {CHROMIUM_START_SECONDS} s")
        port = port_file.read_text().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        tools = DevTools(page["webSocketDebuggerUrl"])
        tools.send("Page.enable")
        tools.send("Emulation.setDeviceMetricsOverride", width=1200, height=1600, deviceScaleFactor=1, mobile=False)
        yield tools
        tools.ws.close()
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def samples_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "out"
    result = CliRunner().invoke(app, ["ingest", str(SAMPLES), "--out", str(out)])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return out


def test_report_in_chromium(browser: DevTools, samples_report: Path) -> None:
    docs = pd.read_parquet(samples_report / "documents")
    values = pd.read_parquet(samples_report / "indicators")
    index = (samples_report / "audit" / "index.html").resolve().as_uri()
    browser.open(index)
    listed = browser.js("[...document.querySelectorAll('#documents tbody tr td:first-child a')]"
                        ".map(a => [a.textContent, a.href])")
    names = dict(listed)  # type: ignore[arg-type]
    assert set(names) == {Path(p).name for p in docs["path_or_url"]}
    assert browser.js("document.querySelectorAll('#coverage rect.coverage').length") == 31

    for _, doc in docs.iterrows():
        name = Path(doc["path_or_url"]).name
        browser.open(names[name])
        mine = values[values["document_id"] == doc["document_id"]]
        drawn = browser.js("document.querySelectorAll('rect.value').length")
        assert drawn == int(mine["x0"].notna().sum()), name
        assert browser.js("document.querySelectorAll('#values tbody tr').length") == len(mine), name
        if name.endswith(".html"):
            assert drawn == 0 and browser.js("document.images.length") == 0  # a web page: the table only
            continue
        assert drawn == len(mine) > 0, name  # every value of a PDF has its box
        assert browser.js("[...document.images].every(i => i.complete && i.naturalWidth > 500)")
        for pick in (0, drawn // 2, drawn - 1):  # the first, a middle and the last box
            box = browser.js(f"(() => {{const r = document.querySelectorAll('rect.value')[{pick}];"
                             "r.scrollIntoView({block: 'center'}); const b = r.getBoundingClientRect();"
                             "return [b.x + b.width / 2, b.y + b.height / 2, +r.dataset.i]})()")
            x, y, i = box  # type: ignore[misc]
            browser.click(x, y)
            shown = browser.js("document.getElementById('info').textContent")
            row = browser.js(f"VALUES[{i}]")
            assert isinstance(row, dict)
            match = mine[(mine["indicator"] == row["indicator"]) & (mine["page"] == row["page"])
                         & ((mine["x0"] - row["x0"]).abs() < 1e-6) & ((mine["top"] - row["top"]).abs() < 1e-6)]
            assert len(match) >= 1, (name, row)
            value = match.iloc[0]["value"]
            assert f"value: {value:g} " in shown and f"indicator: {row['indicator']}" in shown, (name, shown)
            if name == "01-mcsc-sq.pdf" and pick == 0:  # page 1 with its boxes and the first value shown
                shot = browser.send("Page.captureScreenshot", format="png")
                SCREENSHOT.write_bytes(base64.b64decode(shot["data"]))
    assert SCREENSHOT.stat().st_size > 10_000
