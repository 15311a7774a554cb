// Types of both entries (browser: index.js, Node: node.js), which export the same API.
export * from './doorstep_wasm.js';
export { default } from './doorstep_wasm.js';
