// The editor island's entry point (browser code, bundled by esbuild; see ../assets.ts).
export {};
