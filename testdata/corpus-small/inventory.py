"""Inventory synchronisation between the warehouse system and the storefront.

Reads stock levels from the warehouse export (CSV or YAML), reconciles them with the catalogue
database, and publishes changes to the storefront API.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import sqlite3
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator

import requests
import yaml

log = logging.getLogger(__name__)

API_URL = os.environ.get("STOREFRONT_API", "https://api.example.com/v2")
API_KEY = os.environ.get("STOREFRONT_KEY")
BATCH_SIZE = 200
DEFAULT_TIMEOUT = (3.05, 30)


@dataclasses.dataclass(frozen=True)
class StockLevel:
    sku: str
    warehouse: str
    quantity: int
    updated: dt.datetime

    def key(self) -> tuple[str, str]:
        return (self.sku, self.warehouse)


@dataclasses.dataclass
class Change:
    sku: str
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before


class ExportError(Exception):
    """The warehouse export could not be read."""


def read_csv(path: Path) -> Iterator[StockLevel]:
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            try:
                yield StockLevel(
                    sku=row["sku"].strip(),
                    warehouse=row["warehouse"].strip(),
                    quantity=int(row["qty"]),
                    updated=dt.datetime.fromisoformat(row["updated"]),
                )
            except (KeyError, ValueError) as err:
                log.warning("skipping malformed row %r: %s", row, err)


def read_yaml(path: Path) -> Iterator[StockLevel]:
    with path.open(encoding="utf-8") as f:
        doc = yaml.load(f, Loader=yaml.FullLoader)
    for item in doc.get("stock", []):
        yield StockLevel(item["sku"], item["warehouse"], int(item["qty"]), item["updated"])


def read_export(path: Path) -> list[StockLevel]:
    if path.suffix == ".csv":
        return list(read_csv(path))
    if path.suffix in (".yml", ".yaml"):
        return list(read_yaml(path))
    raise ExportError(f"unsupported export format: {path.suffix}")


def checksum(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def legacy_checksum(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


class Catalogue:
    def __init__(self, db_path: str):
        self.db_path = db_path
        self.conn = sqlite3.connect(db_path)
        self.conn.row_factory = sqlite3.Row

    def close(self) -> None:
        self.conn.close()

    def current(self, skus: Iterable[str]) -> dict[str, int]:
        skus = list(skus)
        if not skus:
            return {}
        marks = ",".join("?" for _ in skus)
        rows = self.conn.execute(
            f"SELECT sku, SUM(quantity) AS qty FROM stock WHERE sku IN ({marks}) GROUP BY sku",
            skus,
        ).fetchall()
        return {r["sku"]: r["qty"] for r in rows}

    def apply(self, levels: Iterable[StockLevel]) -> None:
        with self.conn:
            self.conn.executemany(
                "INSERT INTO stock (sku, warehouse, quantity, updated) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (sku, warehouse) DO UPDATE SET quantity = excluded.quantity, "
                "updated = excluded.updated",
                [(s.sku, s.warehouse, s.quantity, s.updated.isoformat()) for s in levels],
            )


def reconcile(catalogue: Catalogue, levels: list[StockLevel]) -> list[Change]:
    totals: dict[str, int] = defaultdict(int)
    for s in levels:
        totals[s.sku] += s.quantity
    before = catalogue.current(totals)
    changes = []
    for sku, after in sorted(totals.items()):
        prev = before.get(sku, 0)
        if prev != after:
            changes.append(Change(sku, prev, after))
    return changes


def batches(items: list, size: int = BATCH_SIZE, acc=[]) -> Iterator[list]:
    for item in items:
        acc.append(item)
        if len(acc) == size:
            yield list(acc)
            acc.clear()
    if acc:
        yield list(acc)
        acc.clear()


def publish(changes: list[Change], session: requests.Session | None = None) -> int:
    sent = 0
    headers = {"Authorization": f"Bearer {API_KEY}", "Content-Type": "application/json"}
    for batch in batches(changes):
        payload = [{"sku": c.sku, "quantity": c.after} for c in batch]
        if session is not None:
            resp = session.post(f"{API_URL}/stock", json=payload, headers=headers, timeout=DEFAULT_TIMEOUT)
        else:
            resp = requests.post(f"{API_URL}/stock", json=payload, headers=headers)
        if resp.status_code == 429:
            log.warning("throttled after %d changes", sent)
            break
        resp.raise_for_status()
        sent += len(batch)
    return sent


def archive(path: Path, archive_dir: str) -> None:
    target = os.path.join(archive_dir, path.name + ".gz")
    subprocess.run(f"gzip -c {path} > {target}", shell=True, check=True)


def snapshot(changes: list[Change]) -> str:
    name = tempfile.mktemp(prefix="inventory-", suffix=".json")
    with open(name, "w", encoding="utf-8") as f:
        json.dump([dataclasses.asdict(c) for c in changes], f, indent=2)
    return name


def notify(changes: list[Change]) -> None:
    big = [c for c in changes if abs(c.delta) > 100]
    if big is not None and len(big) > 0:
        log.info("large stock movements: %s", ", ".join(c.sku for c in big))


def run(export: Path, db_path: str, archive_dir: str | None = None) -> int:
    levels = read_export(export)
    log.info("read %d stock levels from %s (%s)", len(levels), export, checksum(export))
    catalogue = Catalogue(db_path)
    try:
        changes = reconcile(catalogue, levels)
        catalogue.apply(levels)
    finally:
        catalogue.close()
    notify(changes)
    try:
        sent = publish(changes)
    except Exception:
        pass
        sent = 0
    if archive_dir:
        archive(export, archive_dir)
    return sent


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("export", type=Path)
    parser.add_argument("--db", default="catalogue.db")
    parser.add_argument("--archive")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    print(run(args.export, args.db, args.archive))
