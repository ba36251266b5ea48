# Sourced by ./mvnw before Maven starts (POSIX sh), so that the README's commands work as written on a fresh machine:
# - picks a JDK 21+ when JAVA_HOME is unset or older (Tycho 5 and the Eclipse platform need 21; the machines here
#   default to 17 and carry a newer JDK under /usr/lib/jvm);
# - for a build that runs the tests (a test/verify/install goal without -DskipTests), names every missing system
#   package before building rather than failing half-way, and runs under a virtual display (xvfb-run) when there is
#   none: the client tests and the smoke test open SWT windows.

steward_root="$(cd "$(dirname "$0")" && pwd)"
if steward_jdk="$("$steward_root/releng/java-home.sh" 2>/dev/null)"; then
  JAVA_HOME="$steward_jdk"
  export JAVA_HOME
fi

steward_runs_tests=false
for steward_arg in "$@"; do
  case "$steward_arg" in
    test | integration-test | verify | install | deploy) steward_runs_tests=true ;;
  esac
done
for steward_arg in "$@"; do
  case "$steward_arg" in
    -DskipTests | -DskipTests=true | -Dmaven.test.skip | -Dmaven.test.skip=true) steward_runs_tests=false ;;
  esac
done

if [ "$steward_runs_tests" = true ] && [ -z "${STEWARD_ENV_CHECKED:-}" ]; then
  STEWARD_ENV_CHECKED=1
  export STEWARD_ENV_CHECKED
  steward_missing=""
  steward_packages=""
  steward_need() {
    steward_missing="$steward_missing
  - $1"
    steward_packages="$steward_packages $2"
  }
  [ -n "${steward_jdk:-}" ] || steward_need "a JDK 21 or newer (JAVA_HOME or /usr/lib/jvm)" openjdk-21-jdk-headless
  if ! { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q 'libgtk-3\.so\.0'; then
    steward_need "GTK 3 (libgtk-3.so.0), for SWT" libgtk-3-0
  fi
  if [ -z "${DISPLAY:-}" ] && ! command -v xvfb-run >/dev/null 2>&1; then
    steward_need "a display, or Xvfb's xvfb-run" xvfb
  fi
  command -v xwininfo >/dev/null 2>&1 || steward_need "xwininfo (the smoke test waits for the client window)" x11-utils
  command -v curl >/dev/null 2>&1 || steward_need "curl (the smoke test calls the consent pages)" curl
  command -v python3 >/dev/null 2>&1 || steward_need "python3 (the smoke test picks free ports, writes a bundle)" python3
  command -v ss >/dev/null 2>&1 || steward_need "ss (the smoke test checks what the server listens on)" iproute2
  command -v openssl >/dev/null 2>&1 || steward_need "openssl (the smoke test reads the served certificate)" openssl
  command -v testssl >/dev/null 2>&1 || command -v testssl.sh >/dev/null 2>&1 \
    || steward_need "testssl.sh (the smoke test rates the server's TLS)" testssl.sh
  if [ -n "$steward_missing" ]; then
    echo "The tests need what this machine lacks:$steward_missing" >&2
    echo "On Debian or Ubuntu: sudo apt-get install$steward_packages  (.ci/run does this)" >&2
    exit 2
  fi
  if [ -z "${DISPLAY:-}" ]; then
    exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
  fi
fi
