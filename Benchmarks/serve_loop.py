"""The author's loop, timed end to end: `findings serve` on a copy of the whole report; the time
from saving an edit (the file written and closed) to the reload event reaching an open page's
event stream. Prints JSON: the medians and maxima for a one-page edit and for a data change."""
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

findings, root, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 10


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Events:
    """An open page's event stream: reads until a named event arrives."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET /_findings/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        self.buffer = b""

    def wait(self, name, timeout=30):
        self.sock.settimeout(timeout)
        needle = b"event: " + name.encode()
        while needle not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError("event stream closed")
            self.buffer += chunk
        self.buffer = self.buffer.split(needle, 1)[1]
        return time.perf_counter()


def save(path, text):
    with open(path, "w") as f:
        f.write(text)
    return time.perf_counter()


work = tempfile.mkdtemp(prefix="findings-serve-bench-")
try:
    for name in ("content", "templates"):
        shutil.copytree(os.path.join(root, name), os.path.join(work, name))
    port = free_port()
    server = subprocess.Popen([findings, "serve", "--port", str(port)], cwd=work, stdout=subprocess.PIPE, text=True)
    while "Serving" not in server.stdout.readline():
        pass
    events = Events(port)
    events.wait("hello")
    page = os.path.join(work, "content", "pages", "engagement.md")
    original = open(page).read()
    page_times = []
    for i in range(runs + 1):
        start = save(page, original.replace("## The central gap\n", f"## The central gap\n\nEdit number {i}.\n"))
        end = events.wait("reload")
        if i > 0:  # the first edit warms the page's caches
            page_times.append((end - start) * 1000)
        time.sleep(0.05)
    data = os.path.join(work, "content", "data", "responses.csv")
    rows = open(data).read()
    trimmed = rows.rstrip("\n").rsplit("\n", 1)[0] + "\n"
    data_times = []
    for i in range(max(3, runs // 2)):
        start = save(data, trimmed if i % 2 == 0 else rows)
        end = events.wait("reload")
        data_times.append((end - start) * 1000)
        time.sleep(0.05)
    server.terminate()
    server.wait(timeout=10)
    print(json.dumps({
        "page_median_ms": statistics.median(page_times), "page_max_ms": max(page_times),
        "data_median_ms": statistics.median(data_times), "data_max_ms": max(data_times),
        "page_runs": len(page_times), "data_runs": len(data_times),
    }))
finally:
    shutil.rmtree(work, ignore_errors=True)
