//! doorstep WASM bindings (in progress).
