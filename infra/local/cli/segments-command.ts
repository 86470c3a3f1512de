import path from 'node:path';
import { DEFAULT_STATE_DIR } from './local-session.js';

/**
 * A `npx segments ...` command line to suggest, naming the state folder whenever it is not the
 * default, so following the hint reads the same state.
 */
export function segmentsCommand(stateDir: string, args: string): string {
  return `npx segments ${isDefaultStateDir(stateDir) ? '' : `--state-dir ${shellWord(stateDir)} `}${args}`;
}

/** How to get a first run into the state folder (`npm start` only knows the default one). */
export function firstRunHint(stateDir: string): string {
  const run = `\`${segmentsCommand(stateDir, 'run --demo')}\``;
  return isDefaultStateDir(stateDir) ? `${run} (or \`npm start\`)` : run;
}

const isDefaultStateDir = (stateDir: string): boolean => path.resolve(stateDir) === path.resolve(DEFAULT_STATE_DIR);

/** Quotes a word for a POSIX shell unless it is made of characters that need none. */
export const shellWord = (word: string): string => (/^[\w./:@%+=,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);
