# A client class whose constructor keeps the URL it is given; its methods request it.
import requests


class WebhookClient:
    def __init__(self, url, signature=None):
        self.url = url
        self.headers = {"Content-Type": "application/json"}
        if signature:
            self.headers["X-Signature"] = signature

    def deliver(self, payload):
        # ruleid: python/ssrf
        response = requests.post(self.url, json=payload, headers=self.headers, timeout=10)
        return response.status_code


class StatusClient:
    def __init__(self, url):
        self.url = url

    def ping(self):
        # ok: python/ssrf -- every StatusClient is built with a constant URL
        return requests.get(self.url, timeout=5).status_code
