#!/usr/bin/env node
// The `gantry` executable. From a source checkout it runs the TypeScript directly (through tsx);
// from a published package it runs the compiled `dist/`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceEntry = `${root}src/cli/main.ts`;
const builtEntry = `${root}dist/cli/main.js`;

if (existsSync(sourceEntry)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(sourceEntry).href);
} else {
  await import(pathToFileURL(builtEntry).href);
}
