'use strict';
// Entry of `npm run bench` (scripts/bench.sh runs it on Node 24): TypeScript hook, then bench/run.ts.
require('./ts-hook.cjs');
require('./run.ts');
