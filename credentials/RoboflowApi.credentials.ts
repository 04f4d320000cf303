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
 * The headers that authenticate a Roboflow request (a Bearer token), defined once: `authenticate` below applies
 * them for n8n (credential test, HTTP Request node with this credential), and the node's transport
 * builds them once per execution instead of once per request (nodes/common/http.ts).
 */
export function roboflowAuthHeaders(credentials: ICredentialDataDecryptedObject): IDataObject {
	return { Authorization: `Bearer ${String(credentials.apiKey ?? '')}` };
}

export class RoboflowApi implements ICredentialType {
	name = 'roboflowApi';

	displayName = 'Roboflow API';

	icon: Icon = { light: 'file:../icons/roboflow.svg', dark: 'file:../icons/roboflow.dark.svg' };

	documentationUrl = 'https://docs.roboflow.com/developer/authentication/find-your-roboflow-api-key';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Your private Roboflow API key (Settings → API Keys). Scoped keys need the vision-events scopes.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://api.roboflow.com',
			description: 'Change only to use a local sandbox or a proxy',
		},
		{
			displayName: 'Inference URL',
			name: 'inferenceUrl',
			type: 'string',
			default: 'https://serverless.roboflow.com',
			description:
				'Where Run Workflow and Run Model send images: Roboflow\'s hosted inference, or your own inference server',
		},
	];

	// A function, not a generic `{{$credentials…}}` template: n8n's CredentialsHelper calls it with the
	// decrypted credential and evaluates no expression.
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: { ...requestOptions.headers, ...roboflowAuthHeaders(credentials) },
	});

	// A wrong key on GET / is a 401 (what roboflow-python's check_key expects), which fails the test
	// by itself; a 200 that names no `workspace` (Roboflow's answer when it sees no key) is not
	// authenticated either, so the rule fails the test when `workspace` is absent (undefined).
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'workspace',
					value: undefined,
					message: 'The API key was not accepted: Roboflow did not name a workspace for it',
				},
			},
		],
	};
}
