"""Inventory worker: loads stock files and syncs them to the warehouse."""
