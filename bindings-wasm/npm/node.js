// Node entry: the module is ready as soon as it is imported (initialised synchronously from
// the .wasm next to this file). `await init()` still works, so code shared with the browser
// entry runs unchanged. The API is index.js's (its `Engine` guarded there).
import { readFileSync } from 'node:fs';
import { initSync } from './index.js';

initSync({ module: readFileSync(new URL('./doorstep_wasm_bg.wasm', import.meta.url)) });

export * from './index.js';
export { default } from './index.js';
