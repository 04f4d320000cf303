import { SANDBOX_KEYS } from '../../sandbox';
import { useSandbox } from '../helpers/sandbox';
import { testCredential } from '../helpers/workflow';

const sandbox = useSandbox();

describe('VideoDB API credential test', () => {
	it('passes with a valid key and asks GET /user with x-access-token', async () => {
		const result = await testCredential('videoDbApi', { apiKey: SANDBOX_KEYS.videodb, baseUrl: sandbox.videodbUrl });
		expect(result.status).toBe('OK');
		const [request] = sandbox.requests({ service: 'videodb' });
		expect(request).toMatchObject({ method: 'GET', path: '/user' });
		expect(request.headers['x-access-token']).toBe(SANDBOX_KEYS.videodb);
	});

	it('fails with a wrong key', async () => {
		const result = await testCredential('videoDbApi', { apiKey: 'sk-wrong', baseUrl: sandbox.videodbUrl });
		expect(result.status).toBe('Error');
	});

	it('accepts a base URL with a trailing slash', async () => {
		const result = await testCredential('videoDbApi', {
			apiKey: SANDBOX_KEYS.videodb,
			baseUrl: `${sandbox.videodbUrl}/`,
		});
		expect(result.status).toBe('OK');
		expect(sandbox.requests({ service: 'videodb' })[0].path).toBe('/user');
	});
});

describe('Roboflow API credential test', () => {
	it('passes with a valid key (the answer names the workspace)', async () => {
		const result = await testCredential('roboflowApi', { apiKey: SANDBOX_KEYS.roboflow, baseUrl: sandbox.roboflowUrl });
		expect(result.status).toBe('OK');
		const [request] = sandbox.requests({ service: 'roboflow' });
		expect(request).toMatchObject({ method: 'GET', path: '/' });
		expect(request.headers.authorization).toBe(`Bearer ${SANDBOX_KEYS.roboflow}`);
	});

	it('fails with a wrong key: Roboflow answers 401, as roboflow-python expects', async () => {
		const result = await testCredential('roboflowApi', { apiKey: 'rf-wrong', baseUrl: sandbox.roboflowUrl });
		expect(result.status).toBe('Error');
		const [request] = sandbox.requests({ service: 'roboflow' });
		expect(request).toMatchObject({ method: 'GET', path: '/', status: 401 });
		expect(request.headers.authorization).toBe('Bearer rf-wrong');
	});

	it('fails when Roboflow answers 200 without naming a workspace (its answer to no key)', async () => {
		const result = await testCredential('roboflowApi', { apiKey: '', baseUrl: sandbox.roboflowUrl });
		expect(result).toEqual({
			status: 'Error',
			message: 'The API key was not accepted: Roboflow did not name a workspace for it',
		});
		expect(sandbox.requests({ service: 'roboflow' })[0].status).toBe(200);
	});

	it('passes with a read-only scoped key (it is a valid key)', async () => {
		const result = await testCredential('roboflowApi', {
			apiKey: SANDBOX_KEYS.roboflowReadOnly,
			baseUrl: sandbox.roboflowUrl,
		});
		expect(result.status).toBe('OK');
	});
});
