import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../../common/descriptions';
import { requiredText } from '../../../common/parameters';
import { eventLabelField, eventPromptField } from '../../descriptions';
import { createEvent, findEventByLabel } from '../../eventApi';

const properties: INodeProperties[] = [
	eventPromptField,
	eventLabelField,
	collection('options', [
		{
			displayName: 'Reuse Existing',
			name: 'reuseExisting',
			type: 'boolean',
			default: false,
			description:
				'Whether to return the existing event with the same label instead of creating another one. VideoDB events cannot be deleted, so this keeps re-runs from piling up duplicates.',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['event'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const eventPrompt = requiredText(this, 'eventPrompt', 'Event Prompt', i);
	const label = requiredText(this, 'label', 'Label', i);
	const options = this.getNodeParameter('options', i, {}) as { reuseExisting?: boolean };

	if (options.reuseExisting === true) {
		const existing = await findEventByLabel(this, label, i);
		if (existing) {
			return { event_id: existing.event_id, label: existing.label, event_prompt: existing.event_prompt, reused: true };
		}
	}
	const eventId = await createEvent(this, eventPrompt, label, i);
	return { event_id: eventId, label, event_prompt: eventPrompt, reused: false };
}
