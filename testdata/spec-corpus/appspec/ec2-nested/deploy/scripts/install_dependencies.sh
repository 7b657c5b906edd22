#!/bin/bash
echo install_dependencies
