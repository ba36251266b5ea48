#!/usr/bin/env bash
# End-to-end checks of the materialized products, run by `mvn verify` after the products are built:
# the server answers steward-admin within 5 s of start and says when it is ready, serves the consent links over HTTPS
# with the certificate its console shows, its data directory is the owner's
# only, a persisted row survives a restart, a bundle dropped into deploy/ becomes ACTIVE without a restart, each
# capability can be stopped, uninstalled and installed again while the others answer (releng/module-cycle-test.sh),
# a damaged database is reported clearly, and the client window opens. The modules are read from the running server.
#
#   releng/smoke-test.sh <products folder>      (product/target/products)
set -uo pipefail

PRODUCTS="$(cd "${1:?products folder}" && pwd)"
SERVER="$PRODUCTS/steward-server/linux/gtk/x86_64/steward-server"
CLIENT="$PRODUCTS/steward-client/linux/gtk/x86_64/steward-client"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/steward-smoke.XXXXXX")"
PASSED=0
FAILED=0

pass() { PASSED=$((PASSED + 1)); echo "PASS $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/     /'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

cleanup() {
  for data in "$WORK"/data*; do
    [ -f "$data/run/server.pid" ] && kill "$(cat "$data/run/server.pid")" 2>/dev/null
  done
  [ -n "${CLIENT_PID:-}" ] && kill "$CLIENT_PID" 2>/dev/null
  [ -n "${XVFB_PID:-}" ] && kill "$XVFB_PID" 2>/dev/null
}
trap cleanup EXIT

DATA="$WORK/data"
DEPLOY="$WORK/deploy"
# the deploy folder starts as shipped (its settings seed the demo contacts), like <install>/deploy of a real install
mkdir -p "$DEPLOY" && cp "$SERVER"/deploy/*.cfg "$DEPLOY"/
HTTPS_PORT="$(free_port)"
start_server() {
  "$SERVER/bin/steward-server" --data "$1" --deploy "$DEPLOY" --https-port "$HTTPS_PORT" --https-host 127.0.0.1 \
    --background >"$WORK/start.out" 2>&1
}

# 1. Start and answer within 5 s (the console comes up before the modules finish starting)
t0=$(now_ms)
start_server "$DATA" &
STARTER=$!
modules=""
while [ $(( $(now_ms) - t0 )) -lt 60000 ]; do
  if modules="$("$SERVER/bin/steward-admin" --data "$DATA" 'steward:modules' 2>&1)"; then break; fi
  sleep 0.05
done
elapsed=$(( $(now_ms) - t0 ))
# sent at once, maybe before the contacts module registered its commands: it waits for readiness, not "not found"
early_status="$("$SERVER/bin/steward-admin" --data "$DATA" 'steward:status' 2>&1 | head -1)"
early="$("$SERVER/bin/steward-admin" --data "$DATA" 'contacts:count' 2>&1)"; early_rc=$?
wait "$STARTER"; starter_rc=$?
if grep -q 'org.steward.core .*ACTIVE' <<<"$modules" && [ "$elapsed" -le 5000 ]; then
  pass "steward:modules answered ${elapsed} ms after start"
else
  fail "steward:modules within 5 s (took ${elapsed} ms)" "$modules$(cat "$WORK/start.out")"
fi
status="$("$SERVER/bin/steward-admin" --data "$DATA" 'steward:status' 2>&1)"
if [ "$early_rc" -eq 0 ] && ! grep -q 'not found' <<<"$early" && [ "$starter_rc" -eq 0 ] \
   && grep -q 'Steward server ready' "$WORK/start.out" && [ "$(head -1 <<<"$status")" = "ready" ]; then
  pass "a command sent at start waited for readiness (status then: $early_status); --background returned once ready"
else
  fail "readiness (first command: $early_rc, --background: $starter_rc)" "$early"$'\n'"$status"$'\n'"$(cat "$WORK/start.out")"
fi

# 1b. Start-up is clean: no SLF4J fallback warning, help without errors, deploy/ not written back by FileInstall,
# no telnet console unless asked for (it has no authentication): the server listens on the admin port and HTTPS only
# (plain HTTP is off by default)
help="$("$SERVER/bin/steward-admin" --data "$DATA" 'help' 2>&1)"
pid="$(cat "$DATA/run/server.pid")"
# (Jetty opens the HTTPS port when its configuration arrives, which on a busy machine may be after "ready")
for _ in $(seq 1 100); do
  ss -ltnH "sport = :$HTTPS_PORT" 2>/dev/null | grep -q . && break
  sleep 0.2
done
listening="$(ss -ltnpH 2>/dev/null | grep "pid=$pid," | awk '{print $4}' | sed 's/.*://' | sort -n | tr '\n' ' ')"
expected="$(printf '%s\n' "$(cat "$DATA/run/admin.port")" "$HTTPS_PORT" | sort -n | tr '\n' ' ')"
# (help texts may name exceptions, e.g. Equinox's "threads": errors are Gogo's "No methods found" and "Error:" lines)
if ! grep -q 'SLF4J' "$DATA/logs/console.out" && ! grep -q 'No methods found\|^Error:' <<<"$help" \
   && grep -q 'scope: contacts' <<<"$help" && cmp -s "$DEPLOY/org.steward.demo.cfg" "$SERVER/deploy/org.steward.demo.cfg" \
   && [ "$listening" = "$expected" ]; then
  pass "clean start: no SLF4J warning, help without errors, deploy/ untouched, listening on $listening only"
else
  fail "clean start (listening on: $listening; expected $expected)" \
    "$(grep 'SLF4J' "$DATA/logs/console.out")"$'\n'"$(grep 'No methods found\|^Error:' <<<"$help")"$'\n'"$(diff "$DEPLOY/org.steward.demo.cfg" "$SERVER/deploy/org.steward.demo.cfg")"
fi

# 1c. The data directory is the owner's only: folders 0700, files 0600 (mail bodies, logs, audit anchors, keys)
loose="$(find "$DATA" -perm /077 2>/dev/null | head -20)"
if [ "$(stat -c %a "$DATA")" = "700" ] && [ -z "$loose" ] && [ -n "$(find "$DATA/logs" -type f)" ]; then
  pass "data directory and its $(find "$DATA" | wc -l) entries are the owner's only"
else
  fail "data directory permissions ($(stat -c %a "$DATA"))" "$loose"
fi

# 1d. A console command called with wrong arguments prints its own usage and exits with status 2
usage="$("$SERVER/bin/steward-admin" --data "$DATA" 'steward:backup' 2>&1)"; usage_rc=$?
if [ "$usage_rc" -eq 2 ] && grep -q '^Usage: steward:backup <' <<<"$usage" && ! grep -q 'Cannot coerce' <<<"$usage"; then
  pass "wrong arguments print the command's usage (status 2)"
else
  fail "usage on wrong arguments (status $usage_rc)" "$usage"
fi

# 2. steward-admin exit status follows the command
"$SERVER/bin/steward-admin" --data "$DATA" 'steward:nosuch' >"$WORK/nosuch.out" 2>&1
status=$?
if [ "$status" -eq 1 ] && grep -q 'Error: Command not found' "$WORK/nosuch.out"; then
  pass "a failing console command exits with status 1"
else
  fail "a failing console command exits with status 1 (got $status)" "$(cat "$WORK/nosuch.out")"
fi

# 2b. The security modules are up: the first administrator exists with an owner-only one-time password, the audit
# chain verifies, the master key store was created
users="$("$SERVER/bin/steward-admin" --data "$DATA" 'users:list' 2>&1)"
verify="$("$SERVER/bin/steward-admin" --data "$DATA" 'audit:verify' 2>&1)"; verify_status=$?
if grep -q '^admin .*must-change-password' <<<"$users" \
   && [ "$(stat -c %a "$DATA/run/initial-admin-password")" = "600" ] \
   && [ "$verify_status" -eq 0 ] && grep -q 'Audit chain OK' <<<"$verify" \
   && [ -f "$DATA/keys/master.p12" ]; then
  pass "first administrator, audit chain and master key store in place"
else
  fail "security modules at first start" "$users"$'\n'"$verify"
fi

# 2c. Every module (each bundle with a Steward-Module header, from steward:modules) is ACTIVE, and the demo contacts
# were seeded on the first start
modules="$("$SERVER/bin/steward-admin" --data "$DATA" 'steward:modules' 2>&1)"
missing="$(awk 'NR>1 && $NF != "ACTIVE" {printf " %s", $(NF-2)}' <<<"$modules")"
[ "$(awk 'NR>1' <<<"$modules" | wc -l)" -ge 1 ] || missing=" (no module listed)"
count=""
for _ in $(seq 1 100); do
  count="$("$SERVER/bin/steward-admin" --data "$DATA" 'contacts:count' 2>&1 | tr -dc '0-9')"
  [ -n "$count" ] && [ "$count" -ge 25 ] && break
  sleep 0.3
done
if [ -z "$missing" ] && [ "${count:-0}" -ge 25 ]; then
  pass "all $(awk 'NR>1' <<<"$modules" | wc -l) modules ACTIVE, $count demo contacts seeded"
else
  fail "modules at first start (inactive:${missing:- none}; contacts: ${count:-none})" "$modules"
fi

# 2d. HTTPS: the certificate served is the one steward:certificate shows (SHA-256, the self-signed one generated at
# first start, owner-only in <data>/tls), HSTS on every answer; the consent links answer over it: a GET shows a page
# with a button and changes nothing (mail scanners prefetch links), a POST with a well-formed unknown token gets the
# neutral "no longer valid" answer
shown="$("$SERVER/bin/steward-admin" --data "$DATA" 'steward:certificate' 2>&1)"
fingerprint="$(awk '$1 == "SHA-256" {print $2}' <<<"$shown")"
served=""
for _ in $(seq 1 20); do
  if openssl s_client -connect "127.0.0.1:$HTTPS_PORT" -servername localhost </dev/null 2>/dev/null \
       | openssl x509 -outform PEM >"$WORK/served.pem" 2>/dev/null; then
    served="$(openssl x509 -in "$WORK/served.pem" -noout -fingerprint -sha256 | sed 's/.*=//')"
    [ -n "$served" ] && break
  fi
  sleep 1
done
page=""; code=""
# (at most 20 tries a second apart: the endpoints allow 30 requests a minute per address)
for _ in $(seq 1 20); do
  code="$(curl -s --cacert "$WORK/served.pem" -D "$WORK/confirm.headers" -o "$WORK/confirm.html" -w '%{http_code}' "https://localhost:$HTTPS_PORT/consent/confirm?token=gOCxVatrQSx-xpJUFPSAwsLJtScKexXoPZUwQLgQ2qk")"
  case "$code" in 000|404|503) sleep 1 ;; *) break ;; esac
done
page="$(cat "$WORK/confirm.html" 2>/dev/null)"
post="$(curl -s --cacert "$WORK/served.pem" -o /dev/null -w '%{http_code}' -X POST --data 'token=gOCxVatrQSx-xpJUFPSAwsLJtScKexXoPZUwQLgQ2qk' "https://localhost:$HTTPS_PORT/consent/confirm")"
plain="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTPS_PORT/consent/confirm" 2>/dev/null)"
if [ -n "$fingerprint" ] && [ "$served" = "$fingerprint" ] && [ "$code" = "200" ] && grep -qi '<form' <<<"$page" \
   && [ "$post" = "410" ] && grep -qi '^strict-transport-security: max-age=31536000' "$WORK/confirm.headers" \
   && [ "$plain" != "200" ] && [ "$(stat -c %a "$DATA/tls/self-signed.p12")" = "600" ]; then
  pass "consent links answer over HTTPS with the certificate steward:certificate shows (GET $code, POST $post, HSTS; plain HTTP on that port: $plain)"
else
  fail "consent links over HTTPS (GET $code, POST $post, plain $plain; served ${served:-none}, shown ${fingerprint:-none})" "$shown"$'\n'"$page"$'\n'"$(cat "$WORK/confirm.headers" 2>/dev/null)"
fi

# 2e. An administrator's certificate (issued by a CA of this test, PEM chain and key, with a CRL address as a real
# CA's has) dropped in as deploy/org.steward.server.https.cfg is served without a restart; testssl.sh then rates the
# TLS of the running server: no finding rated HIGH or CRITICAL (the test CA given as trusted; the name checked is
# localhost, one of the certificate's names)
TLS="$WORK/tls"
mkdir -p "$TLS"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$TLS/ca.key" -out "$TLS/ca.pem" \
  -days 90 -subj "/CN=Steward smoke test CA" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" >/dev/null 2>&1
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$TLS/server.key" -out "$TLS/server.csr" \
  -subj "/CN=localhost" >/dev/null 2>&1
printf '%s\n' 'subjectAltName=DNS:localhost,IP:127.0.0.1' 'basicConstraints=CA:FALSE' \
  'keyUsage=critical,digitalSignature' 'extendedKeyUsage=serverAuth' \
  'crlDistributionPoints=URI:http://localhost/steward-smoke.crl' >"$TLS/server.ext"
openssl x509 -req -in "$TLS/server.csr" -CA "$TLS/ca.pem" -CAkey "$TLS/ca.key" -CAcreateserial -days 90 \
  -extfile "$TLS/server.ext" -out "$TLS/server.pem" >/dev/null 2>&1
cat "$TLS/server.pem" "$TLS/ca.pem" >"$TLS/fullchain.pem"
issued="$(openssl x509 -in "$TLS/server.pem" -noout -fingerprint -sha256 | sed 's/.*=//')"
printf 'certificate=%s\nprivateKey=%s\nwatchSeconds=1\n' "$TLS/fullchain.pem" "$TLS/server.key" \
  >"$DEPLOY/org.steward.server.https.cfg"
now_served=""
for _ in $(seq 1 60); do
  now_served="$(openssl s_client -connect "127.0.0.1:$HTTPS_PORT" -servername localhost </dev/null 2>/dev/null \
    | openssl x509 -noout -fingerprint -sha256 2>/dev/null | sed 's/.*=//')"
  [ -n "$issued" ] && [ "$now_served" = "$issued" ] && break
  sleep 0.5
done
shown_now="$("$SERVER/bin/steward-admin" --data "$DATA" 'steward:certificate' 2>&1 | awk '$1 == "SHA-256" {print $2}')"
if [ -n "$issued" ] && [ "$now_served" = "$issued" ] && [ "$shown_now" = "$issued" ]; then
  pass "an administrator's PEM certificate dropped into deploy/ is served without a restart"
else
  fail "administrator's certificate (issued ${issued:-none}, served ${now_served:-none}, shown ${shown_now:-none})" \
    "$(grep 'org.steward.server' "$DATA/logs/steward.log" | tail -5)"
fi
TESTSSL="$(command -v testssl || command -v testssl.sh || true)"
if [ -z "$TESTSSL" ]; then
  fail "testssl.sh rating" "testssl.sh is not installed (Debian package testssl.sh; .ci/run installs it)"
else
  t0=$(now_ms)
  "$TESTSSL" --quiet --color 0 --warnings off --add-ca "$TLS/ca.pem" --ip 127.0.0.1 \
    --jsonfile "$WORK/testssl.json" "localhost:$HTTPS_PORT" >"$WORK/testssl.out" 2>&1
  took=$(( ($(now_ms) - t0) / 1000 ))
  findings="$(python3 -c '
import json, sys
entries = json.load(open(sys.argv[1]))
for e in entries:
    if e.get("severity") in ("HIGH", "CRITICAL"):
        print(e.get("severity"), e.get("id"), e.get("finding"))
counts = {s: sum(1 for e in entries if e.get("severity") == s) for s in ("CRITICAL", "HIGH", "MEDIUM", "LOW", "OK")}
print(" ".join(k + " " + str(v) for k, v in counts.items()), file=sys.stderr)
' "$WORK/testssl.json" 2>"$WORK/testssl.counts")"; parsed=$?
  if [ "$parsed" -eq 0 ] && [ -z "$findings" ] && grep -q 'TLS 1.3 *offered' "$WORK/testssl.out" \
     && grep -q 'TLS 1.1 *not offered' "$WORK/testssl.out"; then
    pass "testssl.sh: no HIGH or CRITICAL finding ($(cat "$WORK/testssl.counts"); ${took} s)"
  else
    fail "testssl.sh found HIGH or CRITICAL issues (or did not run)" "$findings"$'\n'"$(tail -30 "$WORK/testssl.out")"
  fi
fi
# back to the generated certificate (FileInstall deletes the configuration with the file)
rm -f "$DEPLOY/org.steward.server.https.cfg"

# 3. A persisted row survives a restart: the backup history lives in the database. Before the restart an admin
# opens the logs folder to other users: the start names it in a warning.
backup_out="$("$SERVER/bin/steward-admin" --data "$DATA" "steward:backup $WORK/backups" 2>&1)"
backup_folder="$(sed -n 's/^Backup written to \(.*\) (.*/\1/p' <<<"$backup_out")"
"$SERVER/bin/steward-server" --data "$DATA" --stop >/dev/null 2>&1
chmod 755 "$DATA/logs"
start_server "$DATA"
if grep -q "WARN .*$DATA/logs can be read by other users (mode rwxr-xr-x)" "$DATA/logs/steward.log"; then
  pass "a data folder opened to other users is named in a warning at start"
else
  fail "warning on loosened permissions" "$(grep WARN "$DATA/logs/steward.log" | tail -5)"
fi
chmod 700 "$DATA/logs"
listed="$("$SERVER/bin/steward-admin" --data "$DATA" 'steward:backups' 2>&1)"
if [ -n "$backup_folder" ] && [ -f "$backup_folder/service.properties" ] && grep -qF "$backup_folder" <<<"$listed"; then
  pass "the backup recorded before a restart is listed after it"
else
  fail "persisted row after restart" "backup: $backup_out"$'\n'"listed: $listed"
fi

# 4. A bundle dropped into deploy/ becomes ACTIVE without a restart
mkdir -p "$WORK/hello/META-INF"
printf 'Manifest-Version: 1.0\nBundle-ManifestVersion: 2\nBundle-SymbolicName: com.example.steward.hello\nBundle-Version: 1.0.0\nSteward-Module: Hello partner module\n' \
  >"$WORK/hello/META-INF/MANIFEST.MF"
(cd "$WORK/hello" && python3 -c 'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],"w"); z.write("META-INF/MANIFEST.MF"); z.close()' "$WORK/hello.jar")
cp "$WORK/hello.jar" "$DEPLOY/"
deployed=""
for _ in $(seq 1 100); do
  deployed="$("$SERVER/bin/steward-admin" --data "$DATA" 'steward:modules' 2>&1)"
  grep -q 'com.example.steward.hello .*ACTIVE' <<<"$deployed" && break
  sleep 0.1
done
if grep -q 'com.example.steward.hello .*ACTIVE' <<<"$deployed"; then
  pass "a bundle dropped into deploy/ became ACTIVE without a restart"
else
  fail "deploy/ hot install" "$deployed"
fi
"$SERVER/bin/steward-server" --data "$DATA" --stop >/dev/null 2>&1

# 4b. Each capability stands alone: stopped, uninstalled and installed again while the others answer (on a server
# of its own, which it may restart between modules)
if cycle="$(bash "$(dirname "$0")/module-cycle-test.sh" "$SERVER" 2>&1)"; then
  pass "every capability stopped, uninstalled and reinstalled while the others answered"
else
  fail "capabilities standing alone (releng/module-cycle-test.sh)" "$cycle"
fi
# 5. A damaged database folder: one clear message naming the folder, the files untouched
BROKEN="$WORK/data-broken"
mkdir -p "$BROKEN/db/seg0"
echo "not a database" >"$BROKEN/db/seg0/c10.dat"
start_server "$BROKEN"
"$SERVER/bin/steward-admin" --data "$BROKEN" 'steward:database' >"$WORK/broken.out" 2>&1
sleep 0.5
if grep -q "Cannot open the database $BROKEN/db (setting steward.data.dir): the folder exists but holds no Derby database" "$BROKEN/logs/steward.log" \
   && grep -q "Steward: Cannot open the database $BROKEN/db" "$BROKEN/logs/console.out" \
   && [ "$(cat "$BROKEN/db/seg0/c10.dat")" = "not a database" ] && [ ! -e "$BROKEN/db/service.properties" ]; then
  pass "a damaged database folder is named in the log and on the console, and left untouched"
else
  fail "damaged database message" "$(tail -5 "$BROKEN/logs/steward.log" 2>&1)"
fi
"$SERVER/bin/steward-server" --data "$BROKEN" --stop >/dev/null 2>&1

# 6. The client window opens (under Xvfb when there is no display)
if [ -z "${DISPLAY:-}" ] && command -v Xvfb >/dev/null; then
  Xvfb :77 -screen 0 1280x800x24 >/dev/null 2>&1 &
  XVFB_PID=$!
  export DISPLAY=:77
  sleep 1
fi
if [ -n "${DISPLAY:-}" ] && command -v xwininfo >/dev/null; then
  "$CLIENT/bin/steward-client" --data "$WORK/data-client" >"$WORK/client.out" 2>&1 &
  CLIENT_PID=$!
  window=""
  for _ in $(seq 1 120); do
    window="$(xwininfo -root -tree 2>/dev/null | grep '"Steward"' || true)"
    [ -n "$window" ] && break
    sleep 0.25
  done
  if [ -n "$window" ]; then
    pass "the client window 'Steward' opened"
    if [ -n "${STEWARD_SCREENSHOT:-}" ] && command -v import >/dev/null; then
      sleep 2
      import -window root "$STEWARD_SCREENSHOT" && echo "screenshot: $STEWARD_SCREENSHOT"
    fi
  else
    fail "client window" "$(tail -20 "$WORK/client.out")"$'\n'"$(tail -20 "$WORK/data-client/logs/client.log" 2>/dev/null)"
  fi
  kill "$CLIENT_PID" 2>/dev/null
  wait "$CLIENT_PID" 2>/dev/null
  CLIENT_PID=""
else
  fail "client window" "no DISPLAY and no Xvfb, or xwininfo (x11-utils) is missing"
fi

echo "smoke: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ] && rm -rf "$WORK"
[ "$FAILED" -eq 0 ]
