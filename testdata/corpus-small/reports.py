"""Monthly usage reports: aggregate events from the warehouse, render HTML and CSV, mail them out."""

import argparse
import collections
import csv
import datetime as dt
import io
import json
import logging
import os
import smtplib
import statistics
import sys
from email.message import EmailMessage
from pathlib import Path

import requests
from jinja2 import Environment, FileSystemLoader, select_autoescape

log = logging.getLogger("reports")

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=select_autoescape(["html"]),
)
WAREHOUSE_URL = os.environ.get("WAREHOUSE_URL", "https://warehouse.internal/api")
SMTP_HOST = os.environ.get("SMTP_HOST", "localhost")
SMTP_USER = os.environ.get("SMTP_USER", "reports")
SMTP_PASSWORD = os.environ.get("SMTP_PASSWORD")
PAGE_SIZE = 500


class Usage(collections.namedtuple("Usage", "account service day units")):
    __slots__ = ()

    @property
    def month(self):
        return self.day.strftime("%Y-%m")


def fetch_events(month, session=None, page_size=PAGE_SIZE):
    http = session or requests.Session()
    cursor = None
    while True:
        params = {"month": month, "limit": page_size}
        if cursor:
            params["cursor"] = cursor
        resp = http.get(f"{WAREHOUSE_URL}/usage", params=params, timeout=30)
        resp.raise_for_status()
        body = resp.json()
        for e in body["events"]:
            yield Usage(e["account"], e["service"], dt.date.fromisoformat(e["day"]), float(e["units"]))
        cursor = body.get("next")
        if not cursor:
            break


def aggregate(events):
    per_account = collections.defaultdict(lambda: collections.defaultdict(float))
    for e in events:
        per_account[e.account][e.service] += e.units
    return {a: dict(s) for a, s in per_account.items()}


def summary(totals):
    flat = [u for services in totals.values() for u in services.values()]
    if not flat:
        return {"accounts": 0, "mean": 0.0, "median": 0.0, "max": 0.0}
    return {
        "accounts": len(totals),
        "mean": statistics.fmean(flat),
        "median": statistics.median(flat),
        "max": max(flat),
    }


def to_csv(totals):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["account", "service", "units"])
    for account in sorted(totals):
        for service, units in sorted(totals[account].items()):
            w.writerow([account, service, f"{units:.3f}"])
    return buf.getvalue()


def to_html(month, totals, stats):
    return TEMPLATES.get_template("usage.html").render(month=month, totals=totals, stats=stats)


def mail(recipients, month, html, csv_text, dry_run=False):
    msg = EmailMessage()
    msg["Subject"] = f"Usage report {month}"
    msg["From"] = f"{SMTP_USER}@example.com"
    msg["To"] = ", ".join(recipients)
    msg.set_content(f"The usage report for {month} is attached.")
    msg.add_alternative(html, subtype="html")
    msg.add_attachment(csv_text.encode(), maintype="text", subtype="csv", filename=f"usage-{month}.csv")
    if dry_run:
        log.info("dry run: would send %d bytes to %s", len(msg.as_bytes()), recipients)
        return
    with smtplib.SMTP(SMTP_HOST, 587, timeout=30) as smtp:
        smtp.starttls()
        if SMTP_PASSWORD:
            smtp.login(SMTP_USER, SMTP_PASSWORD)
        smtp.send_message(msg)


def previous_month(today=None):
    today = today or dt.date.today()
    first = today.replace(day=1)
    return (first - dt.timedelta(days=1)).strftime("%Y-%m")


def load_recipients(path):
    try:
        with open(path, encoding="utf-8") as f:
            return [line.strip() for line in f if line.strip() and not line.startswith("#")]
    except FileNotFoundError:
        log.warning("no recipients file at %s", path)
        return []


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--month", default=previous_month())
    parser.add_argument("--recipients", default="recipients.txt")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)

    totals = aggregate(fetch_events(args.month))
    stats = summary(totals)
    html = to_html(args.month, totals, stats)
    csv_text = to_csv(totals)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / f"usage-{args.month}.html").write_text(html, encoding="utf-8")
        (args.out / f"usage-{args.month}.csv").write_text(csv_text, encoding="utf-8")
        (args.out / f"usage-{args.month}.json").write_text(json.dumps(stats, indent=2), encoding="utf-8")
    recipients = load_recipients(args.recipients)
    if recipients:
        mail(recipients, args.month, html, csv_text, dry_run=args.dry_run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
