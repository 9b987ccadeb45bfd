#!/usr/bin/env node
// The `mailroom` command from a clone (`npx mailroom …`, `npm link`): tsx compiles the TypeScript
// sources as they load, so the command always runs the code of the checkout, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../app/cli/node/main.ts');
await main();
