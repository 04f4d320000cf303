/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling, not node code: process-group kills, liveness checks and the exit hook */
/** The n8n child processes of a test run: process-group kills, the exit hook and the watchdog wrapper. */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

// Re-exported for the callers that import it from here (test/queue/services.ts); the one definition is in ../until.
export { sleep } from '../until';

/** Temp folders of this process, removed when it exits. */
export const tempDirs = new Set<string>();

/** n8n processes started by this test process (killed when it exits). */
export const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

export function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

export function groupAlive(pid: number): boolean {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

export function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	// 'exit' handlers must be synchronous: SIGKILL every n8n process group still alive. Inside jest's
	// sandbox these process events may never reach the real process; the bash watchdog (WATCH_PID) is
	// what reliably ends n8n when the test process goes away (verified with a SIGKILL of jest: ~4 s).
	process.on('exit', () => {
		for (const child of liveChildren) killGroup(child, 'SIGKILL');
		for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
	});
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(sig, () => {
			for (const child of liveChildren) killGroup(child, 'SIGKILL');
			process.kill(process.pid, sig);
		});
	}
}

/**
 * Wrapper run by bash in its own process group: starts "$@" with its output appended to $E2E_N8N_LOG,
 * forwards TERM/INT to it, and stops it when the starting process (WATCH_PID: jest, or `npm start`)
 * disappears, even after a SIGKILL of it; then removes $E2E_USER_FOLDER unless E2E_KEEP_HOME=1.
 */
export const WATCHDOG = `
"$@" >>"$E2E_N8N_LOG" 2>&1 &
child=$!
# n8n's output goes to a file, never to a pipe of the test process (which may die first).
term() {
	kill -TERM "$child" 2>/dev/null
	for _ in $(seq 1 100); do kill -0 "$child" 2>/dev/null || return 0; sleep 0.1; done
	kill -KILL 0
}
trap 'term; exit 143' TERM INT HUP
while kill -0 "$child" 2>/dev/null; do
	if ! kill -0 "$WATCH_PID" 2>/dev/null; then
		term
		if [ "$E2E_KEEP_HOME" != 1 ]; then rm -rf "$E2E_USER_FOLDER"; fi
		kill -KILL 0
	fi
	sleep 1 &
	wait $!
done
wait "$child"
`;
