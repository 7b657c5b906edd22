#!/bin/bash
echo UnzipDataBundle
