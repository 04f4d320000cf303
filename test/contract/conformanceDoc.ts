/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling: reads docs/CONFORMANCE.md */
/** The calls docs/CONFORMANCE.md has a row for, per service section, as `METHOD /path/{template}`. */
import { readFileSync } from 'fs';
import { join } from 'path';

export function conformanceRows(section: 'VideoDB' | 'Roboflow'): string[] {
	const text = readFileSync(join(__dirname, '..', '..', 'docs', 'CONFORMANCE.md'), 'utf8');
	const start = text.indexOf(`\n## ${section}`);
	if (start < 0) throw new Error(`docs/CONFORMANCE.md has no "## ${section}" section`);
	const end = text.indexOf('\n## ', start + 1);
	const body = text.slice(start, end < 0 ? undefined : end);
	return [...body.matchAll(/^\| `((?:GET|POST|PUT|PATCH|DELETE) \/[^`]*)` \|/gm)].map((match) => match[1]);
}
