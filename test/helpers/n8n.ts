/**
 * What the harness puts in place of an n8n instance, after n8n's own node test harness
 * (packages/core/nodes-testing in n8n-io/n8n): a credential store with fixture data instead of
 * the database, whose `authenticate` is the credential type's own function, and the
 * `additionalData` an execution gets. Everything else is n8n-core's.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeCredentials,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

import { RoboflowApi } from '../../credentials/RoboflowApi.credentials';
import { VideoDbApi } from '../../credentials/VideoDbApi.credentials';

export const CREDENTIAL_TYPES: Record<string, ICredentialType> = {
	videoDbApi: new VideoDbApi(),
	roboflowApi: new RoboflowApi(),
};

export type TestCredentials = Record<string, ICredentialDataDecryptedObject>;

/** Fixture credential store (n8n's nodes-testing CredentialsHelper, plus an error for a missing type). */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: TestCredentials) {
		super();
	}

	async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string) {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return { ...data };
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, type: string, options: IHttpRequestOptions) {
		const authenticate = CREDENTIAL_TYPES[type]?.authenticate;
		return typeof authenticate === 'function' ? await authenticate(credentials, options) : options;
	}

	getCredentialsProperties(type: string) {
		return CREDENTIAL_TYPES[type]?.properties ?? [];
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used in tests');
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}
}

/** The node's credential references for every fixture credential type. */
export function credentialRefs(credentials: TestCredentials): INodeCredentials {
	return Object.fromEntries(Object.keys(credentials).map((type) => [type, { id: `${type}-id`, name: type }]));
}

/** What n8n hands an execution or a node context besides the workflow: URLs, variables, credentials. */
export function testAdditionalData(
	credentials: TestCredentials,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	const additionalData: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper: new TestCredentialsHelper(credentials),
		currentNodeParameters: undefined,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		...extra,
	};
	// The fields n8n-core reads in these runs; the rest stay absent, as in n8n's own harness mock.
	return additionalData as IWorkflowExecuteAdditionalData;
}
