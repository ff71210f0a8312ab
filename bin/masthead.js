#!/usr/bin/env node
// Entry point of the `masthead` command: loads the TypeScript sources through tsx so a
// fresh clone runs with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
