from flask import Flask, jsonify, request

from webhook_client import StatusClient, WebhookClient

app = Flask(__name__)


@app.post("/integrations/test")
def test_integration():
    cfg = request.get_json()
    client = WebhookClient(cfg["callback_url"])
    code = client.deliver({"event": "ping"})
    status = StatusClient("https://status.example.com/health").ping()
    return jsonify({"delivered": code, "status": status})
