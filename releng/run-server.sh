#!/usr/bin/env bash
# Builds the server product when it is missing, then starts it in the foreground on embedded Derby.
# Arguments go to bin/steward-server (e.g. --data DIR, --https-port PORT, --public-url URL, --console-port PORT,
# --background): HTTPS on 8443 by default, see docs/ADMIN.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SERVER=product/target/products/steward-server/linux/gtk/x86_64/steward-server
if [ ! -x "$SERVER/bin/steward-server" ]; then
  JAVA_HOME="$(releng/java-home.sh)"
  export JAVA_HOME
  ./mvnw -B -q install -DskipTests
fi
exec "$SERVER/bin/steward-server" "$@"
