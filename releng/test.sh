#!/usr/bin/env bash
# Builds Steward and runs every test: the OSGi test bundles (inside Equinox, real services, real Derby), then the
# products' end-to-end smoke test. Uses a JDK 21+ and a virtual display (Xvfb) when there is no display.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="$(releng/java-home.sh)"
export JAVA_HOME
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" ./mvnw -B clean verify "$@"
fi
exec ./mvnw -B clean verify "$@"
