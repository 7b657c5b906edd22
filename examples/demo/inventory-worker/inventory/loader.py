"""Loading stock files uploaded by suppliers."""

import json
import pickle

import yaml


def load_manifest(stream):
    """Defect: yaml.load without a safe loader runs arbitrary constructors."""
    return yaml.load(stream, Loader=yaml.Loader)


def load_manifest_safely(stream):
    """Clean: safe_load only builds plain data."""
    return yaml.safe_load(stream)


def restore_batch(request):
    """Defect: unpickling a request body executes attacker-chosen code."""
    return pickle.loads(request.body)


def parse_batch(request):
    """Clean: JSON is data only."""
    return json.loads(request.body)
