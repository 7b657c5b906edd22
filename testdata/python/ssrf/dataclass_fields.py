# A dataclass stores its constructor's arguments in its fields (keywords by field name).
import json
from dataclasses import dataclass, field

import urllib3

http = urllib3.PoolManager()


@dataclass
class Notifier:
    callback_url: str
    headers: dict = field(default_factory=dict)

    def send(self, payload):
        # ruleid: python/ssrf
        return http.request("POST", self.callback_url, body=json.dumps(payload).encode())


@dataclass
class Probe:
    label: str
    target: str = "https://status.example.com/health"

    def run(self):
        # ok: python/ssrf -- every Probe gets the input as its label; the target stays constant
        return http.request("GET", self.target)


def handler(event, context):
    data = json.loads(event.get("body") or "{}")
    Notifier(callback_url=data["callback_url"]).send({"state": "done"})
    Probe(label=data.get("label", "")).run()
    Probe(data.get("name", ""), "https://status.example.com/ping").run()
    return {"statusCode": 204}
