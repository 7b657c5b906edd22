#!/bin/bash
echo MonitorService
