// Browser (and bundler) entry: `import init, { checkResidentId } from 'doorstep'; await init();`
// `init()` fetches doorstep_wasm_bg.wasm next to this file; pass `{ module_or_path }` to load it
// from elsewhere, or call `initSync({ module })` with the bytes.
export * from './doorstep_wasm.js';
export { default } from './doorstep_wasm.js';
