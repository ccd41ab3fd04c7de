#!/usr/bin/env node
// Entry point of the `cerrojo` command. The sources are TypeScript run through tsx, so the
// command works straight after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
await main(process.argv);
