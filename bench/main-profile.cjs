'use strict';
// Entry of the profiler (bench/profile.ts) on Node 24: `. scripts/env.sh; node bench/main-profile.cjs rf-item 2000`.
require('./ts-hook.cjs');
require('./profile.ts');
