/** Where a request goes: below the credential's base URL, even when an answer names another URL. */
import { requestUrl, withoutSecrets } from '../../nodes/common/http';

describe('requestUrl', () => {
	const base = 'https://proxy.example.com/videodb';

	test('a path goes below the base URL', () => {
		expect(requestUrl(base, '/rtstream/event')).toBe('https://proxy.example.com/videodb/rtstream/event');
	});

	test('an absolute URL below the base URL is used as it is', () => {
		expect(requestUrl(base, `${base}/async-response/job-1?x=1`)).toBe(`${base}/async-response/job-1?x=1`);
	});

	test.each([
		['another host', 'https://api.videodb.io/async-response/job-1'],
		['a look-alike host', 'https://proxy.example.com.evil.test/async-response/job-1'],
		['the same host outside the base path', 'https://proxy.example.com/async-response/job-1'],
	])('an absolute URL on %s: only its path and query are sent, below the base URL (the key goes nowhere else)', (_name, url) => {
		expect(requestUrl(base, url)).toBe('https://proxy.example.com/videodb/async-response/job-1');
	});
});

describe('withoutSecrets: a key the service echoes does not come back out', () => {
	const key = 'rf key/1';
	const secrets = [key, encodeURIComponent(key)];

	test('in strings at any depth, object keys included, as sent and URL-encoded', () => {
		const answer = { detail: [{ input: { api_key: key }, url: `https://x.test/a?api_key=${encodeURIComponent(key)}` }], [key]: 1 };
		expect(withoutSecrets(answer, secrets)).toEqual({
			detail: [{ input: { api_key: '[hidden]' }, url: 'https://x.test/a?api_key=[hidden]' }],
			'[hidden]': 1,
		});
	});

	test('everything else stays as it is; no secrets, the same value', () => {
		const answer = { n: 1, ok: true, none: null, text: 'fine', buffer: Buffer.from(key) };
		expect(withoutSecrets(answer, secrets)).toEqual(answer);
		expect(withoutSecrets(answer, [])).toBe(answer);
	});
});
