// Thread entry in the source tree: TypeScript loads through tsx, as in the CLI (no build step).
// Lambda bundles replace this file with the bundled baseline-thread-main.ts.
import { register } from 'tsx/esm/api';

register();
await import('./baseline-thread-main.ts');
