// `--chain local`: three validators (Alice, Bob, Charlie) on loopback, one binary, Aura
// authoring and GRANDPA finality; no sudo, and the council (the same three) governs the
// participant registry by motions.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { NODE_BINARY, startNode, connect, waitFor, sendAndWait } from './lib/node.js';
import { deployBundle, eventOf } from './lib/contracts.js';
import { fileTimeout } from './lib/deadline.js';

// One time limit for the file (about 3× its two-minute run: three validators, a council): a hung
// step fails it instead of stalling the run.
const limit = fileTimeout(360_000);

const nodes = [];
const apis = [];
const keyDir = mkdtempSync(join(tmpdir(), 'medchain-keys-'));

after(async () => {
  await Promise.all(apis.map((api) => api.disconnect()));
  await Promise.all(nodes.map((node) => node.stop()));
  rmSync(keyDir, { recursive: true, force: true });
}, limit);

/** A node key file and the peer id our own binary derives from it. */
function nodeKey(name, byte) {
  const file = join(keyDir, name);
  writeFileSync(file, byte.toString(16).padStart(64, '0'));
  const peerId = execFileSync(NODE_BINARY, ['key', 'inspect-node-key', '--file', file]).toString().trim();
  return { file, peerId };
}

test('three local validators author and finalise blocks', limit, async () => {
  const validators = ['alice', 'bob', 'charlie'].map((name, i) => ({ name, ...nodeKey(name, i + 1) }));
  const [first] = validators;
  const firstNode = await startNode(
    ['--chain', 'local', `--${first.name}`, '--node-key-file', first.file],
    { name: first.name },
  );
  nodes.push(firstNode);
  const bootnode = `/ip4/127.0.0.1/tcp/${firstNode.p2pPort}/p2p/${first.peerId}`;
  for (const v of validators.slice(1)) {
    nodes.push(await startNode(
      ['--chain', 'local', `--${v.name}`, '--node-key-file', v.file, '--bootnodes', bootnode],
      { name: v.name },
    ));
  }
  for (const node of nodes) apis.push(await connect(node.url));

  assert.equal((await apis[0].rpc.system.chain()).toString(), 'MedChain Local Testnet');
  const authorities = await apis[0].query.aura.authorities();
  assert.equal(authorities.length, 3);

  const finalized = async (api) =>
    (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  // Six-second slots: block 3 is finalised within a minute once the peers are connected.
  for (const [i, api] of apis.entries()) {
    await waitFor(`${validators[i].name} to finalise block 3 (log: ${nodes[i].logPath})`,
      async () => (await finalized(api)) >= 3, 150_000, 1_000);
  }

  // All three agree on the finalised chain.
  const hashes = await Promise.all(apis.map(async (api) => (await api.rpc.chain.getBlockHash(3)).toHex()));
  assert.equal(new Set(hashes).size, 1, `finalised block 3 differs: ${hashes}`);
  // GRANDPA finalises only with votes from two of the three validators, so a finalised
  // block 3 on every node means the network, not one node alone, is working.
});

/**
 * Propose `call` to the council as `proposer` with a threshold of two, vote aye as `proposer`
 * and `voter`, and close it as `closer`; returns the motion's `Executed` event.
 */
async function passMotion(api, call, [proposer, voter, closer]) {
  const length = call.method.encodedLength;
  const { events } = await sendAndWait(api, api.tx.council.propose(2, call, length), proposer);
  const proposed = eventOf(events, api.events.council.Proposed);
  assert.ok(proposed, 'Council.Proposed was emitted');
  const { proposalHash, proposalIndex } = proposed.data;
  // Proposing casts no vote: the proposer and one more member vote aye.
  await Promise.all([proposer, voter].map((member) =>
    sendAndWait(api, api.tx.council.vote(proposalHash, proposalIndex, true), member)));
  const weight = { refTime: 10_000_000_000n, proofSize: 1_000_000n };
  const closed = await sendAndWait(api, api.tx.council.close(proposalHash, proposalIndex, weight, length), closer);
  const executed = eventOf(closed.events, api.events.council.Executed);
  assert.ok(executed, 'Council.Executed was emitted when two of three voted aye');
  return executed;
}

/** The module error a motion's execution ended with, as `section.Name`, or 'Ok'. */
function outcome(api, executed) {
  const result = executed.data.result;
  if (result.isOk) return 'Ok';
  const error = result.asErr;
  if (!error.isModule) return error.type;
  const { section, name } = api.registry.findMetaError(error.asModule);
  return `${section}.${name}`;
}

test('the council, not a sudo key, governs participants on the local network', limit, async (t) => {
  assert.ok(apis.length === 3, 'the network test started the validators');
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519' });
  const [alice, bob, charlie] = ['//Alice', '//Bob', '//Charlie'].map((uri) => keyring.addFromUri(uri));
  const newcomer = keyring.addFromUri('//Newcomer').address;
  const api = apis[0];
  const participant = async (who) => (await api.query.participants.participants(who));
  const register = (who, roles) => api.tx.participants.register(who, roles, null, `0x${'00'.repeat(32)}`);

  await t.test('no one has sudo', async () => {
    assert.ok((await api.query.sudo.key()).isNone);
    await assert.rejects(sendAndWait(api, api.tx.sudo.sudo(register(newcomer, ['Researcher'])), alice),
      /sudo\.RequireSudo/);
    await assert.rejects(sendAndWait(api, register(newcomer, ['Researcher']), alice), /BadOrigin/);
    assert.deepEqual((await api.query.councilMembership.members()).map(String).sort(),
      [alice.address, bob.address, charlie.address].sort());
  });

  await t.test('one member alone registers no one', async () => {
    const call = register(newcomer, ['Researcher']);
    const { events } = await sendAndWait(api, api.tx.council.propose(1, call, call.method.encodedLength), alice);
    const executed = eventOf(events, api.events.council.Executed);
    assert.ok(executed, 'a threshold-1 motion executes at once');
    assert.equal(outcome(api, executed), 'BadOrigin');
    assert.ok((await participant(newcomer)).isNone);
  });

  await t.test('two of three grant HoldAuthority to a contract, and never to a plain account', async () => {
    const { contract } = await deployBundle(api, process.env.FIXTURE_COUNTER, alice, 0);
    const address = contract.address.toString();
    const granted = await passMotion(api, register(address, ['HoldAuthority']), [alice, bob, charlie]);
    assert.equal(outcome(api, granted), 'Ok');
    assert.deepEqual((await participant(address)).unwrap().roles.toJSON(), ['HoldAuthority']);

    const refused = await passMotion(api, register(newcomer, ['HoldAuthority']), [bob, charlie, alice]);
    assert.equal(outcome(api, refused), 'participants.HoldAuthorityNotAContract');
    assert.ok((await participant(newcomer)).isNone);

    const ended = await passMotion(api, api.tx.utility.batchAll([
      api.tx.participants.suspend(address),
      api.tx.participants.remove(address),
    ]), [charlie, alice, bob]);
    assert.equal(outcome(api, ended), 'Ok');
    assert.ok((await participant(address)).isNone, 'suspended, then removed, by motion');
  });
});
