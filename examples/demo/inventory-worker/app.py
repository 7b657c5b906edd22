"""HTTP entry point of the inventory worker."""

import os

import boto3
from flask import Flask, jsonify, request

from inventory.sync import archive

app = Flask(__name__)

# Defect: a hard-coded AWS secret access key.
s3 = boto3.client(
    "s3",
    aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
    aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
)

# Clean: credentials come from the environment / instance role.
sqs = boto3.client("sqs", region_name=os.environ.get("AWS_REGION", "eu-west-1"))


@app.route("/archive", methods=["POST"])
def archive_export():
    # The posted name goes to `archive` (inventory/sync.py), which hands it to a shell.
    archive(request.form["name"])
    return jsonify(status="archived")


@app.route("/health")
def health():
    return jsonify(status="ok")


if __name__ == "__main__":
    # Defect: the Werkzeug debugger allows code execution from the browser.
    app.run(host="0.0.0.0", port=8080, debug=True)
