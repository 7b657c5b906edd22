#!/bin/bash
echo RunFunctionalTests
