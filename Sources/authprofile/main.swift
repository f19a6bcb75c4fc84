// Placeholder entry point so the package manifest loads on the `identity` branch while this target is still empty.
// The executable is built on `main`; replace this file when real sources land.
