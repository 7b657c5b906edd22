#!/bin/bash
echo start_server
