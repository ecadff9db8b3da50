// The access-grants contract on a live node: a hospital registers a record, the patient
// grants a researcher access, and every access asks the consent pallet through the chain
// extension at that moment: revoking the pallet consent stops access at once. A refused
// access is a real transaction that leaves an AccessRefused event in the patient's trail
// and uses nothing. The contract is upgraded in place to the layout-version-2 fixture
// (ACCESS_GRANTS_V2: the same crate built with the `upgrade-fixture` feature), and every
// record, grant and request reads back unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import { ContractPromise } from '@polkadot/api-contract';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, connect, sendAndWait, chainNow, DAY_MS } from './lib/node.js';
import { deployBundle, eventOf, query, execute, topicOf } from './lib/contracts.js';
import { fileTimeout } from './lib/deadline.js';
import { tagSecret, dataTag } from './lib/keys.js';

// One time limit for the file (about 3× its run on a shared machine, and at least a minute):
// a hung step fails it instead of stalling the run.
const limit = fileTimeout(60_000);

let node;
let api;
let admin; // Alice: the dev chain's sudo and regulator
let patient; // Eve//stash: no role
let hospital; // Bob
let researcher; // Bob//stash

const locator = `0x${'ab'.repeat(32)}`;
// The patient's Genomics tag: the class blinded with her tag secret, which the hospital holds
// (set once sr25519 is ready).
let GENOMICS;
const genomicsForResearch = (actions) => [{
  kind: 'Permit',
  rule: { purposes: ['HRESCH'], dataTags: [GENOMICS], actions, dataPeriod: null },
  exceptions: [],
}];

/** The patient consents in the pallet: researchers may take `actions` on her genomics. */
async function consent(actions) {
  const granted = await sendAndWait(api,
    api.tx.consent.grantConsent(patient.address, { Role: 'Researcher' }, genomicsForResearch(actions), null, { AfterDays: 30 }, null),
    patient);
  return eventOf(granted.events, api.events.consent.ConsentGranted).data.consent.toNumber();
}

before(async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  admin = keyring.addFromUri('//Alice');
  patient = keyring.addFromUri('//Eve//stash');
  GENOMICS = dataTag(tagSecret('//Eve//stash'), 'Genomics');
  hospital = keyring.addFromUri('//Bob');
  researcher = keyring.addFromUri('//Bob//stash');
  node = await startNode(['--dev'], { name: 'grants' });
  api = await connect(node.url);
}, limit);

after(async () => {
  await api?.disconnect();
  await node?.stop();
}, limit);

/** The signature topic of an ink! 5 event, from its signature as the contract spells it. */
const signatureTopic = (signature) => blake2AsHex(signature);
const ACCESS_REFUSED = 'AccessRefused(AccountId,AccountId,GrantId,RecordId,Refusal)';

test('access needs a live grant and the consent pallet, asked at every access; a refusal is evented and uses nothing', limit, async () => {
  const { contract } = await deployBundle(api, process.env.ACCESS_GRANTS, hospital, admin.address);
  const dryRun = (who, message, ...args) => query(contract, who, message, ...args);
  const call = async (who, message, ...args) => (await execute(contract, who, message, ...args)).answer;
  const usesOf = async (grant) => (await dryRun(patient, 'grantOf', grant)).uses;

  // The metadata polkadot.js decodes with names AccessRefused by the same signature topic.
  const refusedSpec = contract.abi.events.find((e) => e.identifier.endsWith('AccessRefused'));
  assert.equal(refusedSpec.signatureTopic, signatureTopic(ACCESS_REFUSED));

  /**
   * `who` accesses for real and is refused for `reason`: the extrinsic succeeds, its one
   * contract event is AccessRefused, found by its signature topic and filed under the
   * patient's and the accessor's topics, with every field; no use is counted.
   */
  const refusedForReal = async (who, grant, record, purpose, reason) => {
    const before = await usesOf(grant);
    const { answer, events, emitted } = await execute(contract, who, 'access', grant, record, purpose);
    assert.deepEqual(answer, { ok: { refused: reason } });
    const emittedRecords = events.filter(({ event }) => api.events.contracts.ContractEmitted.is(event));
    assert.equal(emittedRecords.length, 1, 'one contract event');
    assert.deepEqual(emittedRecords[0].topics.map((t) => t.toHex()),
      [signatureTopic(ACCESS_REFUSED), topicOf(api, patient.address), topicOf(api, who.address)]);
    assert.equal(emitted.length, 1);
    const { name, topics, ...fields } = emitted[0];
    assert.equal(name, 'AccessRefused');
    assert.deepEqual(fields, { patient: patient.address, accessor: who.address, grant, record, reason });
    assert.equal(await usesOf(grant), before, 'a refused access uses nothing');
  };

  // Only providers register records.
  assert.deepEqual(await dryRun(patient, 'registerRecord', patient.address, GENOMICS, locator),
    { err: 'NotAProvider' });
  const record = (await call(hospital, 'registerRecord', patient.address, GENOMICS, locator)).ok;

  // The patient grants the researcher two uses for research, for a week.
  const now = await chainNow(api);
  const terms = { expiresAt: now + 7 * DAY_MS, maxUses: 2, reshareDepth: 0, envelope: '0x0102' };
  const grant = (await call(patient, 'grant', researcher.address, [record], 'HRESCH', terms)).ok;

  // No consent in the pallet yet: refused for real, in the patient's trail, nothing used.
  await refusedForReal(researcher, grant, record, 'HRESCH', 'NoConsent');
  // Another purpose, and someone who is not the grantee: refused the same way.
  await refusedForReal(researcher, grant, record, 'TREAT', 'WrongPurpose');
  await refusedForReal(hospital, grant, record, 'HRESCH', 'NotTheGrantee');

  // The patient consents in the pallet: researchers may use genomics for research.
  const consentId = await consent([]);
  const { answer: accessed, emitted } = await execute(contract, researcher, 'access', grant, record, 'HRESCH');
  assert.deepEqual(accessed, { ok: { granted: { locator, envelope: '0x0102' } } });
  assert.deepEqual(emitted.map(({ name }) => name), ['Accessed']);
  assert.equal(await usesOf(grant), 1);

  // Revoking the pallet consent stops access at once: the contract asks, it does not cache.
  await sendAndWait(api, api.tx.consent.revokeConsent(consentId), patient);
  await refusedForReal(researcher, grant, record, 'HRESCH', 'NoConsent');
});

test('an upgrade to the layout-version-2 code keeps every record, grant and request', limit, async () => {
  assert.ok(process.env.ACCESS_GRANTS_V2, 'ACCESS_GRANTS_V2 names the upgrade fixture bundle (scripts/test.sh sets it)');
  const { contract: v1 } = await deployBundle(api, process.env.ACCESS_GRANTS, hospital, admin.address);
  const call = async (contract, who, message, ...args) => (await execute(contract, who, message, ...args)).answer;
  const ferdie = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Ferdie');

  // Version 1 in use: two records, grants live, re-shared, revoked, one request open.
  await consent(['Access', 'Disclose']);
  const records = [];
  for (const hash of ['ab', 'cd']) {
    records.push((await call(v1, hospital, 'registerRecord', patient.address, GENOMICS, `0x${hash.repeat(32)}`)).ok);
  }
  const now = await chainNow(api);
  const terms = (maxUses, reshareDepth, envelope = null) => ({ expiresAt: now + 7 * DAY_MS, maxUses, reshareDepth, envelope });
  const live = (await call(v1, patient, 'grant', researcher.address, records, 'HRESCH', terms(5, 1, '0x0102'))).ok;
  const child = (await call(v1, researcher, 'reshare', live, hospital.address, [records[0]], terms(2, 0))).ok;
  const revoked = (await call(v1, patient, 'grant', hospital.address, [records[1]], 'HRESCH', terms(1, 0))).ok;
  await call(v1, patient, 'revoke', revoked);
  assert.deepEqual((await call(v1, researcher, 'access', live, records[0], 'HRESCH')).ok.granted.envelope, '0x0102');
  const request = (await call(v1, hospital, 'requestAccess', records[1], 'TREAT')).ok;

  const readAll = async (contract) => ({
    records: await Promise.all(records.map((r) => query(contract, patient, 'record', r))),
    grants: await Promise.all([live, child, revoked].map((g) => query(contract, patient, 'grantOf', g))),
    request: await query(contract, patient, 'request', request),
  });
  const before = await readAll(v1);
  assert.equal(before.grants[0].uses, 3, 'one access and two uses handed on');
  assert.deepEqual(before.grants[0].children, [child]);
  assert.deepEqual(await query(v1, patient, 'administration'), [admin.address, null, 1]);

  // The admin hands over in two steps: propose, then the proposed account accepts.
  assert.deepEqual(await query(v1, hospital, 'proposeAdmin', hospital.address), { err: 'NotTheAdmin' });
  await call(v1, admin, 'proposeAdmin', ferdie.address);
  assert.deepEqual(await query(v1, hospital, 'acceptAdmin'), { err: 'NotProposed' });
  assert.deepEqual(await query(v1, patient, 'administration'), [admin.address, ferdie.address, 1]);
  await call(v1, ferdie, 'acceptAdmin');
  assert.deepEqual(await query(v1, patient, 'administration'), [ferdie.address, null, 1]);

  // The version-2 code is uploaded; only the admin may switch the contract to it.
  const v2Bundle = JSON.parse(readFileSync(process.env.ACCESS_GRANTS_V2, 'utf8'));
  const uploaded = await sendAndWait(api, api.tx.contracts.uploadCode(v2Bundle.source.wasm, null, 'Enforced'), ferdie);
  const codeHash = eventOf(uploaded.events, api.events.contracts.CodeStored).data.codeHash.toHex();
  assert.equal(codeHash, v2Bundle.source.hash);
  assert.notEqual(codeHash, JSON.parse(readFileSync(process.env.ACCESS_GRANTS, 'utf8')).source.hash);
  for (const stranger of [admin, patient]) {
    assert.deepEqual(await query(v1, stranger, 'setCode', codeHash), { err: 'NotTheAdmin' });
  }
  assert.deepEqual(await query(v1, ferdie, 'setCode', `0x${'00'.repeat(32)}`), { err: 'UnknownCode' });
  const { events } = await execute(v1, ferdie, 'setCode', codeHash);
  const updated = eventOf(events, api.events.contracts.ContractCodeUpdated);
  assert.equal(updated.data.contract.toString(), v1.address.toString());
  assert.equal(updated.data.newCodeHash.toHex(), codeHash);
  const info = (await api.query.contracts.contractInfoOf(v1.address)).unwrap();
  assert.equal(info.codeHash.toHex(), codeHash);

  // The same account, now run by the new code: the data is the old layout's until migrated.
  const v2 = new ContractPromise(api, v2Bundle, v1.address);
  assert.deepEqual(await readAll(v2), before, 'everything reads back unchanged before the migration');
  assert.deepEqual(await query(v2, patient, 'administration'), [ferdie.address, null, 1]);
  assert.equal(await query(v2, patient, 'policy'), null, 'the new field is not there yet');

  // Only the admin migrates, only to the version the code knows; again changes nothing.
  assert.deepEqual(await query(v2, admin, 'migrate', 2), { err: 'NotTheAdmin' });
  assert.deepEqual(await query(v2, ferdie, 'migrate', 3), { err: 'UnknownVersion' });
  await call(v2, ferdie, 'migrate', 2);
  assert.deepEqual(await query(v2, patient, 'administration'), [ferdie.address, null, 2]);
  assert.equal(await query(v2, patient, 'policy'), `0x${'00'.repeat(32)}`);
  const policy = blake2AsHex('access policy v2');
  assert.deepEqual(await query(v2, hospital, 'setPolicy', policy), { err: 'NotTheAdmin' });
  await call(v2, ferdie, 'setPolicy', policy);
  await call(v2, ferdie, 'migrate', 2);
  assert.equal(await query(v2, patient, 'policy'), policy, 'a second migration kept the new field');
  assert.deepEqual(await query(v2, ferdie, 'migrate', 1), { err: 'UnknownVersion' }, 'no way back');

  // Everything reads back unchanged, and works as before under the new code.
  assert.deepEqual(await readAll(v2), before);
  const again = await call(v2, researcher, 'access', live, records[1], 'HRESCH');
  assert.deepEqual(again, { ok: { granted: { locator: `0x${'cd'.repeat(32)}`, envelope: '0x0102' } } });
  assert.equal((await query(v2, patient, 'grantOf', live)).uses, 4);
  assert.deepEqual(await query(v2, hospital, 'access', revoked, records[1], 'HRESCH'), { ok: { refused: 'Revoked' } });
  const approved = await call(v2, patient, 'approveRequest', request, terms(1, 0));
  assert.ok(Number.isInteger(approved.ok), `the open request is approved: ${JSON.stringify(approved)}`);
  assert.equal(await query(v2, patient, 'request', request), null, 'a settled request is removed');
});
