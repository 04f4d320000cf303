/* eslint-disable @n8n/community-nodes/no-restricted-imports -- benchmark tooling, not node code: reads /proc */
/**
 * CPU time of process trees from /proc (Linux), for P6's CPU per alert. A tree's time is utime +
 * stime of every live process in it plus cutime + cstime (children it has already reaped), so
 * n8n's task runner and other helpers count towards the n8n process that started them, and a
 * child that exits between two readings moves into its parent's figure instead of vanishing.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Milliseconds per clock tick: /proc counts in USER_HZ, which Linux fixes at 100 on x86 and arm64. */
const MS_PER_TICK = 10;

interface ProcStat {
	ppid: number;
	/** utime + stime + cutime + cstime, in clock ticks. */
	ticks: number;
}

/** Every process's parent and CPU ticks, read in one pass over /proc. */
function readAll(): Map<number, ProcStat> {
	const all = new Map<number, ProcStat>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			// Fields after "(comm)": state ppid … utime(14) stime(15) cutime(16) cstime(17) — 1-based in proc(5).
			const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			all.set(Number(entry), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
		} catch {
			// the process ended while /proc was read
		}
	}
	return all;
}

/** CPU milliseconds of each root's process tree (the root and all its live descendants), one /proc pass. */
export function treeCpuMs(roots: number[]): number[] {
	const all = readAll();
	const children = new Map<number, number[]>();
	for (const [pid, s] of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
	return roots.map((root) => {
		let ticks = 0;
		const stack = [root];
		while (stack.length) {
			const pid = stack.pop()!;
			ticks += all.get(pid)?.ticks ?? 0;
			stack.push(...(children.get(pid) ?? []));
		}
		return ticks * MS_PER_TICK;
	});
}

/**
 * The n8n process a harness watchdog started (the watchdog's child running n8n, whatever the
 * command: start, worker or webhook); the watchdog itself and its `sleep 1` do not count.
 */
export function n8nPid(watchdogPid: number): number {
	for (const [pid, s] of readAll()) {
		if (s.ppid !== watchdogPid) continue;
		try {
			if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('n8n')) return pid;
		} catch {
			// gone
		}
	}
	throw new Error(`no n8n process under watchdog ${watchdogPid}`);
}

/** One variable of a process's environment (readable for our own children). */
export function processEnv(pid: number, name: string): string | undefined {
	const entry = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').find((e) => e.startsWith(`${name}=`));
	return entry?.slice(name.length + 1);
}

/**
 * The processes listening on a loopback TCP port, topmost only (nginx's workers share their
 * master's socket and are in its tree). Needs to read other users' /proc/<pid>/fd (root, as in CI);
 * returns [] when it cannot.
 */
export function listeningPids(port: number): number[] {
	const inodes = new Set<string>();
	for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
		let text = '';
		try {
			text = readFileSync(table, 'utf8');
		} catch {
			continue;
		}
		for (const line of text.split('\n').slice(1)) {
			const f = line.trim().split(/\s+/);
			if (f.length > 9 && f[3] === '0A' && parseInt(f[1].split(':')[1], 16) === port) inodes.add(f[9]);
		}
	}
	const holders = new Set<number>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			for (const fd of readdirSync(`/proc/${entry}/fd`)) {
				const link = readlinkSync(`/proc/${entry}/fd/${fd}`);
				if (link.startsWith('socket:[') && inodes.has(link.slice(8, -1))) {
					holders.add(Number(entry));
					break;
				}
			}
		} catch {
			// gone or not permitted
		}
	}
	const all = readAll();
	return [...holders].filter((pid) => !holders.has(all.get(pid)?.ppid ?? -1));
}
