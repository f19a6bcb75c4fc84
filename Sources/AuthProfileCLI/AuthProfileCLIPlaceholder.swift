// Placeholder so the package manifest loads on the `identity` branch while this target is still empty.
// The AuthProfileCLI work happens on `main`; delete this file when real sources land.
