#!/bin/bash
curl -f localhost:8080/health
