/**
 * Deterministic seed data. Ids are fixed so tests, examples and the demo can name them;
 * their shapes follow the real services (VideoDB: 16 lowercase hex and `rts-<uuid>`,
 * Roboflow use cases: 8 hex).
 */
import { nowSeconds, seedHistory } from './sceneRecords';
import type { SandboxState, Stream } from './types';

export const SEED = {
	user: { id: 'u-0a1b2c3d4e5f6a7b', name: 'Sandbox User', email: 'sandbox@example.com' },
	collectionId: 'c-5f1d8a62-3c1e-4b7a-9d2f-8e6b4c0a1f35',
	workspace: 'sandbox-workspace',
	/** Stream connects the account can pay for before the next one answers 402. */
	credits: 100,
	/** Seconds of scene descriptions a seeded running index already holds at reset. */
	historySeconds: 1800,
	streams: {
		warehouseDock: 'rts-019a8f3c-5e21-7b40-9c11-4a2d6e8f0001',
		loadingBayNorth: 'rts-019a8f3c-5e21-7b40-9c11-4a2d6e8f0002',
		loadingBaySouth: 'rts-019a8f3c-5e21-7b40-9c11-4a2d6e8f0003',
		assemblyLineA: 'rts-019a8f3c-5e21-7b40-9c11-4a2d6e8f0004',
		assemblyLineB: 'rts-019a8f3c-5e21-7b40-9c11-4a2d6e8f0005',
		parkingEntrance: 'rts-019a8f3c-5e21-7b40-9c11-4a2d6e8f0006',
		frontGate: 'rts-019a8f3c-5e21-7b40-9c11-4a2d6e8f0007',
		coldStorage: 'rts-019a8f3c-5e21-7b40-9c11-4a2d6e8f0008',
		packingStation: 'rts-019a8f3c-5e21-7b40-9c11-4a2d6e8f0009',
		rooftop: 'rts-019a8f3c-5e21-7b40-9c11-4a2d6e8f000a',
		lobby: 'rts-019a8f3c-5e21-7b40-9c11-4a2d6e8f000b',
		serverRoom: 'rts-019a8f3c-5e21-7b40-9c11-4a2d6e8f000c',
		intruderSample: 'rts-019a8f3c-5e21-7b40-9c11-4a2d6e8f000d',
		yardCrane: 'rts-019a8f3c-5e21-7b40-9c11-4a2d6e8f000e',
	},
	sceneIndexes: {
		dockActivity: 'a3f1c2d4e5b60718',
		dockSafetyZone: 'b4e2d3c5f6a71829',
		bayNorthActivity: 'c5f3e4d6a7b8293a',
		lineAQuality: 'd6a4f5e7b8c93a4b',
	},
	events: {
		personOnDock: 'e7b5a6f8c9d04b5c',
		forkliftNearPerson: 'f8c6b7a9d0e15c6d',
	},
	useCases: {
		lineAQuality: 'a1b3c8e1',
		warehouseInventory: 'b2c4d9f2',
		siteSafety: 'c3d5eaf3',
		/** Archived: creating events in it answers 400 "Solution is archived". */
		legacyPilot: 'd4e6fb04',
	},
} as const;

type StreamKey = keyof typeof SEED.streams;

/** [key, display name, status]; listed oldest first, so the dock camera is newest. */
const STREAMS: Array<[StreamKey, string, Stream['status']]> = [
	['yardCrane', 'Yard crane cam', 'connected'],
	['intruderSample', 'Intruder sample feed', 'connected'],
	['serverRoom', 'Server room', 'stopped'],
	['lobby', 'Lobby reception', 'connected'],
	['rooftop', 'Rooftop perimeter', 'connected'],
	['packingStation', 'Packing station 3', 'stopped'],
	['coldStorage', 'Cold storage aisle', 'connected'],
	['frontGate', 'Front gate', 'connected'],
	['parkingEntrance', 'Parking lot entrance', 'connected'],
	['assemblyLineB', 'Assembly line B', 'stopped'],
	['assemblyLineA', 'Assembly line A', 'connected'],
	['loadingBaySouth', 'Loading bay south', 'connected'],
	['loadingBayNorth', 'Loading bay north', 'connected'],
	['warehouseDock', 'Warehouse dock camera', 'connected'],
];

/** HLS manifest URL in the shape the real service uses. */
export function streamManifestUrl(streamId: string, suffix = 'live'): string {
	return `https://rt.stream.videodb.io/manifests/${streamId}/${suffix}.m3u8`;
}

export function playerUrl(streamUrl: string): string {
	return `https://console.videodb.io/player?url=${streamUrl}`;
}

/** Clears every map of `state` in place (references held by tests stay valid) and refills it. */
export function seedState(state: SandboxState): void {
	for (const map of [
		state.events,
		state.streams,
		state.sceneIndexes,
		state.alerts,
		state.useCases,
		state.visionEvents,
		state.images,
		state.sceneRecords,
		state.recordings,
		state.videos,
		state.jobs,
	]) {
		map.clear();
	}
	state.deliveries.length = 0;
	state.clock.offsetMs = 0;
	state.account.credits = SEED.credits;

	STREAMS.forEach(([key, name, status], i) => {
		const id = SEED.streams[key];
		// One stream per day, microseconds and no timezone, like the real created_at.
		const created = new Date(Date.UTC(2026, 9, 1 + i, 9, 2, 27, 89));
		const streamUrl = streamManifestUrl(id);
		state.streams.set(id, {
			id,
			name,
			status,
			sample_rate: 30,
			media_types: ['video'],
			collection_id: SEED.collectionId,
			store: false,
			created_at: created.toISOString().replace('Z', '279'),
			stream_url: streamUrl,
			player_url: playerUrl(streamUrl),
		});
		// Connected streams have recorded for a day already (Export reports it as the duration).
		state.recordings.set(id, { seconds: status === 'connected' ? 86_400 : 3_600, since: status === 'connected' ? nowSeconds(state) : null });
	});

	const config = { time: '5', frame_count: '2' };
	const indexes: Array<[string, string, 'running' | 'stopped', string, string]> = [
		[SEED.sceneIndexes.dockActivity, SEED.streams.warehouseDock, 'running', 'Dock activity', 'Describe people, forklifts and pallets on the loading dock.'],
		[SEED.sceneIndexes.dockSafetyZone, SEED.streams.warehouseDock, 'stopped', 'Safety zone', 'Describe anyone entering the yellow safety zone.'],
		[SEED.sceneIndexes.bayNorthActivity, SEED.streams.loadingBayNorth, 'running', 'Bay activity', 'Describe trucks arriving and leaving the bay.'],
		[SEED.sceneIndexes.lineAQuality, SEED.streams.assemblyLineA, 'running', 'Line quality', 'Describe visible defects on parts leaving the line.'],
	];
	for (const [id, streamId, status, name, prompt] of indexes) {
		state.sceneIndexes.set(id, {
			rtstream_index_id: id,
			stream_id: streamId,
			extraction_type: 'time',
			extraction_config: { ...config },
			status,
			prompt,
			name,
		});
		seedHistory(state, state.sceneIndexes.get(id)!, SEED.historySeconds);
	}

	state.events.set(SEED.events.personOnDock, {
		event_id: SEED.events.personOnDock,
		event_prompt: 'Detect a person standing on the loading dock.',
		label: 'person_on_dock',
	});
	state.events.set(SEED.events.forkliftNearPerson, {
		event_id: SEED.events.forkliftNearPerson,
		event_prompt: 'Detect a forklift moving within two metres of a person.',
		label: 'forklift_near_person',
	});

	const useCases: Array<[string, string, 'active' | 'inactive']> = [
		[SEED.useCases.lineAQuality, 'Line A quality', 'active'],
		[SEED.useCases.warehouseInventory, 'Warehouse inventory', 'active'],
		[SEED.useCases.siteSafety, 'Site safety', 'active'],
		[SEED.useCases.legacyPilot, 'Legacy pilot', 'inactive'],
	];
	useCases.forEach(([id, name, status], i) => {
		const at = new Date(Date.UTC(2026, 8, 1 + i, 12, 0, 0)).toISOString();
		state.useCases.set(id, {
			id,
			name,
			status,
			workspaceId: SEED.workspace,
			createdAt: at,
			updatedAt: at,
		});
	});
}

export function emptyState(): SandboxState {
	const state: SandboxState = {
		events: new Map(),
		streams: new Map(),
		sceneIndexes: new Map(),
		alerts: new Map(),
		useCases: new Map(),
		visionEvents: new Map(),
		images: new Map(),
		sceneRecords: new Map(),
		recordings: new Map(),
		videos: new Map(),
		jobs: new Map(),
		account: { credits: SEED.credits },
		clock: { offsetMs: 0 },
		deliveries: [],
	};
	seedState(state);
	return state;
}
