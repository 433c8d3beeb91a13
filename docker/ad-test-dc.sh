#!/bin/bash
# A throw-away Samba Active Directory domain controller on loopback, for the AD test suite.
# Debian 12, as root. Everything lives in $AD_DIR; nothing touches the system's Samba configuration.
#
#   docker/ad-test-dc.sh install   Debian packages (samba, ldap-utils, openssl …)
#   docker/ad-test-dc.sh ensure    provision (once) and start, unless a DC already answers LDAPS
#   docker/ad-test-dc.sh stop      stop the DC and every child process
#   docker/ad-test-dc.sh env       print the connection settings the tests read
#   docker/ad-test-dc.sh delegate-reset <OU DN> <sAMAccountName>
#                                  give the account the "Reset password" right on the OU's users
#
# The domain: CORP / corp.example.test, LDAPS on 127.0.0.1:636 with a certificate for 127.0.0.1 and
# localhost signed by its own CA ($AD_DIR/tls/ca.pem). Policy: complexity on, 12 characters, minimum
# age 1 day, history 5; a previous password stops working at once.
set -euo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin   # pyenv and friends must not shadow Debian's python3 for samba-tool
D=${AD_DIR:-/tmp/rotabot-test-dc}
REALM=CORP.EXAMPLE.TEST
DOMAIN=CORP
ADMIN_PASSWORD=${AD_ADMIN_PASSWORD:-'Adm1n!Passw0rd#2024'}
PIDFILE=$D/run/samba.pid

install() {
  local guard=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then   # keep the packages' scripts from starting system-wide daemons
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; guard=1
  fi
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    samba samba-ad-provision samba-dsdb-modules samba-vfs-modules winbind python3-samba ldb-tools ldap-utils openssl
  if [ $guard = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
}

certificates() {   # Samba's own certificate has no subject alternative names; Java's hostname check needs them
  mkdir -p "$D/tls"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Rotabot Test AD CA" \
    -keyout "$D/tls/ca.key" -out "$D/tls/ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=dc1.corp.example.test" \
    -keyout "$D/tls/key.pem" -out "$D/tls/dc.csr" 2>/dev/null
  printf 'subjectAltName=DNS:dc1.corp.example.test,DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > "$D/tls/ext.cnf"
  openssl x509 -req -in "$D/tls/dc.csr" -CA "$D/tls/ca.pem" -CAkey "$D/tls/ca.key" -CAcreateserial \
    -days 3650 -extfile "$D/tls/ext.cnf" -out "$D/tls/cert.pem" 2>/dev/null
  chmod 600 "$D/tls/key.pem" "$D/tls/ca.key"
}

provision() {
  rm -rf "$D"; mkdir -p "$D/run"; : > "$D/empty.conf"
  certificates
  # an empty configuration, so Debian's smb.conf (log paths, printers) is not inherited
  samba-tool domain provision -s "$D/empty.conf" --targetdir="$D" \
    --realm=$REALM --domain=$DOMAIN --server-role=dc --dns-backend=NONE \
    --adminpass="$ADMIN_PASSWORD" --use-rfc2307 --host-name=dc1 --host-ip=127.0.0.1 \
    --option="interfaces=lo" --option="bind interfaces only=yes" \
    --option="log file=$D/log.%m" --option="pid directory=$D/run" \
    --option="ncalrpc dir=$D/run/ncalrpc" --option="winbindd socket directory=$D/run/winbindd" \
    --option="ntp signd socket directory=$D/run/ntp_signd" \
    --option="tls enabled=yes" --option="tls keyfile=$D/tls/key.pem" \
    --option="tls certfile=$D/tls/cert.pem" --option="tls cafile=$D/tls/ca.pem" > "$D/provision.log" 2>&1
  # Samba keeps the previous password valid for 60 minutes by default; AD does not
  sed -i '/^\[global\]/a\\told password allowed period = 0' "$D/etc/smb.conf"
  samba-tool domain passwordsettings set -s "$D/etc/smb.conf" \
    --complexity=on --min-pwd-length=12 --min-pwd-age=1 --history-length=5 >> "$D/provision.log" 2>&1
  touch "$D/provisioned"
}

answers() {   # an authenticated LDAPS bind as the domain administrator
  LDAPTLS_CACERT=$D/tls/ca.pem LDAPTLS_REQCERT=demand ldapsearch -x -H ldaps://127.0.0.1 \
    -D "Administrator@corp.example.test" -w "$ADMIN_PASSWORD" -b '' -s base 1.1 >/dev/null 2>&1
}

start() {
  # a session of its own, so stop can wait for every child samba forks
  setsid samba -s "$D/etc/smb.conf" -F --debug-stdout -d1 > "$D/samba.out" 2>&1 < /dev/null &
  echo $! > "$PIDFILE"
  for _ in $(seq 1 900); do
    if answers; then return 0; fi
    kill -0 "$(cat "$PIDFILE")" 2>/dev/null || { echo "samba died; see $D/samba.out" >&2; return 1; }
    sleep 0.1
  done
  echo "the DC did not answer LDAPS within 90 s; see $D/samba.out" >&2; return 1
}

ensure() {
  if [ -f "$D/provisioned" ] && answers; then return 0; fi
  command -v samba >/dev/null || { echo "samba is not installed: run $0 install" >&2; exit 3; }
  stop
  [ -f "$D/provisioned" ] || provision
  start
}

stop() {
  [ -f "$PIDFILE" ] || return 0
  local pid; pid=$(cat "$PIDFILE")
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do pgrep -g "$pid" >/dev/null || break; sleep 0.1; done
  if pgrep -g "$pid" >/dev/null; then kill -KILL -- "-$pid" 2>/dev/null || true; sleep 0.5; fi
  rm -f "$PIDFILE"
}

delegate_reset() {   # the extended right User-Force-Change-Password, inherited by the OU's objects
  local sid
  sid=$(samba-tool user show "$2" -s "$D/etc/smb.conf" | awk '/^objectSid:/ {print $2}')
  [ -n "$sid" ] || { echo "no account $2" >&2; return 1; }
  samba-tool dsacl set -s "$D/etc/smb.conf" --objectdn="$1" --action=allow \
    --sddl="(OA;CI;CR;00299570-246d-11d0-a768-00aa006e0529;;$sid)" > /dev/null
}

settings() {
  echo "AD_TEST_URL=ldaps://127.0.0.1:636"
  echo "AD_TEST_CA=$D/tls/ca.pem"
  echo "AD_TEST_BASE_DN=DC=corp,DC=example,DC=test"
  echo "AD_TEST_ADMIN=Administrator@corp.example.test"
}

case "${1:-}" in
  install) install ;;
  ensure) ensure ;;
  stop) stop ;;
  env) settings ;;
  delegate-reset) delegate_reset "$2" "$3" ;;
  *) echo "usage: $0 install|ensure|stop|env|delegate-reset <OU DN> <account>" >&2; exit 2 ;;
esac
