/** Every resource of the VideoDB node and its operations; the router's map must cover exactly these. */
export interface VideoDbOperations {
	event: 'create' | 'getAll';
	alert: 'create' | 'getAll' | 'enable' | 'disable';
	stream: 'create' | 'get' | 'getAll' | 'update' | 'start' | 'stop' | 'getPlaybackUrl' | 'export';
	sceneIndex: 'create' | 'get' | 'getAll' | 'updatePrompt' | 'start' | 'stop' | 'getRecords' | 'search';
}

export type VideoDbResource = keyof VideoDbOperations;

/** A map with one entry per (resource, operation) pair: a missing or extra pair is a type error. */
export type ResourceOperationMap<T> = {
	[R in VideoDbResource]: Record<VideoDbOperations[R], T>;
};
