import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The headers that authenticate a VideoDB request (`x-access-token`), defined once: `authenticate` below applies
 * them for n8n (credential test, HTTP Request node with this credential), and the node's transport
 * builds them once per execution instead of once per request (nodes/common/http.ts).
 */
export function videoDbAuthHeaders(credentials: ICredentialDataDecryptedObject): IDataObject {
	return { 'x-access-token': String(credentials.apiKey ?? '') };
}

export class VideoDbApi implements ICredentialType {
	name = 'videoDbApi';

	displayName = 'VideoDB API';

	icon: Icon = { light: 'file:../icons/videodb.svg', dark: 'file:../icons/videodb.dark.svg' };

	documentationUrl = 'https://docs.videodb.io/pages/getting-started/quickstart';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'sk-...',
			description: 'Your VideoDB API key, from the API Keys page of console.videodb.io',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://api.videodb.io',
			description: 'Change only to use a staging server or a local sandbox',
		},
	];

	// A function, not a generic `{{$credentials…}}` template: n8n's CredentialsHelper calls it with the
	// decrypted credential and evaluates no expression.
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: { ...requestOptions.headers, ...videoDbAuthHeaders(credentials) },
	});

	// GET /user is the one endpoint the VideoDB API documents a 401 for, so a wrong key fails here.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/user',
			method: 'GET',
		},
	};
}
