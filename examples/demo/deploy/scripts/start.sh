#!/bin/sh
set -eu
systemctl restart orders
