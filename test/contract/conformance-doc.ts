/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling: reads docs/CONFORMANCE.md */
/** What the contract suites' coverage tests compare: the operations a node offers, the calls the doc lists. */
import { readFileSync } from 'fs';
import type { INodeTypeDescription } from 'n8n-workflow';
import { join } from 'path';

/** Every `resource.operation` a node's description offers. */
export function offeredOperations(description: INodeTypeDescription): string[] {
	const operations = description.properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) => (p.options as Array<{ value: string }>).map((o) => `${String(p.displayOptions?.show?.resource?.[0])}.${o.value}`));
	return [...new Set(operations)].sort();
}

/** The calls docs/CONFORMANCE.md has a row for, per service section, as `METHOD /path/{template}`. */
export function conformanceRows(section: 'VideoDB' | 'Roboflow' | 'Roboflow hosted inference'): string[] {
	const text = readFileSync(join(__dirname, '..', '..', 'docs', 'CONFORMANCE.md'), 'utf8');
	// The whole heading line: "## Roboflow" is not "## Roboflow hosted inference".
	const start = text.indexOf(`\n## ${section}\n`);
	if (start < 0) throw new Error(`docs/CONFORMANCE.md has no "## ${section}" section`);
	const end = text.indexOf('\n## ', start + 1);
	const body = text.slice(start, end < 0 ? undefined : end);
	return [...body.matchAll(/^\| `((?:GET|POST|PUT|PATCH|DELETE) \/[^`]*)` \|/gm)].map((match) => match[1]);
}
