/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- dev tool outside the published package: settings from the environment, a console banner, signals and the exit code */
import { startSandbox } from './index';

async function main(): Promise<void> {
	const port = Number(process.env.SANDBOX_PORT ?? 4010);
	const host = process.env.SANDBOX_HOST ?? '127.0.0.1';
	const latencyMs = Number(process.env.SANDBOX_LATENCY_MS ?? 0);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		console.error(`SANDBOX_PORT must be a port number, got ${process.env.SANDBOX_PORT}`);
		process.exit(2);
	}
	const sandbox = await startSandbox({ port, host, latencyMs: Number.isFinite(latencyMs) ? latencyMs : 0 });
	console.log(`Sandbox listening on ${sandbox.url} (VideoDB ${sandbox.videodbUrl}, Roboflow ${sandbox.roboflowUrl}, inference ${sandbox.inferenceUrl})`);

	let closing = false;
	const shutdown = () => {
		if (closing) return;
		closing = true;
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
	console.error(`Sandbox failed to start: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
