#!/bin/bash
echo UnzipResourceBundle
