#!/bin/bash
echo RunResourceTests
