#!/bin/sh
set -eu
/opt/orders/bin/migrate --apply
