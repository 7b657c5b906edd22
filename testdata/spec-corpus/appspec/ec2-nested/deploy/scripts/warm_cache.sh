#!/bin/bash
echo warm_cache
