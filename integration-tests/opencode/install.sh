#!/usr/bin/env bash
# Installs the pinned OpenCode server (npm package opencode-ai, see package.json and package-lock.json) into
# integration-tests/target/opencode. Called by the build in the pre-integration-test phase.
# npm install, not npm ci: npm 11 leaves the other platforms' optional binaries out of the lock, which npm ci rejects.
# It never fails the build itself: on failure it writes target/opencode/INSTALL-FAILED with the reason, and the
# integration tests fail with that message (or are skipped on purpose with -Dssekit.skipOpenCode=true).
set -u
here="$(cd "$(dirname "$0")" && pwd)"
dest="$here/../target/opencode"
mkdir -p "$dest"
rm -f "$dest/INSTALL-FAILED"
binary="$dest/node_modules/opencode-ai/bin/opencode.exe"
if [ -x "$binary" ] && cmp -s "$here/package-lock.json" "$dest/package-lock.json"; then
  exit 0 # already installed from this lock file
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is not installed: install Node.js and npm (Debian: apt-get install nodejs npm), or skip these tests with -Dssekit.skipOpenCode=true" > "$dest/INSTALL-FAILED"
  exit 0
fi
cp "$here/package.json" "$here/package-lock.json" "$dest/"
if ! (cd "$dest" && npm install --no-audit --no-fund --loglevel=error) > "$dest/npm.log" 2>&1; then
  echo "npm install of opencode-ai failed; see $dest/npm.log" > "$dest/INSTALL-FAILED"
  exit 0
fi
if [ ! -x "$binary" ]; then
  echo "npm install succeeded but $binary is missing (unsupported platform?); see $dest/npm.log" > "$dest/INSTALL-FAILED"
fi
exit 0
