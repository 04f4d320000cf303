/**
 * What the harness does differently on n8n 1.x (tested: 1.123), so the same tests run on every line:
 * - `POST /rest/workflows/<id>/activate {versionId}` exists there too, but registers the triggers inside
 *   the request and answers 400 with the error the editor shows when one fails; there is no
 *   publication-status endpoint. The answer is kept, to report the same PublicationStatus shape as 2.x.
 * - Creating a workflow needs what the 1.x editor sends besides the workflow (see createExtras()).
 */
import type { HttpResult, N8nClient } from './client';
import type { PublicationStatus, SavedWorkflow } from './types';

export class N8nV1 {
	/** The last failed activation of each workflow, until it is activated or deactivated again. */
	private readonly failures = new Map<string, PublicationStatus>();

	constructor(private readonly client: N8nClient) {}

	/**
	 * `active` (a NOT NULL column in 1.x) and the project: without a projectId, 1.x does not resolve the
	 * nodes' credentials by name when a workflow is created (2.x always does).
	 */
	async createExtras(): Promise<Record<string, unknown>> {
		const project = await this.client.rest<{ id: string }>('GET', '/projects/personal');
		return { active: false, projectId: project.id };
	}

	/** Activates; a failure (400) is recorded for status() and, with `wait`, thrown. */
	async activate(id: string, versionId: string, wait: boolean): Promise<SavedWorkflow> {
		const r: HttpResult<{ data?: SavedWorkflow; message?: string }> = await this.client.request('POST', `/rest/workflows/${id}/activate`, {
			body: { versionId },
		});
		if (r.status >= 200 && r.status < 300 && r.json.data) {
			this.failures.delete(id);
			return r.json.data;
		}
		if (r.status !== 400) return await this.client.rest('POST', `/workflows/${id}/activate`, { versionId }); // throws with details
		const failure: PublicationStatus = {
			status: 'failed',
			liveVersionId: null,
			triggers: [{ nodeId: '', status: 'failed', errorMessage: r.json?.message ?? r.text }],
		};
		this.failures.set(id, failure);
		if (wait) throw new Error(`Activating workflow ${id} failed: ${JSON.stringify(failure)}\n--- n8n log tail ---\n${this.client.logTail(30)}`);
		return await this.client.rest('GET', `/workflows/${id}`);
	}

	forget(id: string): void {
		this.failures.delete(id);
	}

	/** `published` while the workflow is active, else the recorded failure, else `not_published`. */
	async status(id: string): Promise<PublicationStatus> {
		const wf = await this.client.rest<SavedWorkflow>('GET', `/workflows/${id}`);
		const live = wf.activeVersionId ?? (wf.active ? wf.versionId : null);
		if (live) return { status: 'published', liveVersionId: live, triggers: [] };
		return this.failures.get(id) ?? { status: 'not_published', liveVersionId: null, triggers: [] };
	}
}
