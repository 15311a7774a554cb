// Node entry: the module is ready as soon as it is imported (initialised synchronously from
// the .wasm next to this file). `await init()` still works, so code shared with the browser
// entry runs unchanged.
import { readFileSync } from 'node:fs';
import { initSync } from './doorstep_wasm.js';

initSync({ module: readFileSync(new URL('./doorstep_wasm_bg.wasm', import.meta.url)) });

export * from './doorstep_wasm.js';
export { default } from './doorstep_wasm.js';
