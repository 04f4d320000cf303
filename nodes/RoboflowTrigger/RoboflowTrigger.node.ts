import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { useCaseRlc } from '../Roboflow/descriptions';
import { searchUseCases } from '../Roboflow/listSearch';
import { eventTypesProperty, filtersProperty } from '../Roboflow/queryFilters';
import { ROBOFLOW_CREDENTIAL } from '../Roboflow/transport';
import { pollEvents } from './poll';

export class RoboflowTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Roboflow Vision Event Trigger',
		name: 'roboflowTrigger',
		icon: { light: 'file:../../icons/roboflow.svg', dark: 'file:../../icons/roboflow.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"use case " + $parameter["useCaseId"].value}}',
		description: 'Starts the workflow when new Roboflow Vision Events are recorded in a use case',
		defaults: { name: 'Roboflow Vision Event Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: ROBOFLOW_CREDENTIAL, required: true }],
		properties: [
			{
				displayName:
					'Emits each new vision event once, oldest first. Events recorded up to 15 minutes after their timestamp are still caught; the trigger starts at the moment it is switched on.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			useCaseRlc,
			eventTypesProperty,
			filtersProperty,
		],
	};

	methods = {
		listSearch: { searchUseCases },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollEvents.call(this);
	}
}
