#!/usr/bin/env python3
"""The container ladder timed by hand, without Nebula's Java code: `runs` cold requests of `fib 3500` on each rung.

Usage: python3 scripts/ladder-check.py [runs]   (root, Docker up: bash scripts/docker-up.sh; ~2 min for 30 runs)

Each rung runs the same static binary (wasm-modules/target/native/nebula) and answers one request per start:
  process     fork/exec of the binary
  runc        `runc run` on a bundle made here (rootfs = the binary, read-only, runc's default namespaces incl. network)
  containerd  `ctr run --rm` of an image imported from Docker's store into a namespace of this script's own
  docker-cli  `docker run --rm --network none` of that image
The image is built here FROM scratch (nothing pulled) and, like the bundle and the namespace, removed at the end.
Each request's wall time is taken around the whole command; the answer is checked against the known one. It prints
the median and the quartiles per rung, to set beside `ColdStartWarmHost -p runtime=process,runc,containerd,docker-cli`.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "wasm-modules", "target", "native", "nebula")
ANSWER = "12496314275195935965"  # fib(3500) mod 2^64, from src/test/resources/known-answers.tsv
IMAGE = "nebula-ladder-check:latest"
NAMESPACE = "nebula-ladder-check"
CONTAINERD = "/var/run/docker/containerd/containerd.sock"


def run(argv, **kwargs):
    return subprocess.run(argv, check=True, capture_output=True, text=True, **kwargs)


def timed(label, argv_for, runs):
    times = []
    for i in range(runs):
        argv = argv_for(i)
        start = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if done.returncode != 0 or done.stdout.strip() != ANSWER:
            sys.exit(f"ladder-check: {label}: {' '.join(argv)} answered {done.stdout.strip()!r} (exit {done.returncode}): {done.stderr.strip()}")
        times.append(elapsed)
    q1, median, q3 = statistics.quantiles(times, n=4)
    print(f"{label:11} median {median * 1e3:8.2f} ms   quartiles {q1 * 1e3:8.2f} – {q3 * 1e3:8.2f} ms   ({runs} runs)")


def bundle(directory):
    rootfs = os.path.join(directory, "rootfs")
    os.makedirs(rootfs)
    shutil.copy(BINARY, os.path.join(rootfs, "nebula"))
    run(["runc", "spec"], cwd=directory)
    config_path = os.path.join(directory, "config.json")
    with open(config_path) as f:
        config = json.load(f)
    config["process"]["terminal"] = False
    config["process"]["args"] = ["/nebula", "fib", "3500"]
    config["root"]["readonly"] = True
    with open(config_path, "w") as f:
        json.dump(config, f)


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    if not os.access(BINARY, os.X_OK):
        sys.exit(f"ladder-check: no binary at {BINARY}; build it with: bash wasm-modules/build.sh")
    work = tempfile.mkdtemp(prefix="nebula-ladder-check-")
    try:
        context = os.path.join(work, "context")
        os.makedirs(context)
        shutil.copy(BINARY, os.path.join(context, "nebula"))
        with open(os.path.join(context, "Dockerfile"), "w") as f:
            f.write("FROM scratch\nCOPY nebula /nebula\nENTRYPOINT [\"/nebula\"]\n")
        run(["docker", "build", "-q", "-t", IMAGE, context])
        archive = os.path.join(work, "image.tar")
        run(["docker", "save", "-o", archive, IMAGE])
        ctr = ["ctr", "-a", CONTAINERD, "-n", NAMESPACE]
        run(ctr + ["images", "import", archive])
        reference = "docker.io/library/" + IMAGE
        bundle_dir = os.path.join(work, "bundle")
        os.makedirs(bundle_dir)
        bundle(bundle_dir)

        print(f"ladder-check: fib 3500, {runs} cold requests per rung, load {os.getloadavg()[0]:.1f}")
        timed("process", lambda i: [BINARY, "fib", "3500"], runs)
        timed("runc", lambda i: ["runc", "run", "-b", bundle_dir, f"nebula-ladder-check-{os.getpid()}-{i}"], runs)
        timed("containerd", lambda i: ctr + ["run", "--rm", reference, f"nebula-ladder-check-{i}", "/nebula", "fib", "3500"], runs)
        timed("docker-cli", lambda i: ["docker", "run", "--rm", "--network", "none", IMAGE, "fib", "3500"], runs)
    finally:
        subprocess.run(["ctr", "-a", CONTAINERD, "-n", NAMESPACE, "images", "rm", "docker.io/library/" + IMAGE], capture_output=True)
        # containerd collects the image's content asynchronously, and refuses to remove a namespace that still holds any.
        for attempt in range(20):
            if subprocess.run(["ctr", "-a", CONTAINERD, "namespaces", "rm", NAMESPACE], capture_output=True).returncode == 0:
                break
            time.sleep(0.25)
        else:
            print(f"ladder-check: containerd namespace {NAMESPACE} is left; remove it with: ctr -a {CONTAINERD} namespaces rm {NAMESPACE}", file=sys.stderr)
        subprocess.run(["docker", "rmi", "-f", IMAGE], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
