// An observer of the chain (issue 18, outcome 1): someone with no key material who reads what
// every full node serves to anyone: every storage key and value of every pallet, every
// contract's storage, every block's extrinsics (calls and their arguments, contract inputs)
// and every event with its topics. It decodes all of it with the public runtime metadata and
// the contracts' public ABIs, and then works out what that tells about people:
//   (a) which data classes each account has records or consents about,
//   (b) which patient accounts each provider is linked to, and which patient accounts
//       belong together (one person's accounts: they appear together, or share values),
//   (c) which patient account each break-glass episode concerns,
//   (d) which participants' names it can recover.
// A patient is an account with no role that is no contract; roles are public by design.
//
// The learners are generic on purpose. They never ask for `consent.Consents` or
// `RecordRegistered` by name: they look at decoded values by their type or shape (a value of
// an enum whose variants are the data classes, wherever it sits; any account, in any field,
// key, topic or raw bytes; any 16- or 32-byte value that equals a hash the observer can
// compute), and at what co-occurs in one piece of chain data. So when the representation
// changes (blinded data tags, salted name commitments, per-provider pseudonymous patient
// accounts), this same observer runs unchanged against it, and what it still learns is what
// the new representation still leaks.
//
// Where the observer needs to know how the chain represents a class or a name (to try its
// guesses), it asks lib/sensitive-scenario.js, the one place that knows the representation.
import { u8aToHex, u8aToU8a, stringToU8a, u8aConcat, isUtf8, u8aToString } from '@polkadot/util';
import { xxhashAsU8a, blake2AsU8a, decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { GenericAccountId, GenericCall } from '@polkadot/types';
import { Struct, Enum, Option, Compact, Text, AbstractInt, BTreeMap, Tuple } from '@polkadot/types-codec';
import { classGuesses, nameGuesses, saltedNameGuesses, DATA_CLASSES } from './sensitive-scenario.js';

/** Roles whose holders treat patients or hold their data: the providers of facet (b). */
export const PROVIDER_ROLES = ['Hospital', 'Clinician', 'Researcher'];

// ----------------------------------------------------------------------------------------
// Reading the chain
// ----------------------------------------------------------------------------------------

/** Storage hashers: how many hash bytes each puts before the key, and whether the key follows. */
const HASHERS = {
  Blake2_128: [16, false],
  Blake2_256: [32, false],
  Blake2_128Concat: [16, true],
  Twox128: [16, false],
  Twox256: [32, false],
  Twox64Concat: [8, true],
  Identity: [0, true],
};

/** `bytes` hashed as the opaque storage hasher `hasher` would (to reverse opaque keys by trial). */
function opaqueHash(hasher, bytes) {
  switch (hasher) {
    case 'Blake2_128': return blake2AsU8a(bytes, 128);
    case 'Blake2_256': return blake2AsU8a(bytes, 256);
    case 'Twox128': return xxhashAsU8a(bytes, 128);
    case 'Twox256': return xxhashAsU8a(bytes, 256);
    default: return null;
  }
}

/** A field or item name, compared without case or separators: `data_class` = `dataClass`. */
const norm = (name) => String(name ?? '').replace(/[^a-z0-9]/gi, '').toLowerCase();

/** The singular of an item name (`Consents` → `consent`, `records` → `record`, `cases` → `case`). */
function singular(name) {
  const n = norm(name);
  if (n.endsWith('ies')) return `${n.slice(0, -3)}y`;
  if (/(ch|sh|ss|x)es$/.test(n)) return n.slice(0, -2);
  if (n.endsWith('s')) return n.slice(0, -1);
  return n;
}

/** The largest value the observer scans byte by byte (the runtime's wasm, `:code`, is skipped). */
const MAX_SCANNED_BYTES = 128 * 1024;

/**
 * One piece of chain data as the observer sees it: a storage entry (key and value), a
 * contract storage entry, an extrinsic or an event (with its topics). Everything the
 * learners use is collected into it by `walk`: the accounts in it (`keyAccounts`: those in a
 * storage key), the data classes and roles among its enum values, emergency reasons, numbers
 * by field name, byte strings and texts, and the raw bytes for scanning.
 */
function newItem(source, label, { scope, name, block = null }) {
  return {
    source,
    label,
    scope, // a pallet, or a contract's address: where its identifiers mean something
    name, // the storage item, event or call name
    block,
    entityId: null, // for an entry of a map keyed by one number: that number
    accounts: new Set(),
    keyAccounts: new Set(),
    classes: new Map(), // class -> how it was seen
    roles: new Set(),
    emergency: [], // { how, purpose }: emergency reasons or purposes seen, and how
    purposes: new Set(),
    numbers: [], // { field, value, inList }
    fields: new Set(),
    blobs: [],
    texts: [],
    raw: [],
    opaque: [], // { hasher, bytes, part } opaque key parts to reverse by trial
    undecoded: null, // why it could not be decoded, if so
  };
}

/** The vocabularies the learners recognise values by: from the runtime metadata's own types. */
function vocabularies(api) {
  const byLastPath = (last) => {
    for (const { type } of api.registry.lookup.types) {
      if (type.path.length && type.path[type.path.length - 1].toString() === last && type.def.isVariant) {
        return type.def.asVariant.variants.map((v) => v.name.toString());
      }
    }
    return [];
  };
  // The metadata names the types today; the fallbacks keep the observer looking for the old
  // shapes after a change removes them from the metadata (an old value could still be stored).
  const union = (a, b) => [...new Set([...a, ...b])];
  return {
    classes: new Set(union(byLastPath('DataClass'), DATA_CLASSES)),
    roles: new Set(union(byLastPath('Role'), ['Manufacturer', 'Wholesaler', 'Carrier', 'Pharmacy', 'Hospital',
      'Clinician', 'Researcher', 'Regulator', 'Auditor', 'AnomalyOracle', 'HoldAuthority'])),
    purposes: new Set(union(byLastPath('Purpose'), ['TREAT', 'ETREAT', 'HPAYMT', 'HOPERAT', 'HRESCH', 'PUBHLTH', 'HMARKT', 'BTG'])),
    emergencies: new Set(union(byLastPath('EmergencyReason'), ['ETREAT', 'BTG'])),
  };
}

/** Whether every variant of an enum is in `vocabulary` (and it has at least two): its shape. */
const enumOf = (codec, vocabulary) => codec.defKeys.length >= 2 && codec.defKeys.every((k) => vocabulary.has(k));

/**
 * The walk over one decoded value: records into `item` every account, enum value of a known
 * shape, number, byte string and text in it, however deep. `ctx.field` is the name of the
 * field it sits in, `ctx.inList` whether it is one of a sequence, `ctx.part` key or value.
 */
function walk(obs, item, codec, ctx = {}) {
  if (codec === null || codec === undefined || typeof codec !== 'object') return;
  const { vocab } = obs;
  if (codec instanceof GenericCall) {
    walkCall(obs, item, codec, ctx);
  } else if (codec instanceof GenericAccountId) {
    const hex = codec.toHex();
    item.accounts.add(hex);
    if (ctx.part === 'key') item.keyAccounts.add(hex);
    obs.accountsSeen.add(hex);
  } else if (codec instanceof Option) {
    if (codec.isSome) walk(obs, item, codec.unwrap(), ctx);
  } else if (codec instanceof Compact) {
    walk(obs, item, codec.unwrap(), ctx);
  } else if (codec instanceof Enum) {
    const variant = codec.type;
    if (enumOf(codec, vocab.classes)) item.classes.set(variant, 'a value of the DataClass type');
    if (enumOf(codec, vocab.roles)) item.roles.add(variant);
    if (enumOf(codec, vocab.emergencies)) item.emergency.push({ how: `emergency reason ${variant}` });
    else if (enumOf(codec, vocab.purposes)) {
      item.purposes.add(variant);
      if (vocab.emergencies.has(variant)) item.emergency.push({ how: `purpose ${variant}`, purpose: true });
    }
    if (!codec.isBasic) walk(obs, item, codec.inner, ctx);
  } else if (codec instanceof Struct) {
    for (const [name, value] of codec.entries()) {
      item.fields.add(norm(name));
      walk(obs, item, value, { ...ctx, field: name, inList: false });
    }
  } else if (codec instanceof BTreeMap) {
    for (const [key, value] of codec.entries()) {
      walk(obs, item, key, { ...ctx, inList: true });
      walk(obs, item, value, { ...ctx, inList: true });
    }
  } else if (codec instanceof Set) {
    for (const value of codec) walk(obs, item, value, { ...ctx, inList: true });
  } else if (Array.isArray(codec)) {
    // Event data is a tuple with names; other tuples keep their field; sequences are lists.
    const names = Array.isArray(codec.names) ? codec.names : null;
    const tuple = codec instanceof Tuple;
    codec.forEach((value, i) => {
      if (names?.[i]) item.fields.add(norm(names[i]));
      walk(obs, item, value, { ...ctx, field: names?.[i] ?? ctx.field, inList: !tuple });
    });
  } else if (codec instanceof Text) {
    item.texts.push(codec.toString());
  } else if (codec instanceof Uint8Array) {
    const bytes = u8aToU8a(codec);
    item.blobs.push(bytes);
    if (bytes.length >= 4 && bytes.length <= MAX_SCANNED_BYTES && isUtf8(bytes)) item.texts.push(u8aToString(bytes));
  } else if (codec instanceof AbstractInt) {
    item.numbers.push({ field: norm(ctx.field), value: codec.toBigInt(), inList: !!ctx.inList, part: ctx.part });
  }
}

/** The (first) account in a value, such as an address of any kind; null if none. */
function accountIn(obs, codec) {
  const scratch = newItem('extrinsic', 'address', { scope: null, name: null });
  walk(obs, scratch, codec, {});
  return [...scratch.accounts][0] ?? null;
}

/** A call, with its arguments by name; a contract call's input is decoded with the contract's ABI. */
function walkCall(obs, item, call, ctx) {
  item.fields.add(norm(call.method));
  item.callNames = [...(item.callNames ?? []), `${call.section}.${call.method}`];
  const names = call.meta.args.map((a) => a.name.toString());
  call.args.forEach((arg, i) => walk(obs, item, arg, { ...ctx, field: names[i], inList: false }));
  if (call.section !== 'contracts') return;
  const arg = (name) => call.args[names.indexOf(name)];
  const data = arg('data');
  if (!data) return;
  let abi;
  let decode;
  if (call.method === 'call') {
    const address = accountIn(obs, arg('dest'));
    abi = address && obs.abiOf(address);
    decode = 'decodeMessage';
    if (address) item.scope = address;
  } else if (call.method === 'instantiate_with_code' || call.method === 'instantiateWithCode') {
    abi = obs.abiByCode.get(u8aToHex(blake2AsU8a(arg('code').toU8a(true), 256)));
    decode = 'decodeConstructor';
  } else if (call.method === 'instantiate') {
    abi = obs.abiByCode.get(arg('codeHash')?.toHex() ?? arg('code_hash')?.toHex());
    decode = 'decodeConstructor';
  }
  if (!decode) return;
  obs.counts.contractCalls += 1;
  if (!abi) {
    item.undecoded = 'contract input: no known ABI';
    return;
  }
  try {
    const { args, message } = abi[decode](data.toU8a());
    obs.counts.contractCallsDecoded += 1;
    item.fields.add(norm(message.method ?? message.identifier));
    item.callNames.push(`${abi.info.contract.name}.${message.identifier}`);
    args.forEach((value, i) => {
      const name = message.args[i]?.name;
      item.fields.add(norm(name));
      walk(obs, item, value, { ...ctx, field: name, inList: false });
    });
  } catch (error) {
    item.undecoded = `contract input: ${error.message}`;
  }
}

/**
 * A JSON-RPC call as any client of a node makes it, answered as plain JSON (hex strings), so
 * that no type is assumed for what the observer reads.
 */
const rpc = (api, method, params) => api._rpcCore.provider.send(method, params);

/** Every key of a trie, a page at a time: `state_getKeysPaged`, or `childstate_getKeysPaged` for a child trie. */
async function allKeys(api, at, child = null, pageSize = 1000) {
  const keys = [];
  let start = null;
  for (;;) {
    const page = child
      ? await rpc(api, 'childstate_getKeysPaged', [child, '0x', pageSize, start, at])
      : await rpc(api, 'state_getKeysPaged', ['0x', pageSize, start, at]);
    keys.push(...page);
    if (page.length < pageSize) return keys;
    start = page[page.length - 1];
  }
}

/** The values of `keys` at `at`, a batch at a time, as hex (null if none). */
async function valuesOf(api, at, keys, child = null, batch = 500) {
  const values = new Map();
  for (let i = 0; i < keys.length; i += batch) {
    const slice = keys.slice(i, i + batch);
    if (child) {
      const got = await rpc(api, 'childstate_getStorageEntries', [child, slice, at]);
      slice.forEach((k, j) => values.set(k, got[j]));
    } else {
      const [set] = await rpc(api, 'state_queryStorageAt', [slice, at]);
      for (const [k, v] of set.changes) values.set(k, v);
    }
  }
  return values;
}

/**
 * The runtime's storage items by their 32-byte prefix (twox128 of the pallet ‖ of the item),
 * and each pallet's storage version (twox128 of the pallet ‖ of ":__STORAGE_VERSION__:", a u16).
 */
function storageIndex(api) {
  const index = new Map();
  const version = xxhashAsU8a(':__STORAGE_VERSION__:', 128);
  for (const pallet of api.runtimeMetadata.asLatest.pallets) {
    const prefix = pallet.storage.isSome ? pallet.storage.unwrap().prefix.toString() : pallet.name.toString();
    index.set(u8aToHex(u8aConcat(xxhashAsU8a(prefix, 128), version)), { pallet: pallet.name.toString(), section: prefix, version: true });
    if (pallet.storage.isNone) continue;
    const storage = pallet.storage.unwrap();
    const palletHash = xxhashAsU8a(storage.prefix.toString(), 128);
    for (const entry of storage.items) {
      const prefix = u8aToHex(u8aConcat(palletHash, xxhashAsU8a(entry.name.toString(), 128)));
      index.set(prefix, { pallet: pallet.name.toString(), section: storage.prefix.toString(), entry });
    }
  }
  return index;
}

const lookupType = (registry, id) => registry.createLookupType(typeof id === 'number' ? id : id.toNumber());
const decodeAs = (registry, id, bytes) => registry.createTypeUnsafe(lookupType(registry, id), [bytes]);

/** A runtime storage entry decoded with the metadata: its key parts and value walked into `item`. */
function decodeRuntimeEntry(obs, api, item, meta, key, value) {
  const { registry } = api;
  if (meta.version) {
    walk(obs, item, registry.createType('u16', value), { part: 'value', field: 'storageVersion' });
    return;
  }
  const { entry } = meta;
  if (entry.type.isMap) {
    const { hashers, key: keyType } = entry.type.asMap;
    const keyTypes = hashers.length === 1 ? [keyType] : registry.lookup.getSiType(keyType).def.asTuple;
    let offset = 32;
    const parts = [];
    hashers.forEach((hasher, i) => {
      const [length, transparent] = HASHERS[hasher.type];
      if (transparent) {
        const part = decodeAs(registry, keyTypes[i], key.subarray(offset + length));
        offset += length + part.encodedLength;
        parts.push(part);
        walk(obs, item, part, { part: 'key', field: `key${i}` });
      } else {
        // An opaque hash: reversed later by trial, against every account the observer saw.
        item.opaque.push({ hasher: hasher.type, bytes: key.subarray(offset, offset + length), typeId: keyTypes[i] });
        offset += length;
      }
    });
    if (parts.length === 1 && hashers.length === 1 && parts[0] instanceof AbstractInt) item.entityId = parts[0].toBigInt();
  }
  const valueType = entry.type.isPlain ? entry.type.asPlain : entry.type.asMap.value;
  walk(obs, item, decodeAs(registry, valueType, value), { part: 'value', field: entry.name.toString() });
}

/**
 * A contract storage entry decoded with the ABI's storage layout. ink! 5 stores each cell
 * under blake2_128(raw) ‖ raw, raw being the 4-byte root key of a `Mapping` or `Lazy` (or of
 * the contract itself, 0x00000000) followed by the SCALE-encoded mapping key. Returns whether
 * the layout knew the cell.
 */
function decodeContractEntry(obs, abi, item, childKey, value) {
  const raw = childKey.subarray(16);
  const rootKey = u8aToHex(raw.subarray(0, 4));
  const cell = obs.layoutCells(abi).get(rootKey);
  if (!cell) return false;
  const { registry } = abi;
  item.name = cell.name;
  item.label = `${item.label}.${cell.name}`;
  if (cell.keyType !== null && raw.length > 4) {
    const mapKey = decodeAs(registry, cell.keyType, raw.subarray(4));
    walk(obs, item, mapKey, { part: 'key', field: `${cell.name} key` });
    if (mapKey instanceof AbstractInt) item.entityId = mapKey.toBigInt();
  }
  let offset = 0;
  const decodeLayout = (layout, field) => {
    if (layout.leaf) {
      if (u8aToHex(hexBytes(layout.leaf.key)) !== rootKey) return; // a field stored elsewhere
      const decoded = decodeAs(registry, layout.leaf.ty, value.subarray(offset));
      offset += decoded.encodedLength;
      walk(obs, item, decoded, { part: 'value', field });
    } else if (layout.struct) {
      for (const f of layout.struct.fields) {
        item.fields.add(norm(f.name));
        decodeLayout(f.layout, f.name);
      }
    } else if (layout.enum) {
      const variant = layout.enum.variants[String(value[offset])];
      offset += 1;
      for (const f of variant?.fields ?? []) decodeLayout(f.layout, f.name);
    }
    // `root` layouts are other cells; `hash` and `array` layouts do not occur in these contracts.
  };
  decodeLayout(cell.layout, cell.name);
  return true;
}

const hexBytes = (hex) => Uint8Array.from(Buffer.from(hex.replace(/^0x/, ''), 'hex'));

/**
 * The cells of a contract's storage layout by root key: the contract's own packed fields at
 * 0x00000000, each `Mapping` and `Lazy` at its own. A mapping's key type is its first type
 * parameter (K of `Mapping<K, V, KeyType>`).
 */
function layoutCells(abi) {
  const cells = new Map();
  const storage = abi.json.storage ?? abi.json.V5?.storage ?? abi.json.spec?.storage;
  const visit = (layout, name) => {
    if (!layout) return;
    if (layout.root) {
      const { root_key: rootKey, ty, layout: inner } = layout.root;
      let keyType = null;
      if (ty !== undefined) {
        const siType = abi.registry.lookup.getSiType(ty);
        const path = siType.path.map(String);
        if (path[path.length - 1] === 'Mapping' && siType.params.length > 0) keyType = siType.params[0].type.unwrap().toNumber();
      }
      cells.set(u8aToHex(hexBytes(rootKey)), { name, layout: inner, keyType });
      visit(inner, name);
    } else if (layout.struct) {
      for (const f of layout.struct.fields) visit(f.layout, f.name);
    } else if (layout.enum) {
      for (const v of Object.values(layout.enum.variants)) for (const f of v.fields) visit(f.layout, f.name);
    }
  };
  visit(storage?.root ? { root: storage.root } : storage, abi.info.contract.name.toString());
  return cells;
}

/**
 * Read everything an observer of the chain can read at the best block: every storage key of
 * the whole state (`state_getKeysPaged`), decoded with the runtime metadata wherever its
 * prefix is a storage item's; every contract's storage (its child trie, found with
 * `contracts.contractInfoOf`), decoded with the ABI whose code hash is the contract's; and
 * every block from genesis: its extrinsics (calls and their arguments, contract inputs
 * decoded with the ABI) and its events (runtime events by the metadata, `ContractEmitted`
 * by the emitting contract's ABI, topics included).
 *
 * `abis` are the public ABIs of the contracts the observer knows (@polkadot/api-contract
 * `Abi`s). Returns `{ items, accounts, accountHashes, contracts, constants, counts }`: every
 * piece of data as an item (see `newItem`), every account seen anywhere and the hashes of
 * them the observer reverses, the contracts' accounts, the
 * values that are public constants (contract events' signature topics), and how much was read.
 */
export async function observeChain(api, { abis = [] } = {}) {
  const at = (await api.rpc.chain.getBlockHash()).toHex();
  const bestNumber = (await api.rpc.chain.getHeader(at)).number.toNumber();
  const cellCache = new Map();
  const obs = {
    vocab: vocabularies(api),
    accountsSeen: new Set(),
    abiByCode: new Map(abis.map((abi) => [abi.info.source.wasmHash.toHex(), abi])),
    contractCode: new Map(), // contract address -> code hash
    abiOf(address) { return this.abiByCode.get(this.contractCode.get(address)); },
    layoutCells(abi) {
      if (!cellCache.has(abi)) cellCache.set(abi, layoutCells(abi));
      return cellCache.get(abi);
    },
  };
  const counts = {
    block: at, bestNumber, storageKeys: 0, storageDecoded: 0, storageWellKnown: [], storageFailed: [], contracts: 0,
    contractEntries: 0, contractEntriesDecoded: 0, blocks: 0, extrinsics: 0, events: 0,
    contractEvents: 0, contractEventsDecoded: 0, topics: 0, contractCalls: 0, contractCallsDecoded: 0,
  };
  obs.counts = counts;
  const items = [];

  // The contracts first: their code hashes say which ABI reads their storage and events.
  const contracts = await api.query.contracts.contractInfoOf.entries();
  for (const [key, info] of contracts) {
    obs.contractCode.set(key.args[0].toHex(), info.unwrap().codeHash.toHex());
  }

  // Every storage key of every pallet.
  const index = storageIndex(api);
  const keys = await allKeys(api, at);
  const values = await valuesOf(api, at, keys);
  counts.storageKeys = keys.length;
  for (const keyHex of keys) {
    const key = hexBytes(keyHex);
    const value = values.get(keyHex) ? hexBytes(values.get(keyHex)) : new Uint8Array();
    const meta = index.get(u8aToHex(key.subarray(0, 32)));
    const itemName = meta ? (meta.version ? ':__STORAGE_VERSION__:' : meta.entry.name.toString()) : wellKnown(key);
    const item = newItem('storage', meta ? `${meta.section}.${itemName}` : `well-known key ${itemName}`,
      { scope: meta ? norm(meta.section) : 'well-known', name: itemName });
    item.raw.push(key);
    if (value.length <= MAX_SCANNED_BYTES) item.raw.push(value);
    if (meta) {
      try {
        decodeRuntimeEntry(obs, api, item, meta, key, value);
        counts.storageDecoded += 1;
      } catch (error) {
        item.undecoded = error.message;
        counts.storageFailed.push(`${item.label}: ${error.message}`);
      }
    } else {
      counts.storageWellKnown.push(item.label);
    }
    items.push(item);
  }

  // Every contract's storage: its child trie, by the trie id in its contract info.
  for (const [key, info] of contracts) {
    const address = key.args[0].toHex();
    const { trieId } = info.unwrap();
    const child = u8aToHex(u8aConcat(stringToU8a(':child_storage:default:'), trieId.toU8a(true)));
    const abi = obs.abiOf(address);
    const childKeys = await allKeys(api, at, child);
    const childValues = await valuesOf(api, at, childKeys, child);
    counts.contracts += 1;
    counts.contractEntries += childKeys.length;
    const contractName = abi ? abi.info.contract.name.toString() : 'unknown contract';
    for (const keyHex of childKeys) {
      const childKey = hexBytes(keyHex);
      const value = childValues.get(keyHex) ? hexBytes(childValues.get(keyHex)) : new Uint8Array();
      const item = newItem('contract storage', `${contractName} ${short(encodeAddress(address))}`, { scope: address, name: null });
      item.raw.push(childKey, value);
      try {
        if (abi && decodeContractEntry(obs, abi, item, childKey, value)) counts.contractEntriesDecoded += 1;
        else item.undecoded = 'not in the ABI\'s storage layout';
      } catch (error) {
        item.undecoded = error.message;
      }
      items.push(item);
    }
  }

  // Every block: its extrinsics and its events.
  for (let number = 0; number <= bestNumber; number += 1) {
    const hash = await api.rpc.chain.getBlockHash(number);
    const [{ block }, records] = await Promise.all([api.rpc.chain.getBlock(hash), api.query.system.events.at(hash)]);
    counts.blocks += 1;
    block.extrinsics.forEach((extrinsic, i) => {
      counts.extrinsics += 1;
      const { section, method } = extrinsic.method;
      const item = newItem('extrinsic', `block ${number} extrinsic ${i} ${section}.${method}`,
        { scope: norm(section), name: method, block: number });
      item.transaction = `${number}:${i}`;
      item.raw.push(extrinsic.toU8a());
      if (extrinsic.isSigned) {
        item.signer = accountIn(obs, extrinsic.signer);
        walk(obs, item, extrinsic.signer, { field: 'signer' });
      }
      walk(obs, item, extrinsic.method, {});
      items.push(item);
    });
    for (const record of records) {
      counts.events += 1;
      const { event } = record;
      const item = newItem('event', `block ${number} event ${event.section}.${event.method}`,
        { scope: norm(event.section), name: event.method, block: number });
      if (record.phase.isApplyExtrinsic) item.transaction = `${number}:${record.phase.asApplyExtrinsic.toNumber()}`;
      item.raw.push(event.data.toU8a());
      for (const topic of record.topics) {
        counts.topics += 1;
        item.blobs.push(topic.toU8a());
        item.raw.push(topic.toU8a());
      }
      walk(obs, item, event.data, {});
      if (api.events.contracts.ContractEmitted.is(event)) {
        counts.contractEvents += 1;
        const address = event.data.contract.toHex();
        item.source = 'contract event';
        item.scope = address;
        // The emitting contract's ABI first, then any other the observer knows.
        const candidates = [obs.abiOf(address), ...abis].filter(Boolean);
        for (const abi of candidates) {
          try {
            const decoded = abi.decodeEvent(record);
            item.name = decoded.event.identifier.split('::').pop();
            item.label = `block ${number} event ${abi.info.contract.name}.${item.name}`;
            decoded.args.forEach((value, i) => {
              const name = decoded.event.args[i]?.name;
              item.fields.add(norm(name));
              walk(obs, item, value, { field: name });
            });
            counts.contractEventsDecoded += 1;
            break;
          } catch {
            // Not this ABI's event.
          }
        }
        if (item.name === 'ContractEmitted') item.undecoded = 'no known ABI decodes it';
      }
      items.push(item);
    }
  }

  finishItems(obs, items);
  // Values every use of a contract event carries (its signature topic) are public constants.
  const constants = new Set(abis.flatMap((abi) => abi.events.map((e) => e.signatureTopic).filter(Boolean)));
  return {
    items, accounts: obs.accountsSeen, accountHashes: obs.accountHashes, contracts: new Set(obs.contractCode.keys()), constants, counts,
  };
}

/** What a well-known or unknown key is, for reading. */
function wellKnown(key) {
  const text = u8aToString(key);
  if (text.startsWith(':child_storage:default:')) return ':child_storage:default:<trie id>';
  return /^[\x20-\x7e]+$/.test(text) ? text : u8aToHex(key.subarray(0, 8));
}

/**
 * After everything is read, with every account the observer has seen: find accounts in
 * bytes that were not typed as accounts (event topics, hashes, unknown keys and values, raw
 * encodings), reverse opaque key hashes by trial, and look for data classes and names in
 * byte strings by the hashes the observer can compute.
 */
function finishItems(obs, items) {
  obs.accountHashes = new Set();
  const accounts = [...obs.accountsSeen];
  // Accounts as 32-byte windows of any raw bytes, and opaque hashes of accounts.
  const accountSet = new Set(accounts.map((a) => a.slice(2)));
  const opaqueIndex = new Map();
  for (const hasher of ['Blake2_128', 'Blake2_256', 'Twox128', 'Twox256']) {
    for (const account of accounts) {
      const hash = u8aToHex(opaqueHash(hasher, hexBytes(account)));
      opaqueIndex.set(hash, account);
      obs.accountHashes.add(hash);
    }
  }
  // Data classes as any 16- or 32-byte string the observer can compute from a class name,
  // with no secret, or with any public key or 32-byte string it saw as the secret's seed.
  const seen32 = new Map();
  for (const item of items) for (const blob of item.blobs) if (blob.length === 32) seen32.set(u8aToHex(blob), blob);
  const guesses = classGuesses(accounts.map(hexBytes), [...seen32.values()]);
  for (const item of items) {
    for (const bytes of item.raw) {
      const hex = Buffer.from(bytes).toString('hex');
      for (let i = 0; i + 64 <= hex.length; i += 2) {
        if (accountSet.has(hex.slice(i, i + 64))) item.accounts.add(`0x${hex.slice(i, i + 64)}`);
      }
      for (const width of [32, 64]) {
        for (let i = 0; i + width <= hex.length; i += 2) {
          const guess = guesses.get(hex.slice(i, i + width));
          if (guess) item.classes.set(guess.class, guess.how);
        }
      }
    }
    // Opaque key hashes, and byte strings (pallet-contracts files its events under
    // blake2_256 of the caller's and the contract's accounts), that are hashes of an account.
    for (const bytes of [...item.opaque.map((o) => o.bytes), ...item.blobs]) {
      const account = opaqueIndex.get(u8aToHex(bytes));
      if (account) item.accounts.add(account);
    }
    for (const text of item.texts) {
      for (const cls of obs.vocab.classes) {
        const words = cls.replace(/([a-z])([A-Z])/g, '$1[\\s_-]?$2');
        if (new RegExp(words, 'i').test(text)) item.classes.set(cls, `the text "${text.slice(0, 60)}"`);
      }
      // SS58 addresses in text.
      for (const match of text.matchAll(/\b[1-9A-HJ-NP-Za-km-z]{47,48}\b/g)) {
        try {
          item.accounts.add(u8aToHex(decodeAddress(match[0])));
        } catch {
          // Not an address.
        }
      }
      if (/break[\s_-]?glass|emergenc/i.test(text)) item.emergency.push({ how: `the text "${text.slice(0, 60)}"` });
    }
    if (/breakglass|episode|emergenc/.test(norm(item.name)) || [...item.fields].some((f) => /breakglass|episode|emergenc/.test(f))) {
      item.emergency.push({ how: `its name (${item.name})` });
    }
  }
}

// ----------------------------------------------------------------------------------------
// What the observer learns
// ----------------------------------------------------------------------------------------

/**
 * The pieces of chain data the observer learns from, each with what it joins to:
 * - a storage entry (of a pallet or a contract), on its own;
 * - a transaction: an extrinsic and the events it caused (same block, same extrinsic
 *   index), since what a call said and what it did are one thing to an observer (the
 *   `breakGlass` call names the patient, its event the episode number);
 * - an event outside any extrinsic (block initialisation and finalisation), on its own.
 *
 * To each piece the observer joins the entities its parts refer to. Entities are what the
 * chain stores by number (an entry of a map keyed by one number: a consent, a record, a
 * grant, an episode), by scope (the pallet, or the contract), noun and number; a part refers
 * to one by a field named as the noun (`record: 5`) or a list named as the map (`records:
 * [5, 6]`), in the same scope. So an `Accessed { record: 5 }` event is read with record 5:
 * dropping the patient from an event does not hide them while the record names them. One
 * hop only: following ids further would link unrelated people.
 *
 * Each piece: `{ label, parts, joined, accounts, classes: Map(class -> [where]), emergency:
 * [where], numbers, signer, isStorage }`. Emergency purposes count only in events, of the
 * piece itself (an access for an emergency purpose happened); in stored data or in a call
 * they are an arrangement or an attempt (a grant for emergencies), not an emergency.
 */
function pieces(observation) {
  const entities = new Map();
  const nouns = new Map(); // scope -> Map(field name | single/list -> noun)
  const transactions = new Map();
  const alone = [];
  for (const item of observation.items) {
    if (item.transaction) {
      if (!transactions.has(item.transaction)) transactions.set(item.transaction, []);
      transactions.get(item.transaction).push(item);
    } else {
      alone.push([item]);
    }
    if (item.entityId === null || !item.name || !item.source.includes('storage')) continue;
    const noun = singular(item.name);
    entities.set(`${item.scope}|${noun}|${item.entityId}`, item);
    if (!nouns.has(item.scope)) nouns.set(item.scope, new Map());
    nouns.get(item.scope).set(`${noun}|single`, noun);
    nouns.get(item.scope).set(`${norm(item.name)}|list`, noun);
  }
  const referred = (item) => {
    const byField = nouns.get(item.scope);
    if (!byField) return [];
    return item.numbers.flatMap(({ field, value, inList }) => {
      const noun = byField.get(`${field}|${inList ? 'list' : 'single'}`);
      const entity = noun && entities.get(`${item.scope}|${noun}|${value}`);
      return entity ? [entity] : [];
    });
  };
  return [...alone, ...transactions.values()].map((parts) => {
    const joined = [...new Set(parts.flatMap(referred))].filter((e) => !parts.includes(e));
    const extrinsic = parts.find((p) => p.source === 'extrinsic');
    const named = (extrinsic?.callNames ?? []).join(' → ');
    const label = extrinsic
      ? `block ${extrinsic.block} extrinsic ${extrinsic.label.split(' ')[3]} ${named || extrinsic.name}`
      : parts[0].label;
    const where = (item) => (item === extrinsic ? `${label}, its call` : parts.includes(item) && extrinsic
      ? `${label}, its event ${item.label.split(' event ')[1]}` : item.label);
    const classes = new Map();
    for (const item of [...parts, ...joined]) {
      for (const [cls, how] of item.classes) {
        if (!classes.has(cls)) classes.set(cls, []);
        classes.get(cls).push(`${where(item)} (${how})`);
      }
    }
    const emergency = [...parts, ...joined].flatMap((item) => item.emergency
      .filter(({ purpose }) => !purpose || (parts.includes(item) && item.source.includes('event')))
      .map(({ how }) => `${where(item)} (${how})`));
    return {
      label,
      parts,
      joined,
      isStorage: parts[0].source.includes('storage'),
      signer: extrinsic?.signer ?? null,
      accounts: new Set([...parts, ...joined].flatMap((i) => [...i.accounts])),
      keyAccounts: parts[0].keyAccounts,
      classes,
      emergency,
      numbers: parts.flatMap((i) => i.numbers),
      blobs: parts.flatMap((i) => i.blobs),
      texts: parts.flatMap((i) => i.texts),
      name: parts[0].name,
      entityId: parts[0].entityId,
      where,
    };
  });
}

/**
 * The roles of accounts, which are public by design: from storage entries keyed by one
 * account whose value holds role values and names no other account (a registry of
 * participants, whatever it is called).
 */
export function learnRoles(observation) {
  const roles = new Map();
  for (const item of observation.items) {
    if (!item.source.includes('storage') || item.keyAccounts.size !== 1 || item.roles.size === 0) continue;
    const [who] = item.keyAccounts;
    if ([...item.accounts].some((a) => a !== who)) continue;
    roles.set(who, new Set([...(roles.get(who) ?? []), ...item.roles]));
  }
  return roles;
}

/** Accounts that could be patients: no role, not a contract. */
const patientCandidates = (observation, roles, accounts) =>
  [...accounts].filter((a) => !roles.has(a) && !observation.contracts.has(a));

/**
 * (a) For each account, the data classes it has records or consents about: every class seen
 * in a piece of data (as a value of the DataClass type, a computable hash of a class name,
 * or words in a text), or in what it joins to, is learned about every account in it.
 * Returns Map(account -> Map(class -> [where])).
 */
export function learnDataClasses(observation, all = pieces(observation)) {
  const learned = new Map();
  for (const piece of all) {
    if (piece.classes.size === 0) continue;
    for (const account of piece.accounts) {
      if (!learned.has(account)) learned.set(account, new Map());
      const classes = learned.get(account);
      for (const [cls, places] of piece.classes) classes.set(cls, [...(classes.get(cls) ?? []), ...places]);
    }
  }
  return learned;
}

/**
 * Which patient accounts (no role, not a contract) the observer can tell belong together:
 * - two that appear in one piece of data (one funds the other, grants to it, guards it);
 * - two that carry two or more of the same opaque values (16- or 32-byte strings that are
 *   no account, no hash of one and no public constant) in their pieces of data. A
 *   per-patient value (a data tag under the patient's one tag secret, a topic derived from
 *   it) is a fingerprint: it ties together every account the patient uses it with,
 *   pseudonymous or not. One shared value is not enough: it may be a public document both
 *   refer to (a policy's hash), where a fingerprint is many values (a tag per data class).
 * Returns Map(account -> Map(linked account -> [how])), transitively closed, each linked
 * account linked to itself.
 */
export function learnLinks(observation, roles = learnRoles(observation), all = pieces(observation)) {
  const accountHex = new Set([...observation.accounts]);
  const holders = new Map(); // value -> Map(account -> [where])
  const direct = new Map(); // "a|b" -> how
  for (const piece of all) {
    const patients = patientCandidates(observation, roles, piece.accounts).sort();
    if (patients.length === 0) continue;
    patients.forEach((a, i) => patients.slice(i + 1).forEach((b) => direct.set(`${a}|${b}`, `they appear together in ${piece.label}`)));
    for (const blob of piece.blobs) {
      if (blob.length !== 16 && blob.length !== 32) continue;
      const value = u8aToHex(blob);
      if (accountHex.has(value) || observation.accountHashes.has(value) || observation.constants.has(value)) continue;
      if (!holders.has(value)) holders.set(value, new Map());
      for (const patient of patients) holders.get(value).set(patient, [...(holders.get(value).get(patient) ?? []), piece.label]);
    }
  }
  const shared = new Map(); // "a|b" -> [how]
  for (const [value, byAccount] of holders) {
    const accounts = [...byAccount.keys()].sort();
    for (let i = 0; i < accounts.length; i += 1) {
      for (const b of accounts.slice(i + 1)) {
        const a = accounts[i];
        const key = `${a}|${b}`;
        shared.set(key, [...(shared.get(key) ?? []),
          `the value ${value.slice(0, 12)}… in ${short(ss58(a))}'s ${byAccount.get(a)[0]} and ${short(ss58(b))}'s ${byAccount.get(b)[0]}`]);
      }
    }
  }
  const parent = new Map();
  const find = (a) => { while (parent.get(a) !== a) a = parent.get(a); return a; };
  const how = new Map(); // account -> [how it was linked]
  for (const [key, together] of direct) shared.set(key, [together, together, ...(shared.get(key) ?? [])]);
  for (const [key, values] of shared) {
    if (values.length < 2) continue;
    const [a, b] = key.split('|');
    for (const x of [a, b]) if (!parent.has(x)) parent.set(x, x);
    parent.set(find(b), find(a));
    for (const x of [a, b]) how.set(x, [...(how.get(x) ?? []), ...values]);
  }
  const groups = new Map();
  for (const a of parent.keys()) groups.set(find(a), [...(groups.get(find(a)) ?? []), a]);
  const links = new Map();
  for (const members of groups.values()) {
    for (const a of members) links.set(a, new Map(members.map((b) => [b, [...new Set([...(how.get(a) ?? []), ...(how.get(b) ?? [])])]])));
  }
  return links;
}

/**
 * (b) For each provider (an account with a provider role), the patient accounts (no role,
 * not a contract) that co-occur with it in one piece of data or what it joins to: a
 * consent, a request, a record, a grant, a transaction and its events. Returns
 * Map(provider -> { roles, patients: Map(patient -> [where]) }). With `links`
 * (`learnLinks`), a patient is listed with every account linked to it.
 */
export function learnProviderPatients(observation, roles = learnRoles(observation), all = pieces(observation), links = new Map()) {
  const providers = new Map();
  for (const [account, held] of roles) {
    if (PROVIDER_ROLES.some((r) => held.has(r))) providers.set(account, { roles: [...held], patients: new Map() });
  }
  for (const piece of all) {
    const patients = patientCandidates(observation, roles, piece.accounts);
    if (patients.length === 0) continue;
    for (const account of piece.accounts) {
      const provider = providers.get(account);
      if (!provider) continue;
      for (const patient of patients) {
        provider.patients.set(patient, [...(provider.patients.get(patient) ?? []), piece.label]);
        for (const [linked, how] of links.get(patient) ?? []) {
          if (linked === patient) continue;
          provider.patients.set(linked, [...(provider.patients.get(linked) ?? []),
            `${piece.label}, under ${short(ss58(patient))}, linked to it by ${how[0]}`]);
        }
      }
    }
  }
  return providers;
}

/**
 * (c) For each break-glass episode, the patient accounts it concerns. A piece of data is
 * about an emergency if a part's name or field says so (break-glass, episode, emergency), if
 * it holds a value of the emergency-reason type, if one of its events has an emergency
 * purpose (ETREAT, BTG: an emergency access happened), or if a text says so. The episode is
 * its `episode` number (or the key of a map of episodes, or the one number in the key of a
 * break-glass map), else the emergency access itself; the patients are its accounts with no
 * role. Returns Map(episode -> Map(patient -> [where])).
 */
export function learnBreakGlass(observation, roles = learnRoles(observation), all = pieces(observation)) {
  const episodes = new Map();
  for (const piece of all) {
    if (piece.emergency.length === 0) continue;
    const patients = patientCandidates(observation, roles, piece.accounts);
    if (patients.length === 0) continue;
    const keyNumbers = piece.numbers.filter((n) => n.part === 'key');
    const number = piece.numbers.find((n) => n.field === 'episode' && !n.inList)?.value
      ?? (piece.isStorage && /episode/.test(norm(piece.name)) ? piece.entityId : null)
      ?? (piece.isStorage && /breakglass|episode/.test(norm(piece.name)) && keyNumbers.length === 1 ? keyNumbers[0].value : null);
    const episode = number !== null && number !== undefined ? `episode ${number}` : `the emergency at ${piece.label}`;
    if (!episodes.has(episode)) episodes.set(episode, new Map());
    const concerns = episodes.get(episode);
    for (const patient of patients) concerns.set(patient, [...(concerns.get(patient) ?? []), ...piece.emergency]);
  }
  return episodes;
}

/**
 * (d) Participants' names: every 32- or 16-byte string in a piece of data is compared with
 * the hashes of every name in `dictionary` (as-is, trimmed, lower- and upper-case, with the
 * hash functions a registry might use), and with salted hashes of the `salted` names whose
 * salt is another byte string of the same piece (a salt stored beside its commitment
 * protects nothing); texts are compared with the names themselves. A name found is the name
 * of the participants (accounts with a role) in that piece, less whoever signed it when it
 * names others (governance registering someone is not the one named); of its accounts if
 * none has a role; of an unknown account (null) if it has none. Returns
 * Map(account | null -> Map(name -> [where])).
 */
export function learnNames(observation, { dictionary, salted = [], roles = learnRoles(observation), all = pieces(observation) }) {
  const byHash = new Map();
  for (const name of dictionary) for (const hash of nameGuesses(name)) byHash.set(hash, name);
  const learned = new Map();
  const note = (piece, name, how) => {
    const withRoles = [...piece.accounts].filter((a) => roles.has(a));
    const participants = withRoles.length > 1 ? withRoles.filter((a) => a !== piece.signer) : withRoles;
    const named = participants.length ? participants : [...piece.accounts];
    for (const account of named.length ? named : [null]) {
      if (!learned.has(account)) learned.set(account, new Map());
      const names = learned.get(account);
      names.set(name, [...(names.get(name) ?? []), `${piece.label} (${how})`]);
    }
  };
  for (const piece of all) {
    const hashes = piece.blobs.filter((b) => b.length === 32 || b.length === 16);
    for (const blob of hashes) {
      const name = byHash.get(u8aToHex(blob));
      if (name) note(piece, name, 'an unsalted hash of the name');
    }
    const salts = piece.blobs.filter((b) => b.length >= 8 && b.length <= 64);
    if (salts.length > 1 && salted.length) {
      const wanted = new Set(hashes.map((b) => u8aToHex(b)));
      for (const salt of salts) {
        for (const name of salted) {
          if (saltedNameGuesses(name, salt).some((guess) => wanted.has(guess))) {
            note(piece, name, 'a hash of the name salted with bytes stored beside it');
          }
        }
      }
    }
    for (const text of piece.texts) {
      for (const name of dictionary) {
        if (name.length >= 6 && text.toLowerCase().includes(name.toLowerCase())) note(piece, name, `the text "${text.slice(0, 60)}"`);
      }
    }
  }
  return learned;
}

/**
 * Everything the observer learns, facet by facet; `dictionary` are the names it tries,
 * `salted` the (fewer) names it also tries with salts found beside a hash.
 */
export function learnAll(observation, { dictionary, salted }) {
  const roles = learnRoles(observation);
  const all = pieces(observation);
  const links = learnLinks(observation, roles, all);
  return {
    roles,
    pieces: all.length,
    links,
    classes: learnDataClasses(observation, all),
    providers: learnProviderPatients(observation, roles, all, links),
    episodes: learnBreakGlass(observation, roles, all),
    names: learnNames(observation, { dictionary, salted, roles, all }),
  };
}

/** An address, shortened for reading: `5GrwvaEF…utQY`. */
export const short = (address) => `${address.slice(0, 8)}…${address.slice(-4)}`;

/** An account (hex) as its SS58 address. */
export const ss58 = (hex) => encodeAddress(hex, 42);
