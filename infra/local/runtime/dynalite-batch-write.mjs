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
    store.getTable(tableName, (error, table) => {
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

function renameKeyError(error) {
  if (error.body && (/Missing the key/.test(error.body.message) || /Type mismatch for key/.test(error.body.message))) {
    error.body.message = 'The provided key element does not match the schema';
  }
  return error;
}
