#!/usr/bin/env bash
# Serve the demo: the web server, a task worker and the scheduler, stopped together.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
ADDR="${WUYE_ADDR:-127.0.0.1:8000}"

"$BIN/wuye" db_worker &
worker=$!
"$BIN/wuye" scheduler >/dev/null &
scheduler=$!
trap 'kill $worker $scheduler 2>/dev/null || true' EXIT INT TERM

cat <<TXT

  Wuye is running at http://$ADDR/
  Demo logins (password: wuye-demo)
    admin        company administrator (also /admin/)
    manager      property manager
    frontdesk    front desk
    engineer     engineering supervisor
    electrician  technician
    guard        guard
    cashier      cashier
    owner        owner of one home
    owner2       owner of another home
    tenant       tenant of a third home
  admin, manager, cs-supervisor and accountant then give a code (two-factor sign-in):
  add the key O52X SZJN MRSW 23ZN MJXX EZDF MF2X QIJB to an authenticator app,
  or run .venv/bin/wuye demo_code for the current code.
  Stop with Ctrl-C.

TXT
"$BIN/wuye" runserver "$ADDR"
