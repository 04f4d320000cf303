import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	visionEvent: 'create' | 'query' | 'delete';
	image: 'upload';
	useCase: 'getAll' | 'create';
	inference: 'runWorkflow' | 'runModel';
};

export type RoboflowType = AllEntities<NodeMap>;
export type RoboflowResource = RoboflowType['resource'];
export type RoboflowOperation<R extends RoboflowResource> = Extract<RoboflowType, { resource: R }>['operation'];
