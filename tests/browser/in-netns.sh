#!/bin/bash
# Runs a command in a network namespace of its own (as root): loopback up, and a veth pair v0/v1 with
# private addresses and a default route, so that WebRTC finds host candidates to connect two peers of
# one page. Nothing in the namespace reaches any other network; it ends with the command.
set -euo pipefail
exec unshare --net -- bash -c '
  set -euo pipefail
  ip link set lo up
  ip link add v0 type veth peer name v1
  ip addr add 10.88.0.1/24 dev v0
  ip addr add 10.88.0.2/24 dev v1
  ip link set v0 up
  ip link set v1 up
  ip route add default via 10.88.0.2 dev v0
  exec "$@"' in-netns "$@"
