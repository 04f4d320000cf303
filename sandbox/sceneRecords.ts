/**
 * The sandbox clock and what runs on it: a scene index that is `running` on a `connected` stream
 * produces one scene description per window (its `time` in seconds, or the audio segment length),
 * and a connected stream accumulates recorded seconds. Everything is computed lazily from the clock
 * (`tick` before and after every request), so tests move time with `advanceClock` instead of waiting.
 */
import type { SandboxState, SceneIndex, SceneRecord, SceneRecords } from './types';

/** Older windows are dropped past this many records per index, so a long clock jump stays cheap. */
export const MAX_RECORDS = 20_000;

export function nowSeconds(state: SandboxState): number {
	return Math.floor((Date.now() + state.clock.offsetMs) / 1000);
}

const VISUAL_SCENES = [
	'A forklift carries a pallet across the loading dock.',
	'A person in a high-visibility vest walks past door 3.',
	'The area is empty; the shutter of door 2 is closed.',
	'A truck backs up to the loading bay.',
	'Two workers stack boxes on a pallet.',
	'A person stands inside the yellow safety zone.',
	'A worker inspects a part at the end of the line.',
	'A delivery van parks next to the gate.',
];

const SPOKEN = [
	'Speech: "Door three is clear, bring the next pallet."',
	'Speech: "Watch the forklift on your left."',
	'Speech: "The truck for bay north is ten minutes out."',
	'Speech: "Break in five minutes, finish the stack."',
];

/** Window length in seconds: visual `time`; audio by segmenter (a word ~0.4 s, a sentence ~5 s). */
export function windowSeconds(index: SceneIndex): number {
	const config = index.extraction_config;
	if (index.extraction_type === 'transcript') {
		const value = Number(config.segmentation_value) || 10;
		if (config.segmenter === 'word') return Math.max(1, Math.ceil(value * 0.4));
		if (config.segmenter === 'sentence') return value * 5;
		return value;
	}
	return Math.max(1, Number(config.time) || 5);
}

/** A stable small number from an id, so each index walks the scene list from its own place. */
function idOffset(id: string): number {
	let sum = 0;
	for (const ch of id) sum = (sum * 31 + ch.charCodeAt(0)) % 9973;
	return sum;
}

function describe(index: SceneIndex, start: number, window: number): string {
	const list = index.extraction_type === 'transcript' ? SPOKEN : VISUAL_SCENES;
	return list[(Math.floor(start / window) + idOffset(index.rtstream_index_id)) % list.length];
}

function producing(state: SandboxState, index: SceneIndex): boolean {
	return index.status === 'running' && state.streams.get(index.stream_id)?.status === 'connected';
}

function recordsOf(state: SandboxState, id: string): SceneRecords {
	let entry = state.sceneRecords.get(id);
	if (!entry) {
		entry = { records: [], nextWindowAt: null };
		state.sceneRecords.set(id, entry);
	}
	return entry;
}

/** Adds the windows of `index` that ended by `now`. */
function produce(index: SceneIndex, entry: SceneRecords, now: number): void {
	if (entry.nextWindowAt === null) return;
	const window = windowSeconds(index);
	const due = Math.floor((now - entry.nextWindowAt) / window);
	if (due <= 0) return;
	// Windows older than the cap would be dropped right away: skip them.
	const skipped = Math.max(0, due - MAX_RECORDS);
	let start = entry.nextWindowAt + skipped * window;
	const fresh: SceneRecord[] = [];
	for (let n = skipped; n < due; n++, start += window) {
		fresh.push({ start, end: start + window, description: describe(index, start, window) });
	}
	entry.records.push(...fresh);
	if (entry.records.length > MAX_RECORDS) entry.records.splice(0, entry.records.length - MAX_RECORDS);
	entry.nextWindowAt = start;
}

/**
 * Brings records and recordings up to the clock, then starts or stops producers whose index or
 * stream changed state since the last tick.
 */
export function tick(state: SandboxState): void {
	const now = nowSeconds(state);
	for (const index of state.sceneIndexes.values()) {
		const entry = recordsOf(state, index.rtstream_index_id);
		produce(index, entry, now);
		const on = producing(state, index);
		if (on && entry.nextWindowAt === null) entry.nextWindowAt = now;
		if (!on) entry.nextWindowAt = null;
	}
	for (const stream of state.streams.values()) {
		let recording = state.recordings.get(stream.id);
		if (!recording) {
			recording = { seconds: 0, since: null };
			state.recordings.set(stream.id, recording);
		}
		if (recording.since !== null) {
			recording.seconds += now - recording.since;
			recording.since = now;
		}
		if (stream.status === 'connected' && recording.since === null) {
			// A restart begins a new recording; the completed one before it is no longer the latest.
			if (recording.seconds > 0) Object.assign(recording, { seconds: 0, exportedVideoId: undefined });
			recording.since = now;
		}
		if (stream.status !== 'connected') recording.since = null;
	}
}

/** Seeds `seconds` of history for a running index (windows ending before now). */
export function seedHistory(state: SandboxState, index: SceneIndex, seconds: number): void {
	const now = nowSeconds(state);
	const window = windowSeconds(index);
	const entry = recordsOf(state, index.rtstream_index_id);
	entry.records.length = 0;
	entry.nextWindowAt = now - Math.floor(seconds / window) * window;
	produce(index, entry, now);
}
