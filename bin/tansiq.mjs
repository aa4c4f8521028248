#!/usr/bin/env node
// The `tansiq` command. TypeScript sources run through tsx's loader (no separate build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/main.ts');
await main(process.argv);
