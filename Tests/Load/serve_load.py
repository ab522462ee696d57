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
    # The HTTP parser refuses a method it does not know (400) before our handler sees it.
    check((status(reply) in (400, 404, 405, 501) and b"<html" not in reply) or reply == b"",
          f"an invalid method is refused without a page ({status(reply)})")
    reply = exchange(port, b"DELETE /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    check(status(reply) == 405, f"DELETE is not allowed ({status(reply)})")
    reply = exchange(port, b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 1_000_000 + b"\r\nConnection: close\r\n\r\n", timeout=10)
    check(status(reply) in (None, 431), f"a 1 MB header is refused with 431 ({status(reply)})")
    reply = exchange(port, b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 40_000 + b"\r\nConnection: close\r\n\r\n")
    check(status(reply) == 431, f"headers beyond 32 KB get 431 ({status(reply)})")
    reply = exchange(port, b"GET /" + b"a" * 9_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    check(status(reply) == 414, f"a request line beyond 8 KB gets 414 ({status(reply)})")
    # Floods of long headers and URLs (which any web page can make a browser send) stall no one else.
    import threading
    def flood():
        for _ in range(5):
            exchange(port, b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 1_000_000 + b"\r\n\r\n", timeout=10)
            exchange(port, b"GET /" + b"a" * 120_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", timeout=10)
    floods = [threading.Thread(target=flood) for _ in range(4)]
    for t in floods:
        t.start()
    worst = 0.0
    while any(t.is_alive() for t in floods):
        start = time.perf_counter()
        ok = healthy(port, limit=5.0)
        worst = max(worst, time.perf_counter() - start)
        check(ok, "answers while long headers and URLs flood in") if not ok else None
    for t in floods:
        t.join()
    check(worst < 1.0, f"no other client waits a second during the floods (worst {worst:.3f} s)")
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
    # The HTTP parser refuses a request line that is not UTF-8 (400); either way, no page.
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
    # A head still unfinished after 10 s is answered 408 and closed.
    slow[0].settimeout(15)
    try:
        late = slow[0].recv(200)
    except OSError:
        late = b""
    check(status(late) == 408, f"a request head unfinished after 10 s gets 408 ({status(late)})")
    for s in slow:
        s.close()

    check(server.poll() is None, "the server is still running")
    # A stop signal under load: wrk keeps 200 connections busy while TERM arrives.
    busy = subprocess.Popen(["wrk", "-t2", "-c200", "-d10s", f"http://127.0.0.1:{port}/index.html"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2)
    start = time.perf_counter()
    server.send_signal(15)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
    stopped = time.perf_counter() - start
    busy.kill()
    check(server.returncode == 0 and stopped < 3, f"TERM under load stops it cleanly and promptly (exit {server.returncode}, {stopped:.2f} s)")
finally:
    if server and server.poll() is None:
        server.kill()
    shutil.rmtree(work, ignore_errors=True)

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
