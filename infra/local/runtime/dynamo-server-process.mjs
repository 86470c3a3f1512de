// The process startDynamoServer (dynamo-server.ts) forks: dynalite on loopback, backed by LevelDB, off the
// pipeline's event loop and heap. Plain JavaScript, so it needs no TypeScript loader wherever the CLI runs.
// Arguments: <LevelDB directory> <host> <port>. Over IPC it sends `listening` (the bound port) or
// `failed`; on `stop` it closes dynalite, and with it LevelDB, sends `stopped` (its peak RSS) and exits.
// When the parent goes away (IPC disconnect: exit, crash, kill) it does the same.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { batchWriteItemInOneLevelBatch, checkTypesWithBatchWriteFastPath } from './dynalite-batch-write.mjs';

const [directory, host, port] = process.argv.slice(2);
let server;
let ready = false;
let stopping;
const LOCK_WAIT_MS = 3000;
/**
 * LevelDB's memtable (and so each level-0 file) holds 64 MiB here, not 4 MiB. The table's keys
 * arrive in hash order, so every flushed memtable overlaps the files below it and compaction
 * rewrites them: writing 600,000 items (score items and memberships), LevelDB made some 1,300
 * table files with 4 MiB and 210 with 64 MiB, the process took 62.5 s of CPU against 39.8 s, and
 * wrote 11,460 items a second against 14,370 (128 MiB gave no more). The 1M first load's write
 * stage, bound by the two cores it shares with its writers, was no faster (658.9 s against 664.6).
 * The price is up to two memtables in memory (the process peaked at 401 MB in that first load,
 * 346 before), and a longer log to replay when a state folder is opened after a crash.
 */
const LEVELDB_WRITE_BUFFER_BYTES = 64 * 1024 * 1024;
const requireFromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));

// Ctrl-C on a terminal reaches the whole process group; the parent decides when dynalite stops (it
// asks, or its exit disconnects), so a write in flight is not cut off before the parent's own shutdown.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => void stop(0));
process.on('disconnect', () => void stop(0));
process.on('message', (message) => {
  if (message?.type === 'stop') void stop(0);
});
// dynalite reports LevelDB failures by throwing from callbacks, outside any request.
process.on('uncaughtException', (error) => {
  if (!ready) return fail(error);
  console.error('local DynamoDB (dynalite) failed:', error);
  void stop(1);
});

try {
  mkdirSync(directory, { recursive: true });
  const db = await openLevelDb(directory);
  try {
    await closeIteratorsWhenStreamsEnd(db);
  } finally {
    await db.close();
  }
  const dynalite = await loadDynalite();
  server = dynalite({ path: directory, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.once('error', fail);
  server.listen(Number(port), host, () => {
    server.off('error', fail);
    ready = true;
    send({ type: 'listening', port: server.address().port });
  });
} catch (error) {
  fail(error);
}

/**
 * dynalite opens LevelDB lazily and, when it cannot (another process holds its lock), leaves every
 * request hanging; opening it once here first turns that into a start failure with LevelDB's reason.
 * A lock is waited for a moment: the dynalite process of a parent killed just before may still be closing.
 * Returns the open database (the same `level` module dynalite loads), which the caller closes.
 */
async function openLevelDb(path) {
  const { Level } = requireFromDynalite('level');
  const giveUpAt = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const db = new Level(path, { valueEncoding: 'json' });
    try {
      await db.open();
      return db;
    } catch (error) {
      await db.close();
      const reason = error.cause ?? error;
      if (reason.code !== 'LEVEL_LOCKED' || Date.now() >= giveUpAt) {
        throw Object.assign(new Error(`LevelDB in ${path} cannot be opened: ${reason.message}`, { cause: error }), { code: reason.code });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * dynalite 4 reads LevelDB through streams whose destroy calls `iterator.return()`, a method
 * abstract-level's iterators do not have, so it never closes an iterator: every Query and Scan pins
 * the LevelDB version it read, with its files (kept on disk and open however far compaction has moved
 * on) and its memory, until the process ends. After a first load of 50,000 customers that was 2.4 GB
 * of files for 72 MB of data, the next start took 2.3 s to open it, and the process's memory
 * grew with every page read. Iterators get the `return()` dynalite expects, which closes them; the
 * stream calls it when it ends or is cut short by a Limit. Patched on the shared prototype found from
 * an iterator of the same `level` module dynalite loads, and only where no `return` exists.
 */
async function closeIteratorsWhenStreamsEnd(db) {
  const iterator = db.values();
  let prototype = Object.getPrototypeOf(iterator);
  while (prototype && !Object.hasOwn(prototype, 'close')) prototype = Object.getPrototypeOf(prototype);
  if (prototype && typeof prototype.return !== 'function') {
    Object.defineProperty(prototype, 'return', {
      configurable: true,
      writable: true,
      value: function closeOnReturn() {
        return this.close();
      },
    });
  }
  await iterator.close();
}

/**
 * dynalite, loaded with three changes: LevelDB opened with LEVELDB_WRITE_BUFFER_BYTES, BatchWriteItem
 * done as one LevelDB read and one write per request, and its request check given a fast path for
 * plain BatchWriteItems (both in dynalite-batch-write.mjs). dynalite takes `Level` from the `level`
 * module and its actions from `require('./actions/<name>')` when its modules load, so these are in
 * place before it is loaded; it calls checkTypes through its validations module's exports.
 */
async function loadDynalite() {
  const levelModule = requireFromDynalite('level');
  const { Level } = levelModule;
  levelModule.Level = class LevelWithLargerMemtable extends Level {
    constructor(location, options) {
      super(location, { writeBufferSize: LEVELDB_WRITE_BUFFER_BYTES, ...options });
    }
  };
  const actionPath = requireFromDynalite.resolve('./actions/batchWriteItem');
  requireFromDynalite(actionPath);
  requireFromDynalite.cache[actionPath].exports = batchWriteItemInOneLevelBatch(requireFromDynalite('./db'));
  const validations = requireFromDynalite('./validations');
  validations.checkTypes = checkTypesWithBatchWriteFastPath(validations.checkTypes, requireFromDynalite('./validations/batchWriteItem').types);
  const { default: dynalite } = await import('dynalite');
  return dynalite;
}

function fail(error) {
  process.exitCode = 1;
  send({ type: 'failed', message: error?.message ?? String(error), code: error?.code }, () =>
    process.exit(1),
  );
}

function stop(exitCode) {
  stopping ??= new Promise((resolve) => {
    if (!server?.listening) return resolve();
    server.close((error) => {
      if (error) console.error('local DynamoDB (dynalite) did not close cleanly:', error);
      resolve();
    });
    // Keep-alive sockets of SDK clients would hold close() open.
    server.closeAllConnections();
  }).then(() => {
    send({ type: 'stopped', maxRssBytes: process.resourceUsage().maxRSS * 1024 }, () => process.exit(exitCode));
  });
  return stopping;
}

function send(message, then = () => {}) {
  if (!process.connected) return then();
  process.send(message, undefined, {}, () => then());
}
