/** Where a request goes: below the credential's base URL, even when an answer names another URL. */
import { requestUrl } from '../../nodes/common/http';

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
