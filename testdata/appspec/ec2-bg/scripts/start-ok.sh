#!/bin/bash
cd /opt/app
# node server.js &
nohup node worker.js > /var/log/worker.log 2>&1 &
systemctl restart app && echo ok
