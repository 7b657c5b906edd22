#!/bin/bash
cd /opt/app
node server.js &
