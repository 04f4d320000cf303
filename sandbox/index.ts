/**
 * Local fake of the VideoDB and Roboflow APIs for tests, benchmarks and the demo.
 * Each startSandbox() call gets its own server and state, so parallel test workers never share.
 */
import { SandboxServer } from './server';
import type { Sandbox, SandboxOptions } from './types';

export type {
	ActiveFault,
	Alert,
	Delivery,
	DetectionRequest,
	DetectionResult,
	Fault,
	LoggedRequest,
	LongJob,
	RequestFilter,
	Sandbox,
	SandboxOptions,
	SandboxState,
	SceneIndex,
	SceneRecord,
	ExportedVideo,
	Stream,
	UseCase,
	VideoDbEvent,
	VisionEvent,
} from './types';
export type { Warning, Deprecation } from './roboflowValidation';
export { SEED } from './seed';
export { MODELS } from './inferenceModels';
export { WORKFLOWS } from './inference';

export const SANDBOX_KEYS = {
	videodb: 'sk-sandbox-videodb',
	/** A second API key of the same VideoDB account (same state), for key changes. */
	videodbSecond: 'sk-sandbox-videodb-second',
	roboflow: 'rf-sandbox-roboflow',
	roboflowReadOnly: 'rf-sandbox-readonly',
} as const;

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
	const server = new SandboxServer({
		keys: {
			videodb: opts.videodbKey ?? SANDBOX_KEYS.videodb,
			videodbSecond: SANDBOX_KEYS.videodbSecond,
			roboflow: opts.roboflowKey ?? SANDBOX_KEYS.roboflow,
			roboflowReadOnly: SANDBOX_KEYS.roboflowReadOnly,
		},
		latencyMs: opts.latencyMs ?? 0,
		logAnswers: opts.logAnswers ?? false,
	});
	await server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1');
	return server;
}
