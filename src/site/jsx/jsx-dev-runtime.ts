/** Development entry point of the JSX runtime (tools that compile JSX in dev mode import it). */
export { Fragment, jsx, jsxDEV, jsxs } from './jsx-runtime.ts';
export type { JSX } from './jsx-runtime.ts';
