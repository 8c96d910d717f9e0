#!/usr/bin/env python3
"""Counts connections to the quickstart's port while the test suite runs (issue 14).

Tests never talk to 127.0.0.1:10800: that is where ./installer/quickstart.sh leaves its node, a
different cluster from the suite's. tests/run.sh starts this guard before ctest and stops it
(SIGTERM) afterwards:

  * it listens on 127.0.0.1:PORT (and [::1]:PORT when it can) and closes every connection it
    accepts at once, after noting the peer and, when /proc tells, the connecting process (its
    command line names the test: ctest runs gtest binaries with --gtest_filter=Suite.Test);
  * if 127.0.0.1:PORT is already taken (a real node, say) it leaves it alone: it prints that it
    skipped and exits 3 at once;
  * on SIGTERM/SIGINT (or when --parent PID is gone) it prints how many connections it saw and
    from whom, and exits 1 if there was any, 0 if none.

Exit codes: 0 no connection, 1 connections seen, 2 usage or unexpected error, 3 skipped (port busy).
Every line it prints starts with "port-guard: "; the first is "port-guard: listening ..." or
"port-guard: skipped ...".

  python3 tests/support/port_guard.py [--port 10800] [--parent PID]
"""

import argparse
import errno
import os
import selectors
import signal
import socket
import struct
import sys
import time

SKIPPED = 3


def say(msg):
    print("port-guard: " + msg, flush=True)


def proc_hex(family, ip, port):
    """An address as /proc/net/tcp{,6} prints it: each 32-bit word of the address in host order."""
    raw = socket.inet_pton(family, ip)
    words = "".join("%08X" % struct.unpack("=I", raw[i:i + 4])[0] for i in range(0, len(raw), 4))
    return "%s:%04X" % (words, port)


def connecting_process(family, peer, local):
    """pid and command line of the process that owns the client end of an accepted connection
    (a local one), or None. Best effort: the process may have closed its end already."""
    table = "/proc/net/tcp6" if family == socket.AF_INET6 else "/proc/net/tcp"
    want_local = proc_hex(family, peer[0], peer[1])
    want_remote = proc_hex(family, local[0], local[1])
    inode = None
    try:
        with open(table) as f:
            next(f)
            for line in f:
                cols = line.split()
                if cols[1] == want_local and cols[2] == want_remote and cols[9] != "0":
                    inode = cols[9]
                    break
    except OSError:
        return None
    if inode is None:
        return None
    target = "socket:[%s]" % inode
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        fd_dir = "/proc/%s/fd" % pid
        try:
            fds = os.listdir(fd_dir)
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(os.path.join(fd_dir, fd)) != target:
                    continue
            except OSError:
                continue
            try:
                with open("/proc/%s/cmdline" % pid, "rb") as f:
                    cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
            except OSError:
                cmd = "?"
            return int(pid), cmd[:400]
    return None


def listen(family, host, port):
    s = socket.socket(family, socket.SOCK_STREAM)
    # Lets us bind over TIME_WAIT leftovers; Linux still refuses while anything LISTENs on the port.
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if family == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    try:
        s.bind((host, port))
        s.listen(64)
    except OSError:
        s.close()
        raise
    s.setblocking(False)
    return s


def main():
    ap = argparse.ArgumentParser(description="count connections to the quickstart's port during the test run")
    ap.add_argument("--port", type=int, default=10800)
    ap.add_argument("--parent", type=int, default=0, help="stop (and report) when this process is gone")
    args = ap.parse_args()

    try:
        listeners = [listen(socket.AF_INET, "127.0.0.1", args.port)]
    except OSError as e:
        if e.errno in (errno.EADDRINUSE, errno.EACCES):
            say("skipped: 127.0.0.1:%d is in use (the quickstart's node?), left alone; "
                "tests connecting to it are not detected in this run" % args.port)
            return SKIPPED
        say("error: cannot listen on 127.0.0.1:%d: %s" % (args.port, e))
        return 2
    where = ["127.0.0.1:%d" % args.port]
    try:
        listeners.append(listen(socket.AF_INET6, "::1", args.port))
        where.append("[::1]:%d" % args.port)
    except OSError:
        pass  # no IPv6 loopback, or taken: 127.0.0.1 is what matters

    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append("SIGTERM"))
    signal.signal(signal.SIGINT, lambda *_: stop.append("SIGINT"))
    sel = selectors.DefaultSelector()
    for s in listeners:
        sel.register(s, selectors.EVENT_READ)
    say("listening on %s (pid %d): any connection fails the run" % (", ".join(where), os.getpid()))

    seen = []

    def accept_all(lst):
        while True:
            try:
                conn, peer = lst.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as e:
                say("accept failed: %s" % e)
                return
            local = conn.getsockname()
            who = connecting_process(lst.family, peer[:2], local[:2])
            # Reset rather than FIN: the client fails at once and no TIME_WAIT is left on the port
            # (so a node can take it right after the run).
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()
            peer_text = ("[%s]:%d" if lst.family == socket.AF_INET6 else "%s:%d") % peer[:2]
            what = "pid %d: %s" % who if who else "process unknown: it closed its end already"
            seen.append((time.strftime("%H:%M:%S"), peer_text, what))
            say("CONNECTION #%d from %s (%s)" % (len(seen), peer_text, what))

    while not stop:
        for key, _ in sel.select(timeout=0.5):
            accept_all(key.fileobj)
        if args.parent and not stop:
            try:
                os.kill(args.parent, 0)
            except ProcessLookupError:
                stop.append("parent %d gone" % args.parent)
            except PermissionError:
                pass
    for s in listeners:  # connections still in the backlog when the stop came count too
        accept_all(s)
    for s in listeners:
        s.close()

    if not seen:
        say("stopped (%s): no connection to %s during the run" % (stop[0], ", ".join(where)))
        return 0
    say("stopped (%s): %d connection(s) to %s during the run; tests must never use the quickstart's port:"
        % (stop[0], len(seen), ", ".join(where)))
    for when, peer, what in seen:
        say("  %s  from %s  %s" % (when, peer, what))
    return 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(2)
