#!/usr/bin/env python3
"""Regenerate rules/aws/sdk-operations.json from the AWS SDK's own service models.

The pagination, waiter and batch-failure tables used by vigil's AWS SDK rules are never written by
hand: they are read from botocore's data files (Apache-2.0), which describe every AWS service for
every SDK (the Java SDK v2 is generated from the same models).

Usage (needs pip and the PyPI registry):

    python3 rules/aws/generate.py                 # newest botocore
    python3 rules/aws/generate.py --version 1.44.8

The script installs botocore into a temporary folder, reads the newest API version of each service
and writes a compact, deterministic JSON table (one line per service, sorted) beside itself.
"""

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "sdk-operations.json")

# Output members of an operation that report per-item failures of a batch call. A member counts when
# its name starts with one of these words (UnprocessedItems, UnprocessedKeys, Failed,
# FailedRecordCount, FailedPutCount, FailedEntryCount, ...).
FAILURE_PREFIXES = ("Unprocessed", "Failed")


def load(path):
    if os.path.exists(path):
        with open(path, "rb") as f:
            return json.load(f)
    if os.path.exists(path + ".gz"):
        with gzip.open(path + ".gz", "rb") as f:
            return json.load(f)
    return None


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def service_table(data_dir, service, xform_name):
    versions = sorted(
        v for v in os.listdir(os.path.join(data_dir, service))
        if os.path.isdir(os.path.join(data_dir, service, v))
    )
    if not versions:
        return None
    vdir = os.path.join(data_dir, service, versions[-1])
    model = load(os.path.join(vdir, "service-2.json"))
    if model is None:
        return None
    shapes = model.get("shapes", {})
    operations = model.get("operations", {})

    table = {}
    paginators = (load(os.path.join(vdir, "paginators-1.json")) or {}).get("pagination", {})
    pages = {}
    for op, spec in sorted(paginators.items()):
        if op not in operations:
            continue
        entry = {
            "py": xform_name(op),
            "input": as_list(spec.get("input_token")),
            "output": as_list(spec.get("output_token")),
        }
        if spec.get("more_results"):
            entry["more"] = spec["more_results"]
        if spec.get("limit_key"):
            entry["limit"] = spec["limit_key"]
        if spec.get("result_key"):
            entry["result"] = as_list(spec["result_key"])
        pages[op] = entry
    if pages:
        table["paginated"] = pages

    waiters = (load(os.path.join(vdir, "waiters-2.json")) or {}).get("waiters", {})
    waits = {}
    for name, spec in sorted(waiters.items()):
        op = spec.get("operation")
        if op in operations:
            waits[name] = {"py": xform_name(name), "operation": op, "operation_py": xform_name(op)}
    if waits:
        table["waiters"] = waits

    batches = {}
    for op, spec in sorted(operations.items()):
        out = spec.get("output", {}).get("shape")
        members = shapes.get(out, {}).get("members", {}) if out else {}
        failed = sorted(m for m in members if m.startswith(FAILURE_PREFIXES))
        if failed:
            batches[op] = {"py": xform_name(op), "failures": failed}
    if batches:
        table["batch"] = batches
    return table or None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", help="botocore version (default: newest)")
    args = parser.parse_args()
    spec = "botocore" + (f"=={args.version}" if args.version else "")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--target", tmp, spec],
            check=True,
        )
        sys.path.insert(0, tmp)
        import botocore  # noqa: E402  (installed just above)

        data_dir = os.path.join(os.path.dirname(botocore.__file__), "data")
        services = {}
        for service in sorted(os.listdir(data_dir)):
            if os.path.isdir(os.path.join(data_dir, service)):
                table = service_table(data_dir, service, botocore.xform_name)
                if table:
                    services[service] = table
        lines = [
            "{",
            f'"generated-by": "rules/aws/generate.py", "source": "botocore {botocore.__version__} '
            '(Apache-2.0)",',
            '"services": {',
        ]
        body = [
            f"{json.dumps(name)}: {json.dumps(table, sort_keys=True, separators=(',', ':'))}"
            for name, table in services.items()
        ]
        lines.append(",\n".join(body))
        lines.append("}}")
        with open(OUT, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        pages = sum(len(t.get("paginated", {})) for t in services.values())
        waits = sum(len(t.get("waiters", {})) for t in services.values())
        batch = sum(len(t.get("batch", {})) for t in services.values())
        print(f"wrote {OUT}: {len(services)} services, {pages} paginated operations, "
              f"{waits} waiters, {batch} batch operations with failure members, "
              f"{os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
