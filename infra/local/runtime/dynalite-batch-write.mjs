// dynalite's BatchWriteItem, done as one LevelDB read and one LevelDB write per request.
//
// dynalite 4 runs each of a BatchWriteItem's up to 25 requests as its own PutItem or DeleteItem: a
// LevelDB get, a put for each index entry and a put of the item, each a separate call into
// classic-level. Each of those calls takes LevelDB's mutex on the event loop's thread (a get takes a
// snapshot), where the thread pool's writes hold it, so at a first load of a million customers
// dynalite's one process spent most of its time in those calls and wrote about 4,700 items a second.
// Here the batch locks its keys, reads every existing item with one getMany, and writes every item
// and index entry (and removes stale index entries) with one atomic LevelDB batch. What a client sees
// is the same: the same validation and errors, the same items and index entries, the same consumed
// capacity; and, as in DynamoDB, no UnprocessedItems.
//
// dynalite names its key spaces inside one LevelDB by prefix (`item-<table>~`, `index-<kind>~<table>~<index>~`,
// db/index.js getItemDb and getIndexDb); the batch writes under the same prefixes. Tests read what
// it wrote through GetItem, Query on the index and Scan.

/**
 * The batchWriteItem action for dynalite's action table, built from dynalite's own db module
 * (`require('dynalite/db')`): its validation, keys, index entries and capacity.
 */
export function batchWriteItemInOneLevelBatch(db) {
  return function batchWriteItem(store, data, callback) {
    const tableNames = Object.keys(data.RequestItems).sort();
    planTables(store, db, data, tableNames, (error, plans) => {
      if (error) return callback(renameKeyError(error));
      lockAll(store, plans, (release) => {
        const done = release((error, result) => callback(error ? renameKeyError(error) : null, result));
        writePlans(store, db, data, plans).then((result) => done(null, result), done);
      });
    });
  };
}

/** Each table's requests validated and keyed, in the order dynalite checks them (and with its errors). */
function planTables(store, db, data, tableNames, callback) {
  const plans = [];
  const next = (index) => {
    if (index === tableNames.length) return callback(null, plans);
    const tableName = tableNames[index];
    cachedTable(store, tableName, (error, table) => {
      if (error) return callback(error);
      const writes = [];
      const seenKeys = new Set();
      for (const request of data.RequestItems[tableName]) {
        const item = request.PutRequest ? request.PutRequest.Item : null;
        const keyAttributes = item ?? request.DeleteRequest?.Key;
        if (!keyAttributes) continue;
        const invalid = item ? db.validateItem(item, table) : db.validateKey(keyAttributes, table);
        if (invalid != null) return callback(invalid);
        const key = db.createKey(keyAttributes, table);
        if (seenKeys.has(key)) return callback(db.validationError('Provided list of item keys contains duplicates'));
        seenKeys.add(key);
        writes.push({ key, item });
      }
      plans.push({ tableName, table, writes });
      next(index + 1);
    });
  };
  next(0);
}

/** dynalite's lock on every key of the batch (per table, tables in name order), so no PutItem or UpdateItem on them interleaves. */
function lockAll(store, plans, run) {
  const releases = [];
  const next = (index) => {
    if (index === plans.length) {
      return run((done) => (...args) => {
        for (const release of releases.reverse()) release(() => {})();
        done(...args);
      });
    }
    const { tableName, writes } = plans[index];
    store.getItemDb(tableName).lock(
      writes.map((write) => write.key),
      (release) => {
        releases.push(release);
        next(index + 1);
      },
    );
  };
  next(0);
}

const itemPrefix = (tableName) => `item-${tableName}~`;
const indexPrefix = (kind, tableName, indexName) => `index-${kind.toLowerCase()}~${tableName}~${indexName}~`;

async function writePlans(store, db, data, plans) {
  const operations = [];
  const capacities = [];
  for (const { tableName, table, writes } of plans) {
    if (writes.length === 0) continue;
    const prefix = itemPrefix(tableName);
    const existingItems = await store.db.getMany(writes.map((write) => prefix + write.key));
    const options = { TableName: tableName, ReturnConsumedCapacity: data.ReturnConsumedCapacity };
    writes.forEach(({ key, item }, index) => {
      const existing = existingItems[index];
      // As putItem and deleteItem count it: the larger of the new item (none for a delete) and the existing one.
      capacities.push(db.addConsumedCapacity(options, false, existing, item));
      for (const kind of ['Local', 'Global']) {
        const actions = db.getIndexActions(table[`${kind}SecondaryIndexes`] ?? [], existing, item, table);
        for (const remove of actions.deletes) operations.push({ type: 'del', key: indexPrefix(kind, tableName, remove.index) + remove.key });
        for (const put of actions.puts) operations.push({ type: 'put', key: indexPrefix(kind, tableName, put.index) + put.key, value: put.item });
      }
      operations.push(item ? { type: 'put', key: prefix + key, value: item } : { type: 'del', key: prefix + key });
    });
  }
  if (operations.length > 0) await store.db.batch(operations);
  return response(data, capacities);
}

/** As dynalite answers: no UnprocessedItems, and the capacity summed per table when asked for. */
function response(data, capacities) {
  const result = { UnprocessedItems: {} };
  if (data.ReturnConsumedCapacity === 'TOTAL' || data.ReturnConsumedCapacity === 'INDEXES') {
    const units = new Map();
    for (const { TableName, CapacityUnits } of capacities) units.set(TableName, (units.get(TableName) ?? 0) + CapacityUnits);
    result.ConsumedCapacity = [...units].map(([TableName, CapacityUnits]) => ({
      CapacityUnits,
      TableName,
      Table: data.ReturnConsumedCapacity === 'INDEXES' ? { CapacityUnits } : undefined,
    }));
  }
  return result;
}

/**
 * dynalite's getTable, which reads and decodes the table's description from LevelDB on every
 * request (about 9% of the process's CPU writing 240,000 items), with the active tables kept in memory.
 * Any write to the table descriptions (create, update, delete, a status change) empties the cache
 * when it starts and when it ends, and a description read while one was under way is not kept.
 */
function cachedTable(store, tableName, callback) {
  const cache = tableCacheOf(store);
  const cached = cache.tables.get(tableName);
  if (cached) return callback(null, cached);
  const generation = cache.generation;
  store.getTable(tableName, (error, table) => {
    if (!error && cache.generation === generation && cache.writing === 0) cache.tables.set(tableName, table);
    callback(error, table);
  });
}

const tableCaches = new WeakMap();

function tableCacheOf(store) {
  const tableDb = store.tableDb;
  let cache = tableCaches.get(tableDb);
  if (cache) return cache;
  cache = { tables: new Map(), generation: 0, writing: 0 };
  const changed = () => {
    cache.generation += 1;
    cache.tables.clear();
  };
  for (const method of ['put', 'del', 'batch']) {
    const write = tableDb[method];
    tableDb[method] = function (...args) {
      changed();
      cache.writing += 1;
      const last = args.length - 1;
      const done = () => {
        cache.writing -= 1;
        changed();
      };
      if (typeof args[last] === 'function') {
        const callback = args[last];
        args[last] = (...results) => {
          done();
          callback(...results);
        };
        return write.apply(this, args);
      }
      return Promise.resolve(write.apply(this, args)).finally(done);
    };
  }
  tableCaches.set(tableDb, cache);
  return cache;
}

/**
 * dynalite's checkTypes, the request's shape checked against the action's types, with a fast path
 * for a BatchWriteItem whose every attribute value is one string (S) or number (N): for such a
 * request checkTypes returns the same content, and its generic walk (a type string parsed by a
 * regular expression and a type object built for each attribute value) was about 16% of the process's
 * CPU writing 240,000 items. Anything else goes through dynalite's checkTypes, with its errors.
 */
export function checkTypesWithBatchWriteFastPath(checkTypes, batchWriteTypes) {
  return function checkTypesFast(data, types) {
    if (types === batchWriteTypes && isPlainBatchWrite(data)) {
      const checked = {};
      for (const key of Object.keys(types)) if (data[key] != null) checked[key] = data[key];
      return checked;
    }
    return checkTypes(data, types);
  };
}

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

function isPlainBatchWrite(data) {
  if (!isObject(data)) return false;
  for (const key in data) {
    const value = data[key];
    if (key === 'RequestItems') {
      if (!isObject(value)) return false;
    } else if ((key !== 'ReturnConsumedCapacity' && key !== 'ReturnItemCollectionMetrics') || typeof value !== 'string') {
      return false;
    }
  }
  for (const tableName in data.RequestItems) {
    const requests = data.RequestItems[tableName];
    if (!Array.isArray(requests)) return false;
    for (const request of requests) {
      if (!isObject(request)) return false;
      let kinds = 0;
      for (const kind in request) {
        kinds += 1;
        const body = request[kind];
        const field = kind === 'PutRequest' ? 'Item' : kind === 'DeleteRequest' ? 'Key' : null;
        if (field === null || !isObject(body)) return false;
        let fields = 0;
        for (const name in body) {
          fields += 1;
          if (name !== field || !isPlainAttributes(body[name])) return false;
        }
        if (fields !== 1) return false;
      }
      if (kinds !== 1) return false;
    }
  }
  return true;
}

function isPlainAttributes(attributes) {
  if (!isObject(attributes)) return false;
  for (const name in attributes) {
    const value = attributes[name];
    if (!isObject(value)) return false;
    let types = 0;
    for (const type in value) {
      types += 1;
      if ((type !== 'S' && type !== 'N') || typeof value[type] !== 'string') return false;
    }
    if (types !== 1) return false;
  }
  return true;
}

function renameKeyError(error) {
  if (error.body && (/Missing the key/.test(error.body.message) || /Type mismatch for key/.test(error.body.message))) {
    error.body.message = 'The provided key element does not match the schema';
  }
  return error;
}
