# Sourced by tests that need an analyzer to misbehave from outside (it bounds
# itself): signal_analyzer CHECK_PID SIGNAL waits up to 5 s for the
# ckptcheck-analyze that the check CHECK_PID started, sends it SIGNAL, and
# prints its pid; prints nothing (and returns 1) if none appeared.
signal_analyzer() {
  local check=$1 signal=$2 analyzer=""
  for _ in $(seq 100); do
    analyzer=$(pgrep -P "$check" -f ckptcheck-analyze) && break
    sleep 0.05
  done
  [ -n "$analyzer" ] || return 1
  kill "-$signal" "$analyzer"
  echo "$analyzer"
}
