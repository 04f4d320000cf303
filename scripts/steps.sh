# shellcheck shell=bash
# The step runner and root policy of the repo's long-running scripts (sourced; the caller defines
# `say MESSAGE` and `die MESSAGE`):
#   run_step NAME LOG CMD...  runs CMD in its own process group with its output in LOG; every
#       STEP_HEARTBEAT seconds (default 15) prints how long it has run and its last meaningful log line
#       (and how many packages npm fetched); kills it after STEP_TIMEOUT seconds (0 or unset: never);
#       fails naming the step and the log, or only warns when SOFT=1 (the caller checks what it needs).
#   stop_step                 stops the running step's process group (for the caller's traps).
#   as_root CMD...            runs CMD as root: directly when root (CI), through sudo otherwise, or
#       fails saying what to install by hand.

STEP_CHILD=

stop_step() {
	if [ -n "$STEP_CHILD" ] && kill -0 "$STEP_CHILD" 2>/dev/null; then
		kill -TERM -- "-$STEP_CHILD" 2>/dev/null || kill -TERM "$STEP_CHILD" 2>/dev/null || true
		wait "$STEP_CHILD" 2>/dev/null || true
	fi
	STEP_CHILD=
}

run_step() {
	local name=$1 log=$2
	shift 2
	local start=$SECONDS beat=$SECONDS every=${STEP_HEARTBEAT:-15} timeout=${STEP_TIMEOUT:-0} rc=0 last fetches
	say "step '$name' started (log: $log)"
	setsid "$@" >"$log" 2>&1 </dev/null &
	STEP_CHILD=$!
	while kill -0 "$STEP_CHILD" 2>/dev/null; do
		sleep 1
		if ((timeout > 0 && SECONDS - start > timeout)); then
			stop_step
			die "step '$name' timed out after ${timeout}s; see $log"
		fi
		if ((SECONDS - beat >= every)); then
			beat=$SECONDS
			# The last meaningful line: no blank lines, no source excerpts of compiler diagnostics.
			last=$(grep -vE '^\s*$|^\s*[0-9]*\s*\||^\s*\^' "$log" 2>/dev/null | tail -n1 | cut -c1-100 || true)
			fetches=$(grep -c 'http fetch' "$log" 2>/dev/null || true)
			[ "$fetches" != 0 ] || fetches=
			say "  ... '$name' running for $((SECONDS - start))s${fetches:+; $fetches packages fetched}; last: ${last:-<no output yet>}"
		fi
	done
	wait "$STEP_CHILD" || rc=$?
	STEP_CHILD=
	if [ "$rc" != 0 ] && [ "${SOFT:-0}" = 1 ]; then
		say "warning: step '$name' exited $rc after $((SECONDS - start))s; going on with what it produced (see $log)"
		return 0
	fi
	if [ "$rc" != 0 ]; then
		echo "----- last lines of $log -----" >&2
		tail -n 25 "$log" >&2 || true
		die "step '$name' failed (exit $rc) after $((SECONDS - start))s; full log: $log"
	fi
	say "step '$name' done in $((SECONDS - start))s"
}

as_root() {
	if [ "$(id -u)" = 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		die "'$*' needs root: run it as root, or install sudo"
	fi
}
