// Worker-process entry: TypeScript handlers load through tsx, as in the CLI (no build step).
import { register } from 'tsx/esm/api';

register();
await import('./stage-worker-main.ts');
