#!/usr/bin/env bash
# Runs a command against a private, throw-away Secret Service (gnome-keyring), so keytar talks to a real
# keychain without ever touching the keyring of the person running it.
#
#   bash scripts/with-keyring.sh npx vitest run test/secrets
#
# How: a fresh D-Bus session bus (dbus-run-session) -> gnome-keyring-daemon in the foreground, with
# HOME, XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME and XDG_RUNTIME_DIR pointed at a temporary folder
# and its login keyring created and unlocked with a throw-away password -> the command. The daemon is
# stopped and the temporary folder removed afterwards; the command's exit status is returned.
# Inside, FERRY_TEST_KEYRING=1 tells tests that the keyring they see is a disposable one.
# Needs: dbus-run-session (dbus), gnome-keyring-daemon (gnome-keyring), gdbus (libglib2.0-bin).
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: bash scripts/with-keyring.sh <command...>" >&2
  exit 2
fi

if [ -z "${_FERRY_KEYRING_INNER:-}" ]; then
  for tool in dbus-run-session gnome-keyring-daemon gdbus; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "with-keyring: '$tool' is missing (apt-get install dbus gnome-keyring libglib2.0-bin)" >&2
      exit 127
    fi
  done
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/ferry-keyring.XXXXXX")"
  chmod 700 "$tmp"
  trap 'rm -rf "$tmp"' EXIT
  status=0
  _FERRY_KEYRING_INNER=1 _FERRY_KEYRING_TMP="$tmp" _FERRY_REAL_HOME="${HOME:-}" \
    dbus-run-session -- bash "${BASH_SOURCE[0]}" "$@" || status=$?
  exit "$status"
fi

# ---- inside the private D-Bus session ----
tmp="$_FERRY_KEYRING_TMP"
# Keep npm's cache where it was (npx would otherwise re-download into the temporary HOME).
if [ -z "${npm_config_cache:-}" ] && [ -n "${_FERRY_REAL_HOME:-}" ]; then
  export npm_config_cache="$_FERRY_REAL_HOME/.npm"
fi
unset _FERRY_KEYRING_INNER _FERRY_KEYRING_TMP _FERRY_REAL_HOME
export HOME="$tmp/home"
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# A desktop session's keyring must not leak in (libsecret uses this session's bus; the daemon must not attach
# to a running one through its control socket).
unset GNOME_KEYRING_CONTROL

password="ferry-test-$RANDOM$RANDOM"
# --foreground keeps the daemon our child, so we can stop it and reap it (no orphan, no zombie).
printf '%s' "$password" | gnome-keyring-daemon --foreground --unlock --components=secrets >"$tmp/daemon.log" 2>&1 &
daemon=$!
stop_daemon() {
  kill "$daemon" 2>/dev/null || true
  wait "$daemon" 2>/dev/null || true
}
trap stop_daemon EXIT

if ! gdbus wait --session --timeout 15 org.freedesktop.secrets; then
  echo "with-keyring: gnome-keyring-daemon did not appear on the session bus:" >&2
  cat "$tmp/daemon.log" >&2 || true
  exit 1
fi

export FERRY_TEST_KEYRING=1
status=0
"$@" || status=$?
exit "$status"
