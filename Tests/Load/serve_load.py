"""findings serve under load and abuse, bounded in time: wrk with 200 connections must complete
at least 10,000 requests without an error; oversized headers, invalid methods, garbage, and
slow clients must not stop it answering an ordinary request promptly.
Usage: python3 Tests/Load/serve_load.py PATH/TO/findings"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

FINDINGS = os.path.abspath(sys.argv[1])
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def exchange(port, data, timeout=5.0, read=True):
    """Sends raw bytes; returns what comes back before the server closes or the timeout."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        try:
            s.sendall(data)
        except OSError:
            return b""
        if not read:
            return b""
        out = b""
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                out += chunk
                if b"\r\n\r\n" in out and b"Connection: close" not in data and len(out) > 0 and b"content-length" in out.lower():
                    head, _, body = out.partition(b"\r\n\r\n")
                    m = re.search(rb"content-length: *(\d+)", head, re.I)
                    if m and len(body) >= int(m.group(1)):
                        break
        except OSError:
            pass
        return out


def status(reply):
    m = re.match(rb"HTTP/1\.1 (\d{3})", reply)
    return int(m.group(1)) if m else None


def healthy(port, limit=2.0):
    start = time.perf_counter()
    reply = exchange(port, b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    return status(reply) == 200 and time.perf_counter() - start < limit


work = tempfile.mkdtemp(prefix="findings-load-")
server = None
try:
    report = f"{work}/report"
    subprocess.run([FINDINGS, "new", report], check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen([FINDINGS, "serve", "--port", str(port), "--no-watch"], cwd=report,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    while "Serving" not in (server.stdout.readline() or "Serving"):
        pass
    check(healthy(port), "serves a page")

    # Load: 200 connections on 2 threads for 8 s.
    wrk = subprocess.run(["wrk", "-t2", "-c200", "-d8s", "--timeout", "5s", f"http://127.0.0.1:{port}/index.html"],
                         capture_output=True, text=True, timeout=60)
    print(wrk.stdout)
    requests = int(re.search(r"(\d+) requests in", wrk.stdout).group(1))
    check(requests >= 10_000, f"wrk completed {requests} requests (at least 10,000)")
    check("Socket errors" not in wrk.stdout, "no socket errors under 200 connections")
    check("Non-2xx" not in wrk.stdout, "every answer under load was 200")
    check(healthy(port), "answers promptly after the load")

    # Abuse.
    reply = exchange(port, b"FOO /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    # FlyingFox answers a method it does not know with an empty 404 before our handler sees it.
    check((status(reply) in (400, 404, 405, 501) and b"<html" not in reply) or reply == b"",
          f"an invalid method is refused without a page ({status(reply)})")
    reply = exchange(port, b"DELETE /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    check(status(reply) == 405, f"DELETE is not allowed ({status(reply)})")
    reply = exchange(port, b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 1_000_000 + b"\r\nConnection: close\r\n\r\n", timeout=10)
    check(status(reply) in (None, 200, 400, 413, 431), f"a 1 MB header gets an answer or a closed connection ({status(reply)})")
    check(healthy(port), "answers promptly after an oversized header")
    reply = exchange(port, bytes(range(256)) * 64)
    check(status(reply) in (None, 400), f"garbage bytes are not answered with a page ({status(reply)})")
    exchange(port, b"GET / HTTP/1.1\r\n", read=False)  # a request cut short
    # DNS rebinding: a page on another site whose host name resolves to 127.0.0.1.
    reply = exchange(port, b"GET /index.html HTTP/1.1\r\nHost: attacker.example:" + str(port).encode() + b"\r\nConnection: close\r\n\r\n")
    check(status(reply) == 403 and b"<html" not in reply, f"a request for another host name is refused ({status(reply)})")
    reply = exchange(port, b"GET /index.html HTTP/1.1\r\nHost: localhost:" + str(port).encode() + b"\r\nConnection: close\r\n\r\n")
    check(status(reply) == 200, f"localhost is served ({status(reply)})")
    reply = exchange(port, b"GET /\xff\xfe.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    # FlyingFox drops a request line that is not UTF-8 before our handler sees it; either way, no page.
    check(status(reply) in (None, 400, 404) and (status(reply) == 404 or b"<html" not in reply),
          f"a path that is not UTF-8 is not answered with the front page ({status(reply)})")
    check(healthy(port), "answers promptly after garbage and a cut-short request")

    # Slow clients: 100 connections that send a header a byte at a time and never finish.
    slow = []
    for _ in range(100):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /index.html HTTP/1.1\r\nHo")
        slow.append(s)
    for _ in range(3):
        for s in slow:
            try:
                s.sendall(b"s")
            except OSError:
                pass
        check(healthy(port), "answers promptly while 100 slow clients hold connections")
        time.sleep(0.5)
    for s in slow:
        s.close()

    check(server.poll() is None, "the server is still running")
    server.send_signal(2)
    server.wait(timeout=10)
    check(server.returncode == 0, f"Ctrl-C stops it cleanly (exit {server.returncode})")
finally:
    if server and server.poll() is None:
        server.kill()
    shutil.rmtree(work, ignore_errors=True)

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
