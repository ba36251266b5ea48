#!/usr/bin/env bash
# The capabilities stand alone, on the running server product: each capability module in turn is stopped, started,
# uninstalled (with a refresh) and installed again from its jar, while the others keep answering their commands, the
# console never prints an exception name, the data stored before is still there, and a subject-access export covers
# exactly the modules installed at that moment. Prints PASS/FAIL per module and exits non-zero when one failed.
#
#   releng/module-cycle-test.sh <products folder | server folder>
#
# It starts its own server on a fresh data directory (the demo contacts seeded) and stops it at the end; when a
# module's cycle leaves another module broken, the server is restarted before the next module, so that each result
# is that module's own. Nothing here lists the modules: they are the bundles with a Steward-Module header
# (steward:modules), less the platform every capability builds on; each one's probe is a read-only command of its
# own console scope.
set -uo pipefail

# what every capability needs; the rest is cycled
PLATFORM=" org.steward.core org.steward.persistence org.steward.encryption org.steward.audit org.steward.identity \
org.steward.permissions org.steward.server "
# read-only commands, in order of preference, that a module's scope may offer as its probe
PROBES="count list status purposes policies outbox"
WAIT_SECONDS="${STEWARD_CYCLE_WAIT:-10}"

SERVER="$(cd "${1:?products folder or server folder}" && pwd)"
[ -x "$SERVER/bin/steward-server" ] || SERVER="$SERVER/steward-server/linux/gtk/x86_64/steward-server"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/steward-cycle.XXXXXX")"
DATA="$WORK/data"
mkdir -p "$WORK/deploy" && cp "$SERVER"/deploy/*.cfg "$WORK/deploy"/ 2>/dev/null
trap '"$SERVER/bin/steward-server" --data "$DATA" --stop >/dev/null 2>&1' EXIT
start() {
  if ! "$SERVER/bin/steward-server" --data "$DATA" --deploy "$WORK/deploy" --https-port off --background \
      >"$WORK/start.out" 2>&1; then
    echo "FAIL the server did not start"; cat "$WORK/start.out"; exit 1
  fi
}
restart() {
  "$SERVER/bin/steward-server" --data "$DATA" --stop >/dev/null 2>&1
  start
}
start
ADMIN="$SERVER/bin/steward-admin"
LOG="$(mktemp "${TMPDIR:-/tmp}/steward-cycle-log.XXXXXX")"

# Runs one console command; its output is in $OUT, its exit status in $STATUS; every output is kept in $LOG
admin() {
  OUT="$("$ADMIN" --data "$DATA" "$1" 2>&1)"
  STATUS=$?
  printf '>>> %s (status %s)\n%s\n' "$1" "$STATUS" "$OUT" >>"$LOG"
}

# Retries a command until it succeeds (a module's components re-activate asynchronously) or the wait is over
admin_until_ok() {
  local deadline=$(( $(date +%s) + WAIT_SECONDS ))
  while :; do
    admin "$1"
    [ "$STATUS" -eq 0 ] && return 0
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.2
  done
}

bundle_id() { "$ADMIN" --data "$DATA" "lb -s $1" 2>/dev/null | awk -F'|' -v b="$1" '{gsub(/ /,"",$4); split($4,n,"("); if (n[1]==b) {gsub(/ /,"",$1); print $1}}' | tail -1; }

# The capability modules: Steward-Module bundles (last three columns of steward:modules: bundle, version, state)
admin 'steward:modules'
MODULES="$(awk 'NR>1 {print $(NF-2)}' <<<"$OUT" | while read -r bsn; do
  case "$PLATFORM" in *" $bsn "*) ;; *) echo "$bsn" ;; esac
done)"
if [ -z "$MODULES" ]; then
  echo "FAIL no capability module found in steward:modules"; echo "$OUT"; exit 1
fi

# one person known by e-mail, for the subject-access export that must cover exactly the installed modules
PROBE_EMAIL="cycle.probe.$$@example.org"
printf 'firstName,lastName,email\nCycle,Probe,%s\n' "$PROBE_EMAIL" >"$WORK/probe.csv"
admin "contacts:import $WORK/probe.csv"

# the demo contacts may still be being written (the seeding can start seconds after the probe's import): baselines
# are taken once the count reaches the probe plus the demo contacts the deploy folder asks for, and holds for a second
demo="$(sed -n 's/^contactsOnFirstStart *= *\([0-9]*\).*/\1/p' "$WORK/deploy/org.steward.demo.cfg" 2>/dev/null)"
expected=$(( 1 + ${demo:-0} ))
CONTACTS_BEFORE=""
for _ in $(seq 1 60); do
  admin 'contacts:count'
  count="${OUT%% *}"
  [ "$OUT" = "$CONTACTS_BEFORE" ] && [[ "$count" =~ ^[0-9]+$ ]] && [ "$count" -ge "$expected" ] && break
  CONTACTS_BEFORE="$OUT"
  sleep 1
done

# Each module's probe: the first read-only command of the console scopes its own services register
declare -A PROBE BASELINE
for bsn in $MODULES; do
  id="$(bundle_id "$bsn")"
  # quoted: Gogo would run a bare (...) as a sub-command
  admin "services \"(&(osgi.command.scope=*)(service.bundleid=$id))\""
  scopes="$(grep -o 'osgi.command.scope=[A-Za-z0-9_-]*' <<<"$OUT" | cut -d= -f2 | sort -u)"
  for scope in $scopes; do
    for fn in $PROBES; do
      if grep -Eq "osgi.command.function=(\[[^]]*\b$fn\b|$fn[,}])" <<<"$OUT"; then
        admin "$scope:$fn"
        if [ "$STATUS" -eq 0 ]; then PROBE[$bsn]="$scope:$fn"; BASELINE[$bsn]="$(wc -l <<<"$OUT"):$(head -c 200 <<<"$OUT" | head -1)"; break 2; fi
      fi
    done
  done
  echo "module $bsn (bundle $id): probe ${PROBE[$bsn]:-none (no read-only command of its own)}"
done
[ ${#PROBE[@]} -gt 0 ] || { echo "FAIL no capability answers a read-only command: nothing to check with"; exit 1; }

# The modules a subject-access export of the probe person covers, sorted ("consent contacts mail ...")
exported_modules() {
  admin "rights:export $PROBE_EMAIL $WORK/export.zip"
  [ "$STATUS" -eq 0 ] || { echo "(export failed: $(head -1 <<<"$OUT"))"; return; }
  grep -o '{[^}]*}' <<<"$OUT" | tail -1 | tr -d '{} ' | tr ',' '\n' | cut -d= -f1 | sort | tr '\n' ' '
}
# Waits until the export covers what is expected (providers come and go asynchronously); prints what it covered
export_covers() {
  local deadline=$(( $(date +%s) + WAIT_SECONDS )) got
  while :; do
    got="$(exported_modules)"
    [ "$got" = "$1" ] && return 0
    [ "$(date +%s)" -ge "$deadline" ] && { echo "$got"; return 1; }
    sleep 0.3
  done
}
EXPORTED_ALL="$(exported_modules)"
echo "subject-access export covers: $EXPORTED_ALL"
case "$EXPORTED_ALL" in *contacts*) ;; *) echo "FAIL the export of the probe person covers no contacts: $EXPORTED_ALL"; exit 1 ;; esac

all_answer() {
  for m in $MODULES; do
    [ -n "${PROBE[$m]:-}" ] && { admin_until_ok "${PROBE[$m]}" || return 1; }
  done
  return 0
}

PASSED=0
FAILED=0
for bsn in $MODULES; do
  if ! all_answer; then
    echo "     (the previous module left others broken: restarting the server)"
    restart
  fi
  problems=()
  exceptions() { grep -q 'Exception' <<<"$OUT" && problems+=("$1 printed: $(grep -m1 'Exception' <<<"$OUT")"); }
  others_answer() {
    for other in $MODULES; do
      [ "$other" = "$bsn" ] && continue
      [ -z "${PROBE[$other]:-}" ] && continue
      if ! admin_until_ok "${PROBE[$other]}"; then
        problems+=("after $1: ${PROBE[$other]} of $other failed: $(head -1 <<<"$OUT")")
      fi
      exceptions "${PROBE[$other]} after $1"
    done
  }
  own_answers() {
    [ -z "${PROBE[$bsn]:-}" ] && return
    if ! admin_until_ok "${PROBE[$bsn]}"; then
      problems+=("after $1: its own ${PROBE[$bsn]} failed: $(head -1 <<<"$OUT")")
      return
    fi
    exceptions "${PROBE[$bsn]} after $1"
  }
  t0=$(date +%s%3N)
  id="$(bundle_id "$bsn")"
  jar="$(ls "$SERVER"/plugins/"$bsn"_*.jar 2>/dev/null | head -1)"

  admin "stop $id"; exceptions "stop"
  others_answer "stop"
  admin "start $id"; exceptions "start"
  [ "$STATUS" -ne 0 ] && problems+=("start answered: $(head -1 <<<"$OUT")")
  own_answers "start"

  admin "uninstall $id"; exceptions "uninstall"
  [ "$STATUS" -ne 0 ] && problems+=("uninstall answered: $(head -1 <<<"$OUT")")
  # the old revision stays wired until a refresh: only then do hard dependencies show
  admin "refresh"; exceptions "refresh"
  [ "$STATUS" -ne 0 ] && problems+=("refresh answered: $(head -1 <<<"$OUT")")
  others_answer "uninstall and refresh"
  # the export covers exactly what is installed: the module's own provider is gone, every other one is there
  # (without contacts nobody is found by e-mail, and without rights there is no export: those two are skipped)
  module="${bsn#org.steward.}"
  if [ "$module" != contacts ] && [ "$module" != rights ]; then
    expected="$(tr ' ' '\n' <<<"$EXPORTED_ALL" | grep -vx "$module" | grep . | tr '\n' ' ')"
    if ! got="$(export_covers "$expected")"; then
      problems+=("without $module the export covered '$got', expected '$expected'")
    fi
  fi
  admin "install file:$jar"; exceptions "install"
  new_id="$(sed -n 's/^Bundle ID: \([0-9]*\).*/\1/p' <<<"$OUT")"
  if [ -z "$new_id" ]; then
    problems+=("install file:$jar answered: $(head -1 <<<"$OUT")")
  else
    admin "start $new_id"; exceptions "start after install"
    [ "$STATUS" -ne 0 ] && problems+=("start after install answered: $(head -1 <<<"$OUT")")
    own_answers "reinstall"
    others_answer "reinstall"
    if [ "$module" != rights ] && ! got="$(export_covers "$EXPORTED_ALL")"; then
      problems+=("after reinstall the export covered '$got', expected '$EXPORTED_ALL'")
    fi
  fi
  # nothing stored was lost: the module's own probe shows as many lines as before, contacts as many contacts
  if [ -n "${PROBE[$bsn]:-}" ]; then
    admin "${PROBE[$bsn]}"
    now="$(wc -l <<<"$OUT"):$(head -c 200 <<<"$OUT" | head -1)"
    [ "$now" != "${BASELINE[$bsn]}" ] && problems+=("${PROBE[$bsn]} before: '${BASELINE[$bsn]}', after: '$now'")
  fi
  admin 'contacts:count'
  [ "$OUT" != "$CONTACTS_BEFORE" ] && problems+=("contacts:count before: '$CONTACTS_BEFORE', after: '$OUT'")

  took=$(( $(date +%s%3N) - t0 ))
  if [ ${#problems[@]} -eq 0 ]; then
    PASSED=$((PASSED + 1)); echo "PASS $bsn: stop, start, uninstall, reinstall (${took} ms)"
  else
    FAILED=$((FAILED + 1)); echo "FAIL $bsn (${took} ms)"
    printf '     %s\n' "${problems[@]}" | sort -u
  fi
done

echo "module cycle: $PASSED passed, $FAILED failed (console transcript: $LOG)"
"$SERVER/bin/steward-server" --data "$DATA" --stop >/dev/null 2>&1
trap - EXIT
[ "$FAILED" -eq 0 ] && rm -rf "$LOG" "$WORK"
[ "$FAILED" -eq 0 ]
