import type { AllEntities } from 'n8n-workflow';

/** Every resource of the VideoDB node and its operations; the router's map must cover exactly these. */
type NodeMap = {
	event: 'create' | 'getAll';
	alert: 'create' | 'getAll' | 'enable' | 'disable';
	stream: 'create' | 'get' | 'getAll' | 'update' | 'start' | 'stop' | 'getPlaybackUrl' | 'export';
	sceneIndex: 'create' | 'get' | 'getAll' | 'updatePrompt' | 'start' | 'stop' | 'getRecords' | 'search';
};

export type VideoDbType = AllEntities<NodeMap>;
export type VideoDbResource = VideoDbType['resource'];
export type VideoDbOperation<R extends VideoDbResource> = Extract<VideoDbType, { resource: R }>['operation'];
