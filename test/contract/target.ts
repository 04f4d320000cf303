/**
 * What the contract suites talk to: by default the sandbox; with `CONTRACT_TARGET=live`
 * (`npm run test:live`) the real service named by the environment. Either way through a recording
 * proxy (recorder.ts), so the suites' code is the same and only the base URL differs.
 *
 * Live, writes go only into what the user names (a stream and scene index, a use case) and are
 * undone where the API allows; a suite whose key is missing is skipped.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: the target comes from the environment */
import type { Sandbox } from '../../sandbox';
import { MODELS, SANDBOX_KEYS, SEED, startSandbox, WORKFLOWS } from '../../sandbox';
import type { Service } from '../../sandbox/types';
import { contractProblems } from './exchanges';
import type { Recorder } from './recorder';
import { startRecorder } from './recorder';

export const LIVE = process.env.CONTRACT_TARGET === 'live';

export interface Ids {
	streamId?: string;
	sceneIndexId?: string;
	useCaseId?: string;
	/** Roboflow inference: a model (`project/version`) and a workflow to run, in `workspace` (empty = the key's). */
	modelId?: string;
	workflowId?: string;
	workspace?: string;
}

interface Settings {
	apiKey: string;
	baseUrl: string;
	/** Roboflow's inference server, on its own host. */
	inferenceUrl?: string;
	ids: Ids;
}

const env = (name: string) => {
	const value = process.env[name]?.trim();
	return value ? value : undefined;
};

/** The live settings of a service, or undefined when its key is not set. */
function liveSettings(service: Service): Settings | undefined {
	if (service === 'videodb') {
		const apiKey = env('VIDEODB_API_KEY');
		if (!apiKey) return undefined;
		const ids = { streamId: env('VIDEODB_STREAM_ID'), sceneIndexId: env('VIDEODB_SCENE_INDEX_ID') };
		return { apiKey, baseUrl: env('VIDEODB_BASE_URL') ?? 'https://api.videodb.io', ids };
	}
	const apiKey = env('ROBOFLOW_API_KEY');
	if (!apiKey) return undefined;
	const ids = {
		useCaseId: env('ROBOFLOW_USE_CASE_ID'),
		modelId: env('ROBOFLOW_MODEL_ID'),
		workflowId: env('ROBOFLOW_WORKFLOW_ID'),
		workspace: env('ROBOFLOW_WORKSPACE'),
	};
	return {
		apiKey,
		baseUrl: env('ROBOFLOW_BASE_URL') ?? 'https://api.roboflow.com',
		inferenceUrl: env('ROBOFLOW_INFERENCE_URL') ?? 'https://serverless.roboflow.com',
		ids,
	};
}

/** Whether the suite of `service` runs here: always against the sandbox, live only with its key. */
export function targetAvailable(service: Service): boolean {
	return !LIVE || liveSettings(service) !== undefined;
}

export interface Target {
	live: boolean;
	apiKey: string;
	/** The base URL the node's credential gets: the recording proxy. */
	baseUrl: string;
	ids: Ids;
	recorder: Recorder;
	/** Roboflow: the Inference URL the credential gets, a recording proxy of its own. */
	inferenceUrl?: string;
	inference?: Recorder;
	/** The sandbox behind the proxy, when not live. */
	sandbox?: Sandbox;
	/** The recorded exchanges' contract problems since the last call; clears the record. */
	problems(): string[];
	close(): Promise<void>;
}

/** The objects the suites may read and write: the seeded ones, or live the ones the user named. */
export function targetIds(service: Service): Ids {
	if (LIVE) return liveSettings(service)?.ids ?? {};
	return {
		streamId: SEED.streams.warehouseDock,
		sceneIndexId: SEED.sceneIndexes.dockActivity,
		useCaseId: SEED.useCases.siteSafety,
		modelId: MODELS.objectDetection,
		workflowId: WORKFLOWS.detectAndCount,
	};
}

export async function startTarget(service: Service): Promise<Target> {
	const live = LIVE ? liveSettings(service) : undefined;
	const sandbox = live ? undefined : await startSandbox({ port: 0 });
	const upstream = live?.baseUrl ?? (service === 'videodb' ? sandbox!.videodbUrl : sandbox!.roboflowUrl);
	const recorder = await startRecorder(service, upstream.replace(/\/+$/, ''));
	const inferenceUpstream = service === 'roboflow' ? (live ? live.inferenceUrl : sandbox!.inferenceUrl) : undefined;
	const inference = inferenceUpstream ? await startRecorder('inference', inferenceUpstream.replace(/\/+$/, '')) : undefined;
	const recorders = [recorder, ...(inference ? [inference] : [])];
	const ids = targetIds(service);
	return {
		live: live !== undefined,
		apiKey: live?.apiKey ?? (service === 'videodb' ? SANDBOX_KEYS.videodb : SANDBOX_KEYS.roboflow),
		baseUrl: recorder.url,
		ids,
		recorder,
		inferenceUrl: inference?.url,
		inference,
		sandbox,
		problems() {
			const exchanges = recorders.flatMap((r) => r.exchanges);
			const problems = contractProblems({ requests: (filter) => exchanges.filter((e) => e.service === filter?.service) });
			for (const r of recorders) r.clear();
			return problems;
		},
		async close() {
			for (const r of recorders) await r.close();
			await sandbox?.close();
		},
	};
}
