//! doorstep C ABI (in progress).
