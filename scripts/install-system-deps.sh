#!/usr/bin/env bash
# Installs the Debian packages Ferry's tests need (real peers and the real keychain), only what is missing.
set -euo pipefail
pkgs=(libsecret-1-dev gnome-keyring dbus dbus-bin chromium fonts-dejavu-core zabbix-server-mysql zabbix-frontend-php php-cli php-mysql mariadb-server radicale apache2-utils vdirsyncer)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "system deps: installing ${missing[*]}" >&2
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
# Server packages must not try to start system services here.
printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null; $SUDO chmod +x /usr/sbin/policy-rc.d
trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -q >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q "${missing[@]}" >&2
