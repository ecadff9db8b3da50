// `--chain local`: three validators (Alice, Bob, Charlie) on loopback, one binary, Aura
// authoring and GRANDPA finality.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_BINARY, startNode, connect, waitFor } from './lib/node.js';

const nodes = [];
const apis = [];
const keyDir = mkdtempSync(join(tmpdir(), 'medchain-keys-'));

after(async () => {
  await Promise.all(apis.map((api) => api.disconnect()));
  await Promise.all(nodes.map((node) => node.stop()));
  rmSync(keyDir, { recursive: true, force: true });
});

/** A node key file and the peer id our own binary derives from it. */
function nodeKey(name, byte) {
  const file = join(keyDir, name);
  writeFileSync(file, byte.toString(16).padStart(64, '0'));
  const peerId = execFileSync(NODE_BINARY, ['key', 'inspect-node-key', '--file', file]).toString().trim();
  return { file, peerId };
}

test('three local validators author and finalise blocks', async () => {
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
