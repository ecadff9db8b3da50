// The access-grants contract on a live node: a hospital registers a record, the patient
// grants a researcher access, and every access asks the consent pallet through the chain
// extension at that moment: revoking the pallet consent stops access at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, connect, sendAndWait, chainNow, DAY_MS } from './lib/node.js';
import { deployBundle, eventOf, query, execute } from './lib/contracts.js';
import { fileTimeout } from './lib/deadline.js';

// One time limit for the file (about 3× its 11 s run on a shared machine, and at least a minute):
// a hung step fails it instead of stalling the run.
const limit = fileTimeout(60_000);


let node;
let api;
let patient; // Eve//stash: no role
let hospital; // Bob
let researcher; // Bob//stash

before(async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  patient = keyring.addFromUri('//Eve//stash');
  hospital = keyring.addFromUri('//Bob');
  researcher = keyring.addFromUri('//Bob//stash');
  node = await startNode(['--dev'], { name: 'grants' });
  api = await connect(node.url);
}, limit);

after(async () => {
  await api?.disconnect();
  await node?.stop();
}, limit);


test('access needs a live grant and the consent pallet, asked at every access', limit, async () => {
  const { contract } = await deployBundle(api, process.env.ACCESS_GRANTS, hospital);
  const dryRun = (who, message, ...args) => query(contract, who, message, ...args);
  const call = async (who, message, ...args) => (await execute(contract, who, message, ...args)).answer;

  // Only providers register records.
  const locator = `0x${'ab'.repeat(32)}`;
  assert.deepEqual(await dryRun(patient, 'registerRecord', patient.address, 'Genomics', locator),
    { err: 'NotAProvider' });
  const record = (await call(hospital, 'registerRecord', patient.address, 'Genomics', locator)).ok;

  // The patient grants the researcher two uses for research, for a week.
  const now = await chainNow(api);
  const terms = { expiresAt: now + 7 * DAY_MS, maxUses: 2, reshareDepth: 0, envelope: '0x0102' };
  const grant = (await call(patient, 'grant', researcher.address, [record], 'HRESCH', terms)).ok;

  // No consent in the pallet yet: refused, and the refusal is evented.
  assert.deepEqual(await dryRun(researcher, 'access', grant, record, 'HRESCH'),
    { ok: { refused: { consentDenied: { noConsent: null } } } });

  // The patient consents in the pallet: researchers may use genomics for research.
  const provisions = [{ kind: 'Permit', rule: { purposes: ['HRESCH'], dataClasses: ['Genomics'], actions: [], dataPeriod: null }, exceptions: [] }];
  const granted = await sendAndWait(api,
    api.tx.consent.grantConsent(patient.address, { Role: 'Researcher' }, provisions, null, { AfterDays: 30 }, null), patient);
  const consent = eventOf(granted.events, api.events.consent.ConsentGranted).data.consent.toNumber();
  const { answer: accessed, emitted } = await execute(contract, researcher, 'access', grant, record, 'HRESCH');
  assert.deepEqual(accessed, { ok: { granted: { locator, envelope: '0x0102' } } });
  assert.deepEqual(emitted.map(({ name }) => name), ['Accessed']);
  assert.equal((await dryRun(researcher, 'grantOf', grant)).uses, 1);

  // Revoking the pallet consent stops access at once: the contract asks, it does not cache.
  await sendAndWait(api, api.tx.consent.revokeConsent(consent), patient);
  assert.deepEqual(await dryRun(researcher, 'access', grant, record, 'HRESCH'),
    { ok: { refused: { consentDenied: { noConsent: null } } } });
});
