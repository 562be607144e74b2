# A lab of stand-in hosts in network namespaces (sourced, not run), as the distributed tests make it
# (tests/PerfNotebooks.Core.Tests/Hosts/Support/NetnsLab.cs): a "switch" namespace holding a bridge, one
# namespace per host plugged into it with a veth pair, one veth from this machine's namespace into the switch,
# all on a private 10.213.N.0/24 that exists only here; Debian's sshd in each host namespace on port 2222
# with throw-away keys. Needs root. Traffic stays on the lab's subnet and loopback.
# lab_up HOSTS sets: lab_dir, lab_hosts (ssh:// addresses), lab_ssh_options (perfnb --ssh-option arguments).
# lab_down removes every namespace, process and key (called on exit).
lab_id="pnb-$$-bench"
lab_dir=""
lab_hosts=()
lab_ssh_options=()

lab_up() {
  local count=$1 subnet=$(( $$ % 200 + 20 )) i ns
  lab_dir="$(mktemp -d /tmp/perfnb-lab-XXXXXX)"
  ssh-keygen -q -t ed25519 -N '' -C perfnb-bench-user -f "$lab_dir/user_key"
  cp "$lab_dir/user_key.pub" "$lab_dir/authorized_keys"
  : > "$lab_dir/sshd_config"; : > "$lab_dir/known_hosts"
  mkdir -p /run/sshd
  ip netns add "$lab_id-sw"
  ip -n "$lab_id-sw" link set lo up
  ip -n "$lab_id-sw" link add br0 type bridge
  ip -n "$lab_id-sw" link set br0 up
  ip link add "pnb$$b" type veth peer name ctl netns "$lab_id-sw"
  ip -n "$lab_id-sw" link set ctl master br0; ip -n "$lab_id-sw" link set ctl up
  ip addr add "10.213.$subnet.1/24" dev "pnb$$b"; ip link set "pnb$$b" up
  for i in $(seq 0 $((count - 1))); do
    ns="$lab_id-h$i"
    local addr="10.213.$subnet.$((11 + i))"
    ip netns add "$ns"
    ip -n "$lab_id-sw" link add "h$i" type veth peer name eth0 netns "$ns"
    ip -n "$lab_id-sw" link set "h$i" master br0; ip -n "$lab_id-sw" link set "h$i" up
    ip -n "$ns" link set lo up
    ip -n "$ns" addr add "$addr/24" dev eth0; ip -n "$ns" link set eth0 up
    ssh-keygen -q -t ed25519 -N '' -C perfnb-bench-host -f "$lab_dir/host_key_$i"
    echo "[$addr]:2222 $(cut -d' ' -f1-2 "$lab_dir/host_key_$i.pub")" >> "$lab_dir/known_hosts"
    setsid ip netns exec "$ns" /usr/sbin/sshd -D -e -f "$lab_dir/sshd_config" -p 2222 -h "$lab_dir/host_key_$i" \
      -o AuthorizedKeysFile="$lab_dir/authorized_keys" -o ListenAddress="$addr" -o PidFile=none -o StrictModes=no \
      2>"$lab_dir/sshd_$i.log" &
    lab_hosts+=("ssh://root@$addr:2222")
  done
  lab_ssh_options=(--ssh-option "IdentityFile=$lab_dir/user_key" --ssh-option "UserKnownHostsFile=$lab_dir/known_hosts"
    --ssh-option "StrictHostKeyChecking=yes" --ssh-option "IdentitiesOnly=yes")
  for i in $(seq 0 $((count - 1))); do
    local addr="10.213.$subnet.$((11 + i))" tries=0
    until (exec 3<>"/dev/tcp/$addr/2222") 2>/dev/null; do
      tries=$((tries + 1)); [ $tries -gt 200 ] && { echo "sshd in $lab_id-h$i did not listen" >&2; return 1; }
      sleep 0.05
    done
  done
}

lab_down() {
  local ns pid
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$lab_id-"); do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
  done
  sleep 0.2
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$lab_id-"); do ip netns delete "$ns" 2>/dev/null || true; done
  [ -n "$lab_dir" ] && rm -rf "$lab_dir"
  return 0
}
