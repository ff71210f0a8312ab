#!/usr/bin/env node
// Entry point of the `masthead` command: loads the TypeScript sources through tsx so a
// fresh clone runs with no build step, whatever the working directory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

process.env.TSX_TSCONFIG_PATH ??= path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'tsconfig.json');
register();
await import('../src/cli/main.ts');
