#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (Ubuntu).
set -euo pipefail
apt-get update
apt-get install -y ca-certificates curl
# Node 20: Ubuntu's own nodejs package is too old for convgrade.
curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
apt-get install -y nodejs
cd /autograder/source
npm install --omit=dev   # or npm ci, with the package-lock.json you zipped
