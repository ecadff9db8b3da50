// The dev chain end to end: a real medchain-node --dev, reached through @polkadot/api with
// no custom types; balances move, blocks are sealed on demand and finalised, and an ink! 5
// contract built by cargo-contract deploys and runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import { CodePromise, ContractPromise } from '@polkadot/api-contract';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, connect, sendAndWait, waitFor } from './lib/node.js';
import { fileTimeout } from './lib/deadline.js';

// One time limit for the file (about 3× its 14 s run on a shared machine, and at least a minute):
// a hung step fails it instead of stalling the run.
const limit = fileTimeout(60_000);

const FIXTURE = process.env.FIXTURE_COUNTER;
const UNIT = 10n ** 12n;

let node;
let api;
let alice;
let keyring;

before(async () => {
  await cryptoWaitReady();
  keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  alice = keyring.addFromUri('//Alice');
  node = await startNode(['--dev'], { name: 'dev' });
  api = await connect(node.url);
}, limit);

after(async () => {
  await api?.disconnect();
  await node?.stop();
}, limit);

const bestNumber = async () => (await api.rpc.chain.getHeader()).number.toNumber();
const finalizedNumber = async () =>
  (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();

test('the dev chain is MedChain and polkadot.js needs no custom types', limit, async () => {
  assert.equal(api.runtimeVersion.specName.toString(), 'medchain');
  const properties = await api.rpc.system.properties();
  assert.equal(properties.tokenSymbol.unwrap()[0].toString(), 'MED');
  assert.equal(properties.tokenDecimals.unwrap()[0].toNumber(), 12);
  assert.equal((await api.rpc.system.chain()).toString(), 'MedChain Development');
  const pallets = api.runtimeMetadata.asLatest.pallets.map((p) => p.name.toString());
  for (const pallet of ['System', 'Timestamp', 'Aura', 'Grandpa', 'Balances', 'TransactionPayment',
    'Sudo', 'Utility', 'Proxy', 'Multisig', 'RandomnessCollectiveFlip', 'Contracts', 'Participants',
    'Consent', 'DrugTracking']) {
    assert.ok(pallets.includes(pallet), `pallet ${pallet} is in the metadata (${pallets})`);
  }
  assert.ok(api.call.contractsApi?.call, 'ContractsApi is exposed as a runtime API');
  // Our own runtime APIs come from the metadata (v15), so polkadot.js needs no definitions.
  const apis = api.runtimeMetadata.asLatest.apis.map((a) => a.name.toString());
  for (const name of ['ConsentApi', 'DrugTrackingApi']) {
    assert.ok(apis.includes(name), `${name} is described in the metadata (${apis})`);
  }
  assert.ok(api.call.consentApi?.checkAccess, 'ConsentApi.check_access is callable');
  // Version 2 of both: listings that grow with the chain come a page at a time, and the
  // metadata describes the paged methods (a cursor and a limit) for polkadot.js. ConsentApi
  // is at 3: check_access takes a data tag, not a class, and an optional emergency handle.
  for (const [name, expected] of [['ConsentApi', 3], ['DrugTrackingApi', 2]]) {
    const version = api.runtimeVersion.apis.find(([id]) => id.eq(blake2AsHex(name, 64)))?.[1].toNumber();
    assert.equal(version, expected, `${name} is at version ${expected}`);
  }
  assert.deepEqual(api.call.consentApi.checkAccess.meta.params.map((p) => p.name.toString()),
    ['patient', 'accessor', 'purpose', 'data_tag', 'action', 'record_date', 'at', 'emergency']);
  assert.deepEqual(api.call.consentApi.consentsFor.meta.params.map((p) => p.name.toString()), ['accessor', 'cursor', 'limit']);
  assert.deepEqual(api.call.drugTrackingApi.batchHolders.meta.params.map((p) => p.name.toString()), ['batch', 'after', 'limit']);
  assert.equal((await api.query.sudo.key()).unwrap().toString(), alice.address);
});

test('instant seal: a block per transaction, none while idle, finalised after the delay', limit, async () => {
  const before = await bestNumber();
  await new Promise((r) => setTimeout(r, 2_000));
  assert.equal(await bestNumber(), before, 'no block is sealed without a transaction');

  const dest = keyring.addFromUri(`//MedChainE2E//transfer//${Date.now()}`);
  const amount = 12n * UNIT + 345n;
  const { blockHash, events } = await sendAndWait(
    api,
    api.tx.balances.transferKeepAlive(dest.address, amount),
    alice,
  );
  const header = await api.rpc.chain.getHeader(blockHash);
  assert.equal(header.number.toNumber(), before + 1, 'the transfer was sealed in the next block');

  const transfer = events.find(({ event }) => api.events.balances.Transfer.is(event));
  assert.ok(transfer, 'a Balances.Transfer event was emitted');
  const [from, to, value] = transfer.event.data;
  assert.equal(from.toString(), alice.address);
  assert.equal(to.toString(), dest.address);
  assert.equal(value.toBigInt(), amount);

  const account = await api.query.system.account(dest.address);
  assert.equal(account.data.free.toBigInt(), amount);

  await waitFor('the transfer block to be finalised', async () => (await finalizedNumber()) >= before + 1, 30_000);
});

test('an ink! 5 contract built by cargo-contract deploys, runs and refuses bad input', limit, async () => {
  assert.ok(FIXTURE, 'FIXTURE_COUNTER must name the fixture .contract bundle');
  const bundle = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  assert.equal(bundle.source.language.split(' ')[0], 'ink!');
  // A generous limit; unused gas is refunded.
  const gasLimit = api.registry.createType('WeightV2', { refTime: 50_000_000_000n, proofSize: 5_000_000n });
  const options = { gasLimit, storageDepositLimit: null };

  // Upload and instantiate in one extrinsic.
  const code = new CodePromise(api, bundle, bundle.source.wasm);
  const instantiated = await sendAndWait(api, code.tx.new(options, 7), alice);
  const record = instantiated.events.find(({ event }) => api.events.contracts.Instantiated.is(event));
  assert.ok(record, 'Contracts.Instantiated was emitted');
  const address = record.event.data.contract.toString();
  const contract = new ContractPromise(api, bundle, address);

  const query = async (message, ...args) => {
    const { result, output } = await contract.query[message](alice.address, options, ...args);
    assert.ok(result.isOk, `${message} ran: ${result.toString()}`);
    assert.ok(output.isOk, `${message} returned no LangError`);
    // With metadata v15 the runtime describes the result itself: the flags are pallet-contracts'
    // ReturnFlags bitfield, whose bit 0 is REVERT.
    const reverted = (result.asOk.flags.bits.toNumber() & 1) === 1;
    return { value: output.asOk, reverted };
  };

  assert.equal((await query('get')).value.toNumber(), 7);

  // A state change, with its event decoded from the contract's metadata.
  const incremented = await sendAndWait(api, contract.tx.increment(options, 5), alice);
  const emitted = incremented.events.filter(({ event }) => api.events.contracts.ContractEmitted.is(event));
  assert.equal(emitted.length, 1, 'the contract emitted one event');
  const decoded = contract.abi.decodeEvent(emitted[0]);
  assert.equal(decoded.event.identifier.split('::').pop(), 'Incremented');
  assert.equal(decoded.args[1].toNumber(), 12);
  assert.equal((await query('get')).value.toNumber(), 12);

  // Overflow: the message answers Err(Overflow) and reverts; sending it changes nothing.
  const refused = await query('increment', 4294967295);
  assert.ok(refused.reverted, 'the refused call reverted');
  assert.ok(!(await query('get')).reverted, 'a successful call does not revert');
  assert.ok(refused.value.isErr && refused.value.asErr.isOverflow, `expected Err(Overflow), got ${refused.value.toString()}`);
  await assert.rejects(
    sendAndWait(api, contract.tx.increment(options, 4294967295), alice),
    /contracts\.ContractReverted/,
  );
  assert.equal((await query('get')).value.toNumber(), 12);

  // The runtime's chain extension answers (a trap would mean it is not installed).
  assert.equal((await query('extensionStatus')).value.toNumber(), 1, 'Status::UnknownFunction');
});

test('participants: polkadot.js reads the dev registry, and only governance changes it', limit, async () => {
  const bob = keyring.addFromUri('//Bob');
  const record = (await api.query.participants.participants(bob.address)).unwrap();
  assert.deepEqual(record.roles.toJSON(), ['Hospital', 'Clinician']);
  assert.equal(record.gln.unwrap().toNumber(), 4006381000017);
  assert.ok(record.status.isActive);

  const newcomer = keyring.addFromUri(`//MedChainE2E//participant//${Date.now()}`);
  const nameHash = `0x${'11'.repeat(32)}`;
  const register = (gln) => api.tx.participants.register(newcomer.address, ['Carrier'], gln, nameHash);

  // A signed account is not governance.
  await assert.rejects(sendAndWait(api, register(null), alice), /BadOrigin/);

  // Through sudo (Root), with a bad GLN: the inner call fails with a named error.
  const refused = await sendAndWait(api, api.tx.sudo.sudo(register(4006381000018)), alice);
  const sudid = refused.events.find(({ event }) => api.events.sudo.Sudid.is(event)).event.data[0];
  assert.ok(sudid.isErr);
  assert.equal(api.registry.findMetaError(sudid.asErr.asModule).name, 'InvalidGln');
  assert.ok((await api.query.participants.participants(newcomer.address)).isNone);

  // Through sudo with a valid GLN: registered, evented, readable.
  const { events } = await sendAndWait(api, api.tx.sudo.sudo(register(4006381000017)), alice);
  const registered = events.find(({ event }) => api.events.participants.Registered.is(event));
  assert.ok(registered, 'Participants.Registered was emitted');
  assert.equal(registered.event.data.who.toString(), newcomer.address);
  const stored = (await api.query.participants.participants(newcomer.address)).unwrap();
  assert.deepEqual(stored.roles.toJSON(), ['Carrier']);
});
