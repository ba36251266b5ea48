#!/usr/bin/env bash
# Builds Steward and runs every test: the OSGi test bundles (inside Equinox, real services, real Derby), then the
# products' end-to-end smoke test. This is the README's test command; CI runs it too (.ci/run).
#
#   releng/test.sh [maven arguments]        e.g. releng/test.sh -o
#
# Finds a JDK 21+ (JAVA_HOME or /usr/lib/jvm), runs under a virtual display (xvfb-run) when there is no display, and
# names what is missing before building rather than failing half-way.
set -uo pipefail
cd "$(dirname "$0")/.."

missing=()
packages=()
need() { missing+=("$1"); packages+=("$2"); }

if ! JAVA_HOME="$(releng/java-home.sh 2>/dev/null)"; then
  need "a JDK 21 or newer (JAVA_HOME or /usr/lib/jvm)" openjdk-21-jdk-headless
fi
# SWT (the client, its tests and the smoke test's client window) loads GTK 3
if ! { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q 'libgtk-3\.so\.0'; then
  need "GTK 3 (libgtk-3.so.0)" libgtk-3-0
fi
if [ -z "${DISPLAY:-}" ] && ! command -v xvfb-run >/dev/null; then
  need "a display, or Xvfb's xvfb-run" xvfb
fi
command -v xwininfo >/dev/null || need "xwininfo (the smoke test waits for the client window)" x11-utils
command -v curl >/dev/null || need "curl (the smoke test calls the consent pages)" curl
command -v python3 >/dev/null || need "python3 (the smoke test picks free ports, writes a test bundle)" python3
command -v ss >/dev/null || need "ss (the smoke test checks what the server listens on)" iproute2

if [ ${#missing[@]} -gt 0 ]; then
  echo "releng/test.sh: missing:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  echo "On Debian or Ubuntu: sudo apt-get install ${packages[*]}  (.ci/run does this)" >&2
  exit 2
fi
export JAVA_HOME

if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" ./mvnw -B clean verify "$@"
fi
exec ./mvnw -B clean verify "$@"
