#!/usr/bin/env bash
# Placeholder until the model set-up lands: fetches nothing yet.
exit 0
