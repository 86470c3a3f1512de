import { fileURLToPath } from 'node:url';

/** The demo's segments.config.yaml (user-defined segments and an exclusive group), stored by `run --demo` when none is stored. */
export const DEMO_CONFIG_FILE = fileURLToPath(new URL('./segments.config.yaml', import.meta.url));
