#!/bin/bash
# Checks the deployment files: deploy/validate.sh (from anywhere; needs node and npm, and docker compose or
# docker-compose; haproxy is used if installed).
#   1. docker-compose.yml: `docker compose config` (or docker-compose's), which resolves and validates it;
#   2. deploy/compose/haproxy.cfg: `haproxy -c`, if haproxy is installed;
#   3. deploy/kubernetes/*.yaml and the variables of both: deploy/validate-manifests.mjs (schemas, unknown fields,
#      references, EMULATOR_* names), with npm packages installed once into $VALIDATE_DIR.
set -u -o pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VALIDATE_DIR=${VALIDATE_DIR:-${TMPDIR:-/tmp}/connect-emulator-validate}
status=0

echo "== docker-compose.yml"
if docker compose version >/dev/null 2>&1; then COMPOSE=(docker compose)
elif command -v docker-compose >/dev/null; then COMPOSE=(docker-compose)
else COMPOSE=(); fi
if [ ${#COMPOSE[@]} -gt 0 ]; then
  "${COMPOSE[@]}" version 2>/dev/null | head -1
  (cd "$ROOT" && "${COMPOSE[@]}" -f docker-compose.yml config -q) && echo "ok" || status=1
else
  echo "SKIPPED: neither docker compose nor docker-compose is installed"; status=1
fi

echo "== deploy/compose/haproxy.cfg"
if command -v haproxy >/dev/null; then
  haproxy -v | head -1
  haproxy -c -q -f "$ROOT/deploy/compose/haproxy.cfg" && echo "ok" || status=1
else
  echo "skipped: haproxy is not installed"
fi

echo "== deploy/kubernetes, EMULATOR_* variables"
mkdir -p "$VALIDATE_DIR"
if [ ! -d "$VALIDATE_DIR/node_modules/kubernetes-models" ] || [ ! -d "$VALIDATE_DIR/node_modules/typescript" ]; then
  (cd "$VALIDATE_DIR" && echo '{"private":true,"type":"module"}' >package.json &&
   npm install --silent --no-audit --no-fund kubernetes-models@5.1.0 yaml@2.9 typescript@5.9) || exit 1
fi
cp "$ROOT/deploy/validate-manifests.mjs" "$VALIDATE_DIR/"
echo "kubernetes-models $(node -p "require('$VALIDATE_DIR/node_modules/kubernetes-models/package.json').version")," \
  "typescript $(node -p "require('$VALIDATE_DIR/node_modules/typescript/package.json').version")"
(cd "$VALIDATE_DIR" && node validate-manifests.mjs "$ROOT") || status=1
exit $status
