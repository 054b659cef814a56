#!/usr/bin/env python3
"""Runs the bench/sync measurements (see bench/README.md); bench/sync/run builds and installs first.

Starts the three servers (Tandem's real `tandem --headless` on SQLite, the Node `ws` peer and the
FastAPI + uvicorn peer) on one core, runs bench_sync_loadclient on the other against each for every
subscriber count, rotating the order every round, and prints a table, the ratios Tandem/peer and
RESULT lines. Then the catch-up measurement against Tandem alone.
"""

import argparse
import os
import re
import resource
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVERS = ("tandem", "node", "fastapi")
LABELS = {"tandem": "Tandem", "node": "Node ws", "fastapi": "FastAPI"}
GOAL_SUBSCRIBERS = 100
GOAL_P99_MS = 16.0


def log(text):
    print(text, flush=True)


def parse_pairs(line):
    return dict(re.findall(r"(\w+)=(\S+)", line))


class Server:
    """One server process, pinned, with its first stdout line naming its port."""

    def __init__(self, name, command, cwd, log_path, ready_pattern, cpu, env=None):
        self.name = name
        if cpu is not None and shutil.which("taskset"):
            command = ["taskset", "-c", str(cpu)] + command
        self.log_path = log_path
        self.stderr = open(log_path, "w")
        self.process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=self.stderr,
                                        env=env, text=True)
        self.port = self._wait_for_port(ready_pattern)

    def _wait_for_port(self, pattern):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.process.stdout], [], [], 0.5)
            if ready:
                line = self.process.stdout.readline()
                match = re.search(pattern, line)
                if match:
                    return int(match.group(1))
                if line == "" and self.process.poll() is not None:
                    break
            elif self.process.poll() is not None:
                break
        self.stop()
        sys.exit(f"{self.name} did not start; its log ({self.log_path}) says:\n{Path(self.log_path).read_text()}")

    @property
    def pid(self):
        return self.process.pid

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.stderr.close()


def fastapi_python():
    """A Python that has fastapi and uvicorn: Debian's, where the bench packages go."""
    for candidate in ("/usr/bin/python3", shutil.which("python3"), sys.executable):
        if candidate and subprocess.run([candidate, "-c", "import fastapi, uvicorn"],
                                        capture_output=True).returncode == 0:
            return candidate
    sys.exit("no python3 here can import fastapi and uvicorn (Debian: python3-fastapi python3-uvicorn)")


def run_client(client, args, cpu):
    command = [str(client)] + args
    if cpu is not None and shutil.which("taskset"):
        command = ["taskset", "-c", str(cpu)] + command
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"the load client failed ({' '.join(args)}):\n{result.stdout}{result.stderr}")
    if result.stderr.strip():
        print(result.stderr.strip(), file=sys.stderr)
    return result.stdout


def ratio(a, b):
    return a / b if b > 0 else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=str(ROOT / "build" / "bench"), help="the CMake build directory")
    parser.add_argument("--subscribers", default="10,100,1000", help="comma-separated subscriber counts")
    parser.add_argument("--triggers", default="10:1000,100:1000,1000:200",
                        help="measured triggers per run, as SUBSCRIBERS:K pairs (others: 200)")
    parser.add_argument("--warmup", type=int, default=50, help="unmeasured triggers before each run")
    parser.add_argument("--rounds", type=int, default=3,
                        help="runs per server and subscriber count, in rotating order; figures are the median")
    parser.add_argument("--servers", default=",".join(SERVERS), help="which of tandem,node,fastapi to run")
    parser.add_argument("--catchup-changes", type=int, default=10_000, help="changes a resuming client missed")
    parser.add_argument("--catchup-rounds", type=int, default=3)
    parser.add_argument("--no-catchup", action="store_true", help="skip the catch-up measurement")
    parser.add_argument("--dir", help="where Tandem's SQLite database goes (default: a temporary directory "
                                      "under the build directory, on the disk you build on)")
    parser.add_argument("--keep", action="store_true", help="keep the data directory and the server logs")
    parser.add_argument("--no-pin", action="store_true", help="do not pin the servers and the client to cores")
    options = parser.parse_args()

    build = Path(options.build).resolve()
    tandem = build / "app" / "tandem"
    client = build / "bench" / "sync" / "bench_sync_loadclient"
    for binary in (tandem, client):
        if not binary.exists():
            sys.exit(f"{binary} is missing: run bench/sync/run (it builds both)")
    servers = [s for s in options.servers.split(",") if s]
    if any(s not in SERVERS for s in servers):
        sys.exit(f"--servers takes some of {','.join(SERVERS)}")
    counts = [int(n) for n in options.subscribers.split(",") if n]
    triggers = {int(k): int(v) for k, v in (p.split(":") for p in options.triggers.split(",") if p)}

    cpus = os.cpu_count() or 1
    pin = not options.no_pin and cpus >= 2
    server_cpu, client_cpu = (0, 1) if pin else (None, None)
    # A thousand subscribers need more descriptors than the usual soft limit; children inherit this.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < min(hard, 65536):
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))

    work = Path(options.dir).resolve() if options.dir else Path(tempfile.mkdtemp(prefix="bench-sync-", dir=build))
    work.mkdir(parents=True, exist_ok=True)
    data = work / "tandem-data"
    data.mkdir(exist_ok=True)

    node_version = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    ws_version = re.search(r'"version":\s*"([^"]+)"',
                           (ROOT / "bench/peers/node-ws/node_modules/ws/package.json").read_text()).group(1)
    load_before = os.getloadavg()
    log(f"bench/sync: {cpus} cores; servers on core {server_cpu}, load client on core {client_cpu}"
        if pin else f"bench/sync: {cpus} cores; not pinned")
    log(f"Tandem: {tandem} (SQLite in {data}); Node {node_version}, ws {ws_version}")
    if load_before[0] > 1.0:
        log(f"note: the machine is busy (load average {load_before[0]:.2f}): latencies will be noisy; "
            "CPU per delivery much less so")

    started = []
    try:
        env = dict(os.environ)
        if "tandem" in servers:
            started.append(Server("tandem", [str(tandem), "--headless", "--data-dir", str(data), "--port", "0"],
                                  ROOT, str(work / "tandem.log"), r"Tandem listening on http://[^:]+:(\d+)",
                                  server_cpu, env))
        if "node" in servers:
            started.append(Server("node", ["node", "server.js", "0"], ROOT / "bench/peers/node-ws",
                                  str(work / "node.log"), r"listening on (\d+)", server_cpu, env))
        if "fastapi" in servers:
            started.append(Server("fastapi", [fastapi_python(), "server.py", "0"], ROOT / "bench/peers/fastapi",
                                  str(work / "fastapi.log"), r"listening on (\d+)", server_cpu, env))
        by_name = {s.name: s for s in started}
        if "fastapi" in by_name:
            time.sleep(0.5)
            log("FastAPI peer: " + Path(by_name["fastapi"].log_path).read_text().strip().splitlines()[0])

        runs = {}  # (server, subscribers) -> list of dicts
        order = list(by_name)
        for round_index in range(options.rounds):
            for n in counts:
                for name in order:
                    server = by_name[name]
                    args = ["fanout", "--port", str(server.port), "--pid", str(server.pid), "--server", name,
                            "--subscribers", str(n), "--triggers", str(triggers.get(n, 200)),
                            "--warmup", str(options.warmup)]
                    if name == "tandem":
                        args.append("--tandem")
                    output = run_client(client, args, client_cpu)
                    line = next(l for l in output.splitlines() if l.startswith("RUN fanout"))
                    log(f"round {round_index + 1} " + line[4:])
                    runs.setdefault((name, n), []).append(parse_pairs(line))
            order = order[1:] + order[:1]  # who goes first (after whom) changes every round

        def median(name, n, key):
            return statistics.median(float(r[key]) for r in runs[(name, n)])

        log("")
        log("Fan-out: time from sending a trigger until the LAST subscriber has its event (p50, p99 over "
            "triggers), when the first has it, and the server's CPU time per delivered event "
            f"(median of {options.rounds} rounds)")
        header = f"{'subscribers':>11}  {'server':<8} {'p50 ms':>8} {'p99 ms':>8} {'first p50':>9} " \
                 f"{'cpu us/deliv':>12} {'event B':>7}"
        log(header)
        for n in counts:
            for name in by_name:
                log(f"{n:>11}  {LABELS[name]:<8} {median(name, n, 'p50_ms'):>8.3f} {median(name, n, 'p99_ms'):>8.3f} "
                    f"{median(name, n, 'first_p50_ms'):>9.3f} {median(name, n, 'cpu_us_per_delivery'):>12.2f} "
                    f"{runs[(name, n)][0]['event_bytes']:>7}")
        if "tandem" in by_name:
            peers = [p for p in ("node", "fastapi") if p in by_name]
            log("")
            log("Ratios, Tandem / peer (below 1.00: Tandem is faster or cheaper)")
            log(f"{'subscribers':>11}  {'peer':<8} {'p50':>6} {'p99':>6} {'cpu':>6}")
            for n in counts:
                for peer in peers:
                    log(f"{n:>11}  {LABELS[peer]:<8} "
                        + " ".join(f"{ratio(median('tandem', n, k), median(peer, n, k)):>6.2f}"
                                   for k in ("p50_ms", "p99_ms", "cpu_us_per_delivery")))
            log("")
            for n in counts:
                fields = [f"subscribers={n}"]
                for name in by_name:
                    fields += [f"{name}_p50_ms={median(name, n, 'p50_ms'):.3f}",
                               f"{name}_p99_ms={median(name, n, 'p99_ms'):.3f}",
                               f"{name}_cpu_us={median(name, n, 'cpu_us_per_delivery'):.2f}"]
                for peer in peers:
                    for key, short in (("p50_ms", "p50"), ("p99_ms", "p99"), ("cpu_us_per_delivery", "cpu")):
                        fields.append(f"{short}_ratio_{peer}={ratio(median('tandem', n, key), median(peer, n, key)):.3f}")
                fields.append(f"triggers={triggers.get(n, 200)} rounds={options.rounds}")
                log("RESULT fanout " + " ".join(fields))
            if "node" in by_name and GOAL_SUBSCRIBERS in counts:
                n = GOAL_SUBSCRIBERS
                p99 = median("tandem", n, "p99_ms")
                p99_ratio = ratio(p99, median("node", n, "p99_ms"))
                cpu_ratio = ratio(median("tandem", n, "cpu_us_per_delivery"), median("node", n, "cpu_us_per_delivery"))
                goals = {
                    "p99_vs_node": p99_ratio <= 1.0,
                    "p99_under_16ms": p99 < GOAL_P99_MS,
                    "cpu_vs_node": cpu_ratio <= 1.0,
                }
                log(f"RESULT goals subscribers={n} p99_ms={p99:.3f} p99_ratio_node={p99_ratio:.3f} "
                    f"cpu_ratio_node={cpu_ratio:.3f} "
                    + " ".join(f"{k}={'met' if v else 'MISSED'}" for k, v in goals.items()))

        if "tandem" in by_name and not options.no_catchup:
            log("")
            log(f"Catch-up: a client misses {options.catchup_changes:,} changes (made through POST /api/tasks), "
                "then resumes with sync_request pages from its seq, or from a snapshot")
            output = run_client(client, ["catchup", "--port", str(by_name["tandem"].port),
                                         "--changes", str(options.catchup_changes),
                                         "--rounds", str(options.catchup_rounds)], client_cpu)
            for line in output.splitlines():
                log(line.replace("RUN catchup", "RESULT catchup") if line.startswith("RUN catchup") else line)
        load_after = os.getloadavg()
        log("")
        log(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    finally:
        for server in started:
            server.stop()
        if options.keep or options.dir:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
