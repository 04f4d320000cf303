'use strict';
// Loads the bench's TypeScript in place (transpile only; `npm run build:tools` type-checks it), so the
// e2e harness it imports (test/e2e/n8n.ts) finds the repository root from its own location.
const { readFileSync } = require('node:fs');
const ts = require('typescript');

const compilerOptions = {
	module: ts.ModuleKind.CommonJS,
	target: ts.ScriptTarget.ES2022,
	esModuleInterop: true,
	resolveJsonModule: true,
};
require.extensions['.ts'] = (module, filename) => {
	const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), { fileName: filename, compilerOptions });
	module._compile(outputText, filename);
};
