#!/bin/sh
# Turns a fresh Debian/Ubuntu machine into a kiosk station (docs/kiosk-station.md, Linux).
# Usage, as root: sh install-station.sh borne-mon-espace-locataire_X.Y.Z_amd64.deb
# Then edit /etc/borne/kiosk.json (portalUrl, enrolmentCode, staff.pinHash) and reboot.
set -eu

deb=${1:?usage: install-station.sh PATH-TO-THE-KIOSK.deb}
here=$(dirname "$0")
[ "$(id -u)" -eq 0 ] || { echo "install-station.sh: run as root" >&2; exit 1; }

apt-get update
apt-get install -y cage "$deb"

# The kiosk's own user: no password, no sudo, in the groups that reach the screen and input devices.
id borne >/dev/null 2>&1 || useradd --create-home --shell /usr/sbin/nologin borne
usermod -a -G video,input,render borne

install -d -m 0755 /etc/borne
if [ ! -f /etc/borne/kiosk.json ]; then
  cat >/etc/borne/kiosk.json <<'JSON'
{
  "portalUrl": "https://portail.example.invalid",
  "kioskId": "agence-1-borne-1",
  "enrolmentCode": null,
  "staff": { "pinHash": null }
}
JSON
  chmod 0644 /etc/borne/kiosk.json
fi
# A cage session has no keyring, so the database key comes from here (root-only, kept across updates).
if [ ! -f /etc/borne/kiosk.env ]; then
  umask 077
  key=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
  printf 'KIOSK_CONFIG=/etc/borne/kiosk.json\nKIOSK_DB_KEY=%s\n' "$key" >/etc/borne/kiosk.env
  umask 022
fi

install -m 0644 "$here/borne-kiosk.pam" /etc/pam.d/borne-kiosk
install -m 0644 "$here/borne-kiosk.service" /etc/systemd/system/borne-kiosk.service

# Screen blanking off: the text console's own blanking (cage itself never blanks).
if [ -f /etc/default/grub ] && ! grep -q 'consoleblank=0' /etc/default/grub; then
  sed -i 's/^GRUB_CMDLINE_LINUX_DEFAULT="\(.*\)"/GRUB_CMDLINE_LINUX_DEFAULT="\1 consoleblank=0"/' /etc/default/grub
  update-grub
fi

systemctl daemon-reload
systemctl set-default graphical.target
systemctl enable borne-kiosk.service
echo "Station ready: edit /etc/borne/kiosk.json, then reboot."
