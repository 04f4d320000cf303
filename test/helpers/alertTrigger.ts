/**
 * Drives the VideoDB Alert Trigger's methods as n8n calls them, with jest-mock-extended contexts:
 * - callAlertWebhook: `webhook()` for one alert callback; the response object records what the
 *   trigger answered itself (401, 400);
 * - alertHookContext: the hook context of checkExists / create / delete, whose `httpRequest`
 *   sends real requests (fetch; the transport adds the credential's header) and whose static data
 *   is a real object;
 * - useTriggerClock: a settable clock for the de-dup windows and the token cache;
 * - triggerNode, mockLogger: the node and the logger that the life cycle's plain functions take.
 */
import { mock } from 'jest-mock-extended';
import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestOptions,
	INode,
	IWebhookFunctions,
	IWebhookResponseData,
	Logger,
} from 'n8n-workflow';

import { SANDBOX_KEYS, SEED } from '../../sandbox';
import { callbackClock } from '../../nodes/VideoDbAlertTrigger/callback';
import { resetDedupe } from '../../nodes/VideoDbAlertTrigger/dedupe';
import { resetTokenCache } from '../../nodes/VideoDbAlertTrigger/tokenCache';
import { VideoDbAlertTrigger } from '../../nodes/VideoDbAlertTrigger/VideoDbAlertTrigger.node';

export interface CallbackCall {
	webhookId: string;
	/** The credential's API key as n8n would decrypt it on this request. */
	apiKey: string;
	body: unknown;
	query: IDataObject;
	/** Node parameters (`options`, the locators, …). */
	parameters?: Record<string, unknown>;
	/** The node's static data: production's as saved at activation, or a test run's own. */
	staticData?: IDataObject;
	workflowId?: string;
	nodeId?: string;
	mode?: 'webhook' | 'manual';
}

export interface CallbackResult {
	result: IWebhookResponseData;
	/** The status the trigger answered itself (undefined when n8n answers). */
	status?: number;
	json?: unknown;
	executions: number;
}

/**
 * Registers suite hooks: before each test the trigger forgets its de-dup windows and remembered
 * tokens and its clock reads `start`; move time on with `clock.now += ms`. The real clock is back
 * after the suite.
 */
export function useTriggerClock(start = Date.UTC(2026, 10, 23, 12, 0, 0)): { now: number } {
	const clock = { now: start };
	const realNow = callbackClock.now;
	beforeEach(() => {
		resetDedupe();
		resetTokenCache();
		clock.now = start;
		callbackClock.now = () => clock.now;
	});
	afterAll(() => {
		callbackClock.now = realNow;
	});
	return clock;
}

/** The trigger node as a workflow holds it. */
export function triggerNode(overrides: Partial<INode> = {}): INode {
	return {
		id: 'trigger-node',
		name: 'VideoDB Alert Trigger',
		type: 'n8n-nodes-videodb-roboflow.videoDbAlertTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		...overrides,
	};
}

/** A logger whose every level is a jest mock. */
export function mockLogger(): { [K in keyof Logger]: jest.Mock } {
	return { error: jest.fn(), warn: jest.fn(), info: jest.fn(), debug: jest.fn() };
}

export async function callAlertWebhook(call: CallbackCall): Promise<CallbackResult> {
	const response = { status: jest.fn(), json: jest.fn() };
	response.status.mockReturnValue(response);
	const node = triggerNode({ id: call.nodeId ?? 'node-1', webhookId: call.webhookId });
	const parameters: Record<string, unknown> = { options: {}, ...call.parameters };
	const ctx = mock<IWebhookFunctions>();
	ctx.getNode.mockReturnValue(node);
	ctx.getWorkflow.mockReturnValue({ id: call.workflowId ?? 'wf-1', name: 'unit', active: true });
	ctx.getMode.mockReturnValue(call.mode ?? 'webhook');
	ctx.getNodeParameter.mockImplementation(((name: string, fallback?: unknown) =>
		name in parameters ? parameters[name] : fallback) as never);
	ctx.getQueryData.mockReturnValue(call.query as never);
	ctx.getBodyData.mockReturnValue((call.body ?? undefined) as never);
	ctx.getResponseObject.mockReturnValue(response as never);
	ctx.getWorkflowStaticData.mockReturnValue(call.staticData ?? {});
	ctx.getCredentials.mockResolvedValue({ apiKey: call.apiKey, baseUrl: 'http://127.0.0.1:1' } as never);

	const result = await new VideoDbAlertTrigger().webhook.call(ctx);
	return {
		result,
		status: response.status.mock.calls[0]?.[0] as number | undefined,
		json: response.json.mock.calls[0]?.[0],
		executions: result.workflowData ? 1 : 0,
	};
}

export function locator(value: string) {
	return { __rl: true, mode: 'id', value };
}

/** n8n's request helper (`returnFullResponse`, JSON bodies), for real: fetch. */
async function realRequest(options: IHttpRequestOptions) {
	const url = new URL(options.url);
	for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, String(value));
	const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
	let body: string | undefined;
	if (options.body !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(options.body);
	}
	const res = await fetch(url, { method: options.method ?? 'GET', headers, body });
	const text = await res.text();
	let parsed: unknown = text;
	try {
		parsed = text === '' ? undefined : JSON.parse(text);
	} catch {
		parsed = text;
	}
	return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: parsed };
}

export interface Hook {
	ctx: IHookFunctions;
	staticData: IDataObject;
	logger: ReturnType<typeof mockLogger>;
}

export interface HookOptions {
	webhookId: string;
	/** What getNodeWebhookUrl('default') answers: the production or the test URL. */
	webhookUrl: string;
	/** The sandbox's VideoDB base URL, unless `baseUrl` says otherwise. */
	videodbUrl: string;
	baseUrl?: string;
	/** Parameters over the defaults (the seeded dock stream, dock activity index, person_on_dock event). */
	parameters?: IDataObject;
	apiKey?: string;
	staticData?: IDataObject;
}

export function alertHookContext(opts: HookOptions): Hook {
	const parameters: IDataObject = {
		streamId: locator(SEED.streams.warehouseDock),
		sceneIndexId: locator(SEED.sceneIndexes.dockActivity),
		eventSource: 'existing',
		eventId: locator(SEED.events.personOnDock),
		options: {},
		...opts.parameters,
	};
	const node = triggerNode({ webhookId: opts.webhookId, parameters: parameters as INode['parameters'] });
	const staticData = opts.staticData ?? {};
	const logger = mockLogger();
	const apiKey = opts.apiKey ?? SANDBOX_KEYS.videodb;
	const ctx = mock<IHookFunctions>();
	ctx.getNode.mockReturnValue(node);
	ctx.getWorkflow.mockReturnValue({ id: 'wf-unit', name: 'unit', active: true });
	ctx.getMode.mockReturnValue('trigger');
	ctx.getNodeParameter.mockImplementation(((name: string, fallback?: unknown, options?: { extractValue?: boolean }) => {
		const value = parameters[name];
		if (value === undefined) return fallback;
		if (options?.extractValue && typeof value === 'object' && value !== null && '__rl' in value) {
			return (value as { value: unknown }).value;
		}
		return value;
	}) as never);
	ctx.getNodeWebhookUrl.mockReturnValue(opts.webhookUrl);
	ctx.getCredentials.mockResolvedValue({ apiKey, baseUrl: opts.baseUrl ?? opts.videodbUrl } as never);
	ctx.getWorkflowStaticData.mockReturnValue(staticData);
	Object.assign(ctx, { logger, helpers: { httpRequest: realRequest } });
	return { ctx, staticData, logger };
}
