"""Fixtures for the browser gates: a loopback server for a built site and a headless Chromium."""
import functools
import http.server
import os
import socket
import threading
from pathlib import Path

import pytest
from selenium import webdriver

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """Serves a folder on 127.0.0.1 until closed (quietly)."""

    def __init__(self, folder):
        self.folder = Path(folder)
        handler = functools.partial(QuietHandler, directory=str(self.folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def pages(self):
        return sorted(str(p.relative_to(self.folder)) for p in self.folder.rglob("*.html"))

    def close(self):
        self.httpd.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def make_driver(javascript=True, width=1280, height=900):
    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={width},{height}", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=127.0.0.1"]:
        options.add_argument(arg)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else None
    return webdriver.Chrome(options=options, service=service)


@pytest.fixture(scope="session")
def site():
    server = Server(os.environ.get("FINDINGS_SITE", ROOT / "public"))
    yield server
    server.close()


@pytest.fixture(scope="session")
def broken_site():
    server = Server(Path(__file__).parent / "fixtures" / "broken")
    yield server
    server.close()


@pytest.fixture(scope="session")
def driver():
    d = make_driver()
    yield d
    d.quit()


@pytest.fixture(scope="session")
def nojs_driver():
    d = make_driver(javascript=False)
    yield d
    d.quit()
