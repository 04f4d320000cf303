import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-access-token': '={{$credentials.apiKey}}',
			},
		},
	};

	// GET /user is the one endpoint the VideoDB API documents a 401 for, so a wrong key fails here.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/user',
			method: 'GET',
		},
	};
}
