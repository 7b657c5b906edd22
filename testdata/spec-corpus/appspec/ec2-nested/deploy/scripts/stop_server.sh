#!/bin/bash
echo stop_server
