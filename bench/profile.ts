/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- benchmark tooling, not node code: signals n8n's main process to open its inspector, reads argv, writes the profile and exits */
/**
 * CPU profile of the n8n main process while one benchmark workflow runs: opens n8n's inspector
 * (SIGUSR1), records with the DevTools protocol, writes .cache/bench-profiles/<name>.cpuprofile and
 * prints the functions with the most self and inclusive time.
 *   node bench/main-profile.cjs [rf-item|rf-batch|http-item|rf-fields|trigger|webhook] [items] [options JSON]
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'undici';

import { deriveToken } from '../nodes/VideoDbAlertTrigger/token';
import { SANDBOX_KEYS, SEED, startSandbox } from '../sandbox';
import { REPO_ROOT, startN8n } from '../test/e2e/n8n';
import { sleep } from '../test/e2e/until';
import { n8nMainPid, publish, runOnce } from './measure';
import * as wf from './workflows';

interface CpuNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}
interface CpuProfile {
	nodes: CpuNode[];
	samples: number[];
	timeDeltas: number[];
}

class Inspector {
	private next = 1;
	private readonly pending = new Map<number, (r: unknown) => void>();
	private constructor(private readonly ws: WebSocket) {
		ws.addEventListener('message', (ev) => {
			const msg = JSON.parse(String(ev.data)) as { id?: number; result?: unknown };
			if (msg.id !== undefined) this.pending.get(msg.id)?.(msg.result);
		});
	}
	static async open(pid: number): Promise<Inspector> {
		process.kill(pid, 'SIGUSR1');
		for (let i = 0; i < 50; i++) {
			try {
				const list = (await (await fetch('http://127.0.0.1:9229/json/list')).json()) as Array<{ webSocketDebuggerUrl: string }>;
				const ws = new WebSocket(list[0].webSocketDebuggerUrl);
				await new Promise((resolve, reject) => {
					ws.addEventListener('open', resolve);
					ws.addEventListener('error', reject);
				});
				return new Inspector(ws);
			} catch {
				await sleep(100);
			}
		}
		throw new Error('inspector did not open on 127.0.0.1:9229');
	}
	async send<T>(method: string, params: object = {}): Promise<T> {
		const id = this.next++;
		const done = new Promise<T>((resolve) => this.pending.set(id, resolve as (r: unknown) => void));
		this.ws.send(JSON.stringify({ id, method, params }));
		return await done;
	}
	close(): void {
		this.ws.close();
	}
}

function summarize(profile: CpuProfile, top = 25): string {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const self = new Map<string, number>();
	const total = new Map<string, number>();
	const name = (n: CpuNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\//, '')}:${n.callFrame.lineNumber + 1}`;
	profile.samples.forEach((id, k) => {
		const dt = (profile.timeDeltas[k] ?? 0) / 1000;
		const leaf = byId.get(id)!;
		self.set(name(leaf), (self.get(name(leaf)) ?? 0) + dt);
		const seen = new Set<string>();
		for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
			const key = name(byId.get(cur)!);
			if (!seen.has(key)) total.set(key, (total.get(key) ?? 0) + dt);
			seen.add(key);
		}
	});
	const fmt = (m: Map<string, number>, filter: (k: string) => boolean) =>
		[...m.entries()].filter(([k]) => filter(k)).sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${v.toFixed(0).padStart(7)} ms  ${k}`).join('\n');
	return [
		'--- self time ---',
		fmt(self, (k) => !k.startsWith('(idle)') && !k.startsWith('(program)')),
		'--- inclusive time (package and n8n-core/workflow frames) ---',
		fmt(total, (k) => /n8n-nodes-videodb-roboflow|n8n-core|n8n-workflow|isolated-vm|backend-network|credentials/.test(k)),
	].join('\n');
}

async function main(): Promise<void> {
	const [kind = 'rf-item', itemsText = '2000', optionsText = '{}'] = process.argv.slice(2);
	const items = Number(itemsText);
	const options = JSON.parse(optionsText) as Record<string, unknown>;
	const sandbox = await startSandbox({ port: 0 });
	const n8n = await startN8n({ packageDir: REPO_ROOT });
	try {
		const roboflow = { id: await n8n.createCredential('roboflowApi', 'rf', { apiKey: SANDBOX_KEYS.roboflow, baseUrl: sandbox.roboflowUrl }), name: 'rf' };
		const header = { id: await n8n.createCredential('httpHeaderAuth', 'hdr', { name: 'Authorization', value: `Bearer ${SANDBOX_KEYS.roboflow}` }), name: 'hdr' };
		const videodb = { id: await n8n.createCredential('videoDbApi', 'vdb', { apiKey: SANDBOX_KEYS.videodb, baseUrl: sandbox.videodbUrl }), name: 'vdb' };
		const json =
			kind === 'http-item' ? wf.httpItemWorkflow(kind, sandbox.roboflowUrl, header)
			: kind === 'rf-fields' ? wf.roboflowFieldsWorkflow(kind, options, roboflow, SEED.useCases.lineAQuality)
			: kind === 'webhook' ? wf.bareWebhookWorkflow()
			: kind === 'trigger' ? wf.triggerWorkflow(videodb, { stream: SEED.streams.warehouseDock, sceneIndex: SEED.sceneIndexes.dockActivity, event: SEED.events.personOnDock })
			: wf.roboflowItemWorkflow(kind, kind === 'rf-batch' ? { batchSize: 100, ...options } : options, roboflow);
		const id = await publish(n8n, json);
		const body = () => ({ count: items, tag: randomBytes(4).toString('hex'), baseTime: Date.now() - 3_600_000, useCaseId: SEED.useCases.lineAQuality });
		const work = async () => {
			if (kind !== 'trigger' && kind !== 'webhook') return await runOnce(n8n, id, kind, body(), { includeData: true });
			const url =
				kind === 'webhook'
					? `${n8n.baseUrl}/webhook/${wf.WEBHOOK_PATH}`
					: `${n8n.baseUrl}/webhook/${wf.TRIGGER_WEBHOOK_ID}/alert?token=${deriveToken(SANDBOX_KEYS.videodb, wf.TRIGGER_WEBHOOK_ID)}`;
			const dispatcher = new Agent({ connections: 10 });
			const t = Date.now();
			let n = 0;
			await Promise.all(Array.from({ length: 10 }, async () => {
				while (n < items) {
					const k = n++;
					const res = await request(url, { method: 'POST', dispatcher, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event_id: `e-${k}`, timestamp: `${t}-${k}`, label: 'x' }) });
					await res.body.text();
				}
			}));
			return { acceptedPerSec: (items / (Date.now() - t)) * 1000 };
		};
		await work(); // warm-up
		const inspector = await Inspector.open(n8nMainPid(n8n));
		await inspector.send('Profiler.enable');
		await inspector.send('Profiler.setSamplingInterval', { interval: 200 });
		await inspector.send('Profiler.start');
		const result = await work();
		const { profile } = await inspector.send<{ profile: CpuProfile }>('Profiler.stop');
		inspector.close();
		const dir = join(REPO_ROOT, '.cache', 'bench-profiles');
		mkdirSync(dir, { recursive: true });
		const file = join(dir, `${kind}-${Date.now()}.cpuprofile`);
		writeFileSync(file, JSON.stringify(profile));
		process.stdout.write(`${JSON.stringify(result, (k, v) => (k === 'nodeItems' ? undefined : v))}\n${summarize(profile)}\nprofile: ${file}\n`);
	} finally {
		await n8n.stop();
		await sandbox.close();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
