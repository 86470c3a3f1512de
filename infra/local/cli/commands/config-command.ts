import { readFile } from 'node:fs/promises';
import { CONFIG_KEY } from '../../../../functions/adapters/configuration-store.js';
import { DEFAULT_SEGMENTS_CONFIG, parseSegmentsConfig, type ColumnMappingConfig, type SegmentsConfig } from '../../../../models/config/index.js';
import { segmentDefinitions } from '../../../../models/segmentation/index.js';
import type { EmbeddedAws } from '../../runtime/index.js';
import { openLocalSession } from '../local-session.js';
import { asOutput, type OutputTarget } from '../output/command-output.js';
import { clearColumnMapping, readStoredColumnMapping, readStoredConfigurationText, storeColumnMapping, storeConfigurationText } from '../stored-configuration.js';
import { ALL_KINDS, formatColumnMappings, parseColumnMappings, parseMappingTarget } from './parse-column-mappings.js';

type Log = (line: string) => void;

/** The segments a configuration defines, by family, and its user-defined segments by name. */
function describeSegments(config: SegmentsConfig, log: Log): void {
  const definitions = segmentDefinitions(config.segments);
  const families = new Map<string, number>();
  for (const d of definitions) families.set(d.family, (families.get(d.family) ?? 0) + 1);
  log(`Segments: ${definitions.length} (${[...families].map(([family, n]) => `${family} ${n}`).join(', ')})`);
  const custom = definitions.filter((d) => d.family === 'custom');
  const width = Math.max(0, ...custom.map((d) => d.id.length));
  custom.forEach((d) => log(`  ${d.id.padEnd(width)}  ${d.name}: ${d.description}`));
  config.segments.exclusiveGroups.forEach((g) => log(`  exclusive group ${g.id}: ${g.segments.join(' > ')}`));
}

/** `config validate FILE`: parses and checks the file (every rule compiled); a bad file raises ConfigurationError with each entry's path. */
export async function configValidateCommand(file: string, log: Log): Promise<SegmentsConfig> {
  const config = parseSegmentsConfig(await readFile(file, 'utf8'), file);
  log(`${file} is a valid configuration.`);
  describeSegments(config, log);
  return config;
}

/** What `config show` and `config push` print with --json: where the file is, its text and what it configures. */
export interface StoredConfiguration {
  location: string;
  /** The stored file as written; null when none is stored (the defaults are in force). */
  text: string | null;
  config: SegmentsConfig;
}

/** `config push FILE`: validates the file, then stores it as the configuration every later run reads. */
export async function configPushCommand(options: { stateDir: string; file: string }, log: Log): Promise<StoredConfiguration> {
  const text = await readFile(options.file, 'utf8');
  const config = parseSegmentsConfig(text, options.file);
  const session = await openLocalSession({ stateDir: options.stateDir });
  try {
    await storeConfigurationText(session.aws.s3, session.aws.bucket, text, options.file);
    log(`Stored ${options.file} as s3://${session.aws.bucket}/${CONFIG_KEY}; the next run (and the nightly rescore) uses it.`);
    describeSegments(config, log);
    return { location: `s3://${session.aws.bucket}/${CONFIG_KEY}`, text, config };
  } finally {
    await session.close();
  }
}

/** `config show`: the stored file as written, or a note that the defaults are in force, and the segments it defines. */
export async function configShowCommand(options: { stateDir: string }, log: Log): Promise<StoredConfiguration> {
  const session = await openLocalSession({ stateDir: options.stateDir });
  try {
    const text = await readStoredConfigurationText(session.aws.s3, session.aws.bucket);
    if (text === null) {
      log(`No configuration stored at s3://${session.aws.bucket}/${CONFIG_KEY}: the defaults are in force.`);
      describeSegments(DEFAULT_SEGMENTS_CONFIG, log);
      return { location: `s3://${session.aws.bucket}/${CONFIG_KEY}`, text: null, config: DEFAULT_SEGMENTS_CONFIG };
    }
    log(`# s3://${session.aws.bucket}/${CONFIG_KEY}`);
    text.trimEnd().split('\n').forEach((line) => log(line));
    log('');
    const config = parseSegmentsConfig(text, CONFIG_KEY);
    describeSegments(config, log);
    return { location: `s3://${session.aws.bucket}/${CONFIG_KEY}`, text, config };
  } finally {
    await session.close();
  }
}

/** For `run --demo`: stores the demo's configuration file unless a configuration is stored already. */
export async function storeDemoConfiguration(aws: EmbeddedAws, log: Log): Promise<void> {
  if ((await readStoredConfigurationText(aws.s3, aws.bucket)) !== null) return;
  const { DEMO_CONFIG_FILE } = await import('../../demo/index.js');
  await storeConfigurationText(aws.s3, aws.bucket, await readFile(DEMO_CONFIG_FILE, 'utf8'), DEMO_CONFIG_FILE);
  log(`Configuration: the demo's segments.config.yaml (user-defined segments win-back, vip, new-high-potential, due-soon, eu-top-value, engaged-premium) -> s3://${aws.bucket}/${CONFIG_KEY}`);
}

/** What the `config mapping` commands print with --json: where the file is, and its mapping once the command is done. */
export interface StoredMapping {
  location: string;
  mapping: ColumnMappingConfig;
  /** `kind.column=header` entries the command changed (set) or removed (clear). */
  changed?: string[];
}

const NO_MAPPING = 'No column mapping stored: headers are matched by their names and common spellings (see the README, Extracts).';

/** `config mapping`: the stored column mapping, one `kind.column=header` line each (stdout). */
export async function configMappingShowCommand(options: { stateDir: string }, target: OutputTarget): Promise<StoredMapping> {
  const out = asOutput(target);
  return withSession(options.stateDir, async (aws) => {
    const mapping = await readStoredColumnMapping(aws.s3, aws.bucket);
    const lines = formatColumnMappings(mapping);
    if (lines.length === 0) out.hint(NO_MAPPING);
    lines.forEach(out.data);
    return { location: `s3://${aws.bucket}/${CONFIG_KEY}`, mapping };
  });
}

/** `config mapping set ENTRY...`: validates the entries and writes them into the stored file, keeping the rest of it. */
export async function configMappingSetCommand(options: { stateDir: string; entries: readonly string[] }, target: OutputTarget): Promise<StoredMapping> {
  const out = asOutput(target);
  const entries = parseColumnMappings(options.entries, ALL_KINDS);
  return withSession(options.stateDir, async (aws) => {
    await storeColumnMapping(aws.s3, aws.bucket, entries);
    const changed = formatColumnMappings(entries);
    out.progress(`Stored ${changed.join(', ')} in s3://${aws.bucket}/${CONFIG_KEY}; later uploads are read with it.`);
    const mapping = await readStoredColumnMapping(aws.s3, aws.bucket);
    formatColumnMappings(mapping).forEach(out.data);
    return { location: `s3://${aws.bucket}/${CONFIG_KEY}`, mapping, changed };
  });
}

/** `config mapping clear [kind|kind.column]`: removes all of the mapping, a kind's or one column's; clearing what is not there changes nothing. */
export async function configMappingClearCommand(options: { stateDir: string; target?: string }, target: OutputTarget): Promise<StoredMapping> {
  const out = asOutput(target);
  const what = parseMappingTarget(options.target);
  return withSession(options.stateDir, async (aws) => {
    const changed = formatColumnMappings(await clearColumnMapping(aws.s3, aws.bucket, what));
    const scope = options.target ? `for ${options.target} ` : '';
    if (changed.length === 0) out.hint(`Nothing to clear: no column mapping ${scope}is stored.`);
    else out.progress(`Cleared ${changed.join(', ')} from s3://${aws.bucket}/${CONFIG_KEY}; those columns are matched by name again.`);
    const mapping = await readStoredColumnMapping(aws.s3, aws.bucket);
    const lines = formatColumnMappings(mapping);
    if (lines.length === 0) out.hint(NO_MAPPING);
    lines.forEach(out.data);
    return { location: `s3://${aws.bucket}/${CONFIG_KEY}`, mapping, changed };
  });
}

async function withSession<T>(stateDir: string, work: (aws: EmbeddedAws) => Promise<T>): Promise<T> {
  const session = await openLocalSession({ stateDir });
  try {
    return await work(session.aws);
  } finally {
    await session.close();
  }
}
