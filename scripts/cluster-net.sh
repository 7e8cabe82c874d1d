#!/usr/bin/env bash
# The cluster's machines, made of network namespaces: called by terraform/ (local-exec).
#
#   cluster-net.sh network-up|network-down   BRIDGE, GATEWAY_CIDR, STATE_DIR
#   cluster-net.sh key-up|key-down            KEY_DIR
#   cluster-net.sh host-up                    NAME, NAMESPACE, ADDRESS, PREFIX_LEN, BRIDGE,
#                                             HOST_DIR, KEY_DIR
#   cluster-net.sh host-down                  NAME, NAMESPACE, HOST_DIR, KEY_DIR
#   cluster-net.sh host-stop|host-start       the same variables as host-up (faults, recovery)
#
# Every argument comes from the environment (Terraform's `environment` map), so the
# configuration reads as a list of named values. Needs root: namespaces, veths, a bridge.
set -euo pipefail

SSHD=${SSHD:-/usr/sbin/sshd}
PRIVSEP_DIR=/run/sshd

die() { echo "cluster-net: $*" >&2; exit 1; }
need() { for name in "$@"; do [[ -n ${!name:-} ]] || die "$name is not set"; done; }

[[ $(id -u) -eq 0 ]] || die "needs root (network namespaces, a bridge, sshd); run as root"
command -v ip >/dev/null || die "iproute2 (ip) is not installed"

network_up() {
    need BRIDGE GATEWAY_CIDR STATE_DIR
    mkdir -p "$STATE_DIR"
    if [[ ! -d $PRIVSEP_DIR ]]; then   # sshd's privilege separation directory
        mkdir -p "$PRIVSEP_DIR" && chmod 0755 "$PRIVSEP_DIR" && touch "$STATE_DIR/created-privsep-dir"
    fi
    ip link show "$BRIDGE" >/dev/null 2>&1 && die "bridge $BRIDGE already exists; is a cluster up?"
    ip link add "$BRIDGE" type bridge
    ip addr add "$GATEWAY_CIDR" dev "$BRIDGE"
    ip link set "$BRIDGE" up
}

network_down() {
    need BRIDGE STATE_DIR
    if ip link show "$BRIDGE" >/dev/null 2>&1; then ip link del "$BRIDGE"; fi
    if [[ -f $STATE_DIR/created-privsep-dir ]]; then
        # ours to remove, unless another sshd (another cluster's) still needs it
        pgrep -x sshd >/dev/null || rmdir "$PRIVSEP_DIR" 2>/dev/null || true
        rm -f "$STATE_DIR/created-privsep-dir"
    fi
}

key_up() {
    need KEY_DIR
    mkdir -p "$KEY_DIR/known_hosts.d" "$KEY_DIR/cp" && chmod 0700 "$KEY_DIR"
    rm -f "$KEY_DIR/id_ed25519" "$KEY_DIR/id_ed25519.pub"
    ssh-keygen -q -t ed25519 -N '' -C astroshop-cluster -f "$KEY_DIR/id_ed25519"
}

key_down() {
    need KEY_DIR
    rm -rf "$KEY_DIR"
}

sshd_config() {
    cat <<CONFIG
ListenAddress $ADDRESS:22
HostKey $HOST_DIR/ssh/ssh_host_ed25519_key
PidFile $HOST_DIR/ssh/sshd.pid
AuthorizedKeysFile $KEY_DIR/id_ed25519.pub
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
Subsystem sftp internal-sftp
CONFIG
}

start_sshd() {
    ip netns exec "$NAMESPACE" "$SSHD" -f "$HOST_DIR/ssh/sshd_config" -E "$HOST_DIR/ssh/sshd.log"
    for _ in $(seq 50); do
        ip netns exec "$NAMESPACE" bash -c "exec 3<>/dev/tcp/$ADDRESS/22" 2>/dev/null && return 0
        sleep 0.1
    done
    die "sshd of $NAME never listened on $ADDRESS:22 (see $HOST_DIR/ssh/sshd.log)"
}

host_up() {
    need NAME NAMESPACE ADDRESS PREFIX_LEN BRIDGE HOST_DIR KEY_DIR
    [[ -e /run/netns/$NAMESPACE ]] && die "namespace $NAMESPACE already exists; is a cluster up?"
    mkdir -p "$HOST_DIR/ssh" && chmod 0700 "$HOST_DIR/ssh"
    ssh-keygen -q -t ed25519 -N '' -C "$NAME" -f "$HOST_DIR/ssh/ssh_host_ed25519_key" <<<y >/dev/null
    printf '%s %s\n' "$ADDRESS" "$(cut -d' ' -f1,2 "$HOST_DIR/ssh/ssh_host_ed25519_key.pub")" \
        >"$KEY_DIR/known_hosts.d/$NAME"
    sshd_config >"$HOST_DIR/ssh/sshd_config"
    ip netns add "$NAMESPACE"
    ip link add "$NAMESPACE" type veth peer name eth0 netns "$NAMESPACE"
    ip link set "$NAMESPACE" master "$BRIDGE" up
    ip -n "$NAMESPACE" link set lo up
    ip -n "$NAMESPACE" addr add "$ADDRESS/$PREFIX_LEN" dev eth0
    ip -n "$NAMESPACE" link set eth0 up
    start_sshd
}

stop_processes() {   # every process inside the namespace: signal $1, then KILL after 10 s
    # KILL is sent again every round: a process missed by one listing (or born while the
    # host goes down) must not go on answering for 10 s, as a power loss leaves nothing up.
    local pids round
    for round in $(seq 100); do
        pids=$(ip netns pids "$NAMESPACE" 2>/dev/null || true)
        [[ -z $pids ]] && return 0
        if [[ $round -eq 1 || $1 == KILL ]]; then
            # shellcheck disable=SC2086
            kill "-$1" $pids 2>/dev/null || true
        fi
        sleep 0.1
    done
    pids=$(ip netns pids "$NAMESPACE" 2>/dev/null || true)
    # shellcheck disable=SC2086
    [[ -n $pids ]] && kill -KILL $pids 2>/dev/null || true
    for _ in $(seq 50); do
        [[ -z $(ip netns pids "$NAMESPACE" 2>/dev/null) ]] && return 0
        sleep 0.1
    done
}

host_down() {
    need NAME NAMESPACE HOST_DIR KEY_DIR
    if [[ -e /run/netns/$NAMESPACE ]]; then
        stop_processes TERM
        ip link show "$NAMESPACE" >/dev/null 2>&1 && ip link del "$NAMESPACE"
        ip netns del "$NAMESPACE"
    fi
    rm -rf "$HOST_DIR" "$KEY_DIR/known_hosts.d/$NAME"
}

host_stop() {   # the machine loses power: every process dies, its link goes down
    need NAMESPACE
    stop_processes KILL
    ip -n "$NAMESPACE" link set eth0 down
    ip link set "$NAMESPACE" down
}

host_start() {   # power back: link up, sshd; the harness then starts the supervisor over SSH
    need NAME NAMESPACE ADDRESS HOST_DIR
    ip link set "$NAMESPACE" up
    ip -n "$NAMESPACE" link set eth0 up
    [[ -n $(ip netns pids "$NAMESPACE") ]] || start_sshd
}

case "${1:-}" in
    network-up) network_up ;;
    network-down) network_down ;;
    key-up) key_up ;;
    key-down) key_down ;;
    host-up) host_up ;;
    host-down) host_down ;;
    host-stop) host_stop ;;
    host-start) host_start ;;
    *) die "usage: $0 network-up|network-down|key-up|key-down|host-up|host-down|host-stop|host-start" ;;
esac
