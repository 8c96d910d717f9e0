#!/usr/bin/env python3
"""The Kindling ODBC driver's DSN / connection-string keys, read from the driver's own sources.

The driver has no single key table: the list of keys it accepts is the `known[]` array of
`is_known_key` (driver/src/connection_string.cpp) and the defaults are the fallbacks of its
`get(attrs, {"KEY", ...}, "default")` calls (driver/src/*.cpp). This tool parses both, adds the
meaning of each key (below), and fails when the driver has a key this file does not describe, so
installer/odbc.ini.sample, installer/create-dsn.sh's key list and the user guide cannot drift
from the driver (a ctest, e2e.odbc_keys_sample, runs `--check`).

Usage: installer/odbc-keys.py [--source DIR] sample|keys|markdown
       installer/odbc-keys.py [--source DIR] --check installer/odbc.ini.sample [--guide docs/user-guide.md]
--guide also checks the key table of the user guide (between <!-- keys:begin --> and <!-- keys:end -->).
"""
import argparse
import pathlib
import re
import sys

# The meaning of every key, and what the driver does when it is absent (when that is not a
# literal fallback the parser finds). "cs" marks keys that only make sense in a connection string.
MEANINGS = {
    "DRIVER": ("the driver: a name registered in odbcinst.ini (Kindling) or the library's path", None, "cs"),
    "DSN": ("a data source of odbc.ini whose keys are read first (the connection string's keys win)", None, "cs"),
    "FILEDSN": ("a file DSN (handled by the driver manager)", None, "cs"),
    "SAVEFILE": ("save the connection string as a file DSN (handled by the driver manager)", None, "cs"),
    "DESCRIPTION": ("free text describing the data source", None, ""),
    "ADDRESS": ("comma-separated host[:port] list; host:p1..p2 is a port range; [::1]:10800 for IPv6. "
                "Unset: SERVER:PORT", "SERVER:PORT", ""),
    "SERVER": ("host of the node, used when ADDRESS is absent", None, ""),
    "PORT": ("thin-client port of the node, used when ADDRESS is absent", None, ""),
    "SCHEMA": ("schema of unqualified table names", None, ""),
    "USER": ("user name (authentication-enabled clusters); same as UID", "none", ""),
    "UID": ("user name; same as USER", "none", ""),
    "PASSWORD": ("password; same as PWD. With credentials and no SSL_MODE, TLS is on", "none", ""),
    "PWD": ("password; same as PASSWORD", "none", ""),
    "PAGE_SIZE": ("rows per cursor page fetched from the server", None, ""),
    "DISTRIBUTED_JOINS": ("SQL flag: distributed joins (non-collocated data)", None, ""),
    "ENFORCE_JOIN_ORDER": ("SQL flag: join in the order of the FROM clause", None, ""),
    "REPLICATED_ONLY": ("SQL flag: the query touches replicated caches only", None, ""),
    "COLLOCATED": ("SQL flag: the data of each GROUP BY group is on one node", None, ""),
    "LAZY": ("SQL flag: lazy result-set materialization on the server", None, ""),
    "QUERY_ENGINE": ("h2 or calcite, sent as a QUERY_ENGINE hint with every statement", "server default", ""),
    "SSL_MODE": ("disable or require. Unset: TLS exactly when credentials are given", "unset", ""),
    "SSL_KEY_FILE": ("PEM private key of the client certificate (mutual TLS)", "none", ""),
    "SSL_CERT_FILE": ("PEM client certificate (mutual TLS)", "none", ""),
    "SSL_CA_FILE": ("PEM CA certificates that verify the server; none: the system trust store", "system trust store", ""),
    "PARTITION_AWARENESS": ("connect to every listed node and send key operations to the key's primary node", None, ""),
    "LOGIN_TIMEOUT": ("seconds to connect and handshake; 0 = no limit", None, ""),
    "QUERY_TIMEOUT": ("seconds per statement (SQLSTATE HYT00 when exceeded); 0 = no limit", None, ""),
    "SERVER_TIME_ZONE": ("the server JVM's time zone (Asia/Tokyo, UTC...); auto reads it from the node", None, ""),
    "LOG_LEVEL": ("driver log: off, error (failures and server errors with their SQLSTATE), info (also "
                  "connections, failover and each statement's text, duration and row count) or debug (also "
                  "parameter values and every request); passwords never appear", None, ""),
    "LOG_FILE": ("file the driver log is appended to, shared by the connections of a process that name it. "
                 "Unset: stderr", "stderr", ""),
}

# The sample's values for keys whose best example is not their default.
EXAMPLES = {"ADDRESS": "127.0.0.1:10800", "DRIVER": "Kindling", "SSL_MODE": "require",
            "SSL_CA_FILE": "/etc/ssl/certs/ignite-ca.pem", "SSL_CERT_FILE": "/etc/ignite/client.pem",
            "SSL_KEY_FILE": "/etc/ignite/client.key", "USER": "ignite", "UID": "ignite",
            "PASSWORD": "secret", "PWD": "secret", "QUERY_ENGINE": "calcite",
            "DESCRIPTION": "Apache Ignite through Kindling", "LOG_LEVEL": "info",
            "LOG_FILE": "/tmp/kindling-odbc.log"}


def driver_keys(src: pathlib.Path):
    text = (src / "driver/src/connection_string.cpp").read_text()
    m = re.search(r"known\[\]\s*=\s*\{(.*?)\};", text, re.S)
    if not m:
        sys.exit("odbc-keys.py: no `known[] = {...}` table in driver/src/connection_string.cpp "
                 "(is_known_key changed: update this parser)")
    return re.findall(r'"([A-Za-z_0-9]+)"', m.group(1))


def driver_defaults(src: pathlib.Path):
    defaults = {}
    for cpp in sorted((src / "driver/src").glob("*.cpp")):
        for keys, fallback in re.findall(r'get\(\s*attrs\s*,\s*\{([^}]*)\}\s*(?:,\s*"([^"]*)")?\s*\)', cpp.read_text()):
            for key in re.findall(r'"([A-Za-z_0-9]+)"', keys):
                if fallback:
                    defaults.setdefault(key.upper(), fallback)
    return defaults


def table(src: pathlib.Path):
    keys = driver_keys(src)
    missing = [k for k in keys if k.upper() not in MEANINGS]
    if missing:
        sys.exit(f"odbc-keys.py: the driver accepts {', '.join(missing)}, which installer/odbc-keys.py does "
                 f"not describe: add them to MEANINGS, then regenerate installer/odbc.ini.sample")
    defaults = driver_defaults(src)
    rows = []
    for k in keys:
        meaning, default_text, flags = MEANINGS[k.upper()]
        default = defaults.get(k.upper(), default_text or "")
        rows.append((k.upper(), meaning, default, "cs" in flags))
    return rows


def sample(src):
    out = [
        "; Kindling ODBC driver: every DSN / connection-string key, its default and meaning.",
        "; GENERATED from the driver's sources by installer/odbc-keys.py (do not edit; a test checks it):",
        ";   installer/odbc-keys.py sample > installer/odbc.ini.sample",
        ";",
        "; A user DSN goes into ~/.odbc.ini, a system DSN into the odbc.ini that `odbcinst -j` names;",
        "; installer/create-dsn.sh NAME [--system] KEY=value... writes one through odbcinst;",
        "; `odbcinst -i -s -h -f odbc.ini.sample` installs [IgniteSample] below as it is (a user DSN).",
        "; Keys are case-insensitive; unknown keys are ignored with warning 01S00.",
        "; Lines starting with ';' are comments: remove the ';' to set a key.",
        "",
        "[IgniteSample]",
    ]
    for key, meaning, default, cs_only in table(src):
        if cs_only:
            if key == "DRIVER":
                out += [f"; {key}: {meaning}.", f"{key}={EXAMPLES['DRIVER']}", ""]
            else:
                out += [f"; {key}: {meaning} (connection string only).", ""]
            continue
        out.append(f"; {key}: {meaning}.")
        out.append(f";   default: {default if default else 'none'}")
        value = EXAMPLES.get(key, default if default not in ("", "none") else "")
        out.append(f"{'' if key == 'ADDRESS' else ';'}{key}={value}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def markdown(src):
    out = ["| key | meaning | default |", "|---|---|---|"]
    for key, meaning, default, cs_only in table(src):
        out.append(f"| `{key}` | {meaning}{' (connection string only)' if cs_only else ''} | "
                   f"{'`' + default + '`' if default and default != 'none' else ''} |")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", default=str(pathlib.Path(__file__).resolve().parent.parent))
    ap.add_argument("--check", metavar="SAMPLE", help="compare SAMPLE with the generated sample")
    ap.add_argument("--guide", metavar="MD", help="with --check: also the key table of the user guide MD")
    ap.add_argument("what", nargs="?", choices=["sample", "keys", "markdown"], default="sample")
    args = ap.parse_args()
    src = pathlib.Path(args.source)
    if args.check:
        want, have = sample(src), pathlib.Path(args.check).read_text()
        if want != have:
            import difflib
            sys.stdout.writelines(difflib.unified_diff(have.splitlines(True), want.splitlines(True),
                                                       args.check, "generated"))
            print(f"\n{args.check} differs from the driver's key table: regenerate it with\n"
                  f"  installer/odbc-keys.py sample > {args.check}")
            return 1
        print(f"{args.check}: matches the driver's {len(table(src))} keys")
        if args.guide:
            text = pathlib.Path(args.guide).read_text()
            m = re.search(r"<!-- keys:begin -->\n(.*?)<!-- keys:end -->", text, re.S)
            if not m or m.group(1) != markdown(src):
                print(f"{args.guide}: the key table (between <!-- keys:begin --> and <!-- keys:end -->) differs "
                      f"from the driver's: replace it with the output of installer/odbc-keys.py markdown")
                return 1
            print(f"{args.guide}: key table matches")
        return 0
    if args.what == "keys":
        print("\n".join(k for k, *_ in table(src)))
    elif args.what == "markdown":
        sys.stdout.write(markdown(src))
    else:
        sys.stdout.write(sample(src))
    return 0


if __name__ == "__main__":
    sys.exit(main())
