// The consent registry end to end, as a patient uses it from polkadot.js: plain JSON
// arguments, no custom types, answers read from storage and from the ConsentApi runtime API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, connect, sendAndWait, DAY_MS } from './lib/node.js';
import { deployBundle, eventOf } from './lib/contracts.js';


let node;
let api;
let keyring;
let patient; // DaveStash: a dev account with no role
let bob; // Hospital and Clinician
let researcher; // BobStash

before(async () => {
  await cryptoWaitReady();
  keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  patient = keyring.addFromUri('//Dave//stash');
  bob = keyring.addFromUri('//Bob');
  researcher = keyring.addFromUri('//Bob//stash');
  node = await startNode(['--dev'], { name: 'consent' });
  api = await connect(node.url);
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
});

const treatOnObservation = [{
  kind: 'Permit',
  rule: { purposes: ['TREAT'], dataClasses: ['Observation'], actions: [], dataPeriod: null },
  exceptions: [],
}];

const checkAccess = async (accessor, purpose = 'TREAT', dataClass = 'Observation', action = 'Access') =>
  (await api.call.consentApi.checkAccess(patient.address, accessor, purpose, dataClass, action, null, null)).toJSON();


test('a patient grants a hospital TREAT on Observation for 30 days, sees it, and revokes it', async () => {
  assert.deepEqual(await checkAccess(bob.address), { deny: { noConsent: null } });

  const { events } = await sendAndWait(
    api,
    api.tx.consent.grantConsent(patient.address, { Participant: bob.address }, treatOnObservation, null,
      { AfterDays: 30 }, null),
    patient,
  );
  const granted = eventOf(events, api.events.consent.ConsentGranted);
  assert.ok(granted, 'Consent.ConsentGranted was emitted');
  const id = granted.data.consent.toNumber();
  assert.equal(granted.data.patient.toString(), patient.address);
  assert.equal(granted.data.receipt.toHex().length, 66, 'the receipt is a 32-byte hash');

  // The patient sees it: in storage, in the index, and through the runtime API.
  const stored = (await api.query.consent.consents(id)).unwrap();
  assert.equal(stored.grantee.asParticipant.toString(), bob.address);
  assert.equal(stored.period.end.unwrap().toNumber() - stored.period.start.toNumber(), 30 * DAY_MS);
  assert.ok(stored.deposit.toBigInt() > 0n);
  assert.deepEqual((await api.query.consent.patientConsents(patient.address)).toJSON(), [id]);
  const ofPatient = (await api.call.consentApi.consentsOf(patient.address)).toJSON();
  assert.deepEqual(ofPatient, [[id, 'Active']]);
  const forBob = (await api.call.consentApi.consentsFor(bob.address)).toJSON();
  assert.ok(forBob.some(([c, status]) => c === id && status === 'Active'), `Bob may see ${id}: ${forBob}`);
  const reserved = (await api.query.system.account(patient.address)).data.reserved.toBigInt();
  assert.equal(reserved, stored.deposit.toBigInt(), 'the deposit is held from the patient');

  assert.deepEqual(await checkAccess(bob.address), { permit: { consent: id } });
  assert.deepEqual(await checkAccess(bob.address, 'HMARKT'), { deny: { noConsent: null } });
  assert.deepEqual(await checkAccess(researcher.address), { deny: { noConsent: null } });

  const revoked = await sendAndWait(api, api.tx.consent.revokeConsent(id), patient);
  assert.ok(eventOf(revoked.events, api.events.consent.ConsentRevoked));
  assert.deepEqual(await checkAccess(bob.address), { deny: { noConsent: null } });
  assert.deepEqual((await api.call.consentApi.consentsOf(patient.address)).toJSON(), [[id, 'Revoked']]);

  // Purged by anyone: the deposit comes back to the patient.
  await sendAndWait(api, api.tx.consent.purgeConsent(id), researcher);
  assert.ok((await api.query.consent.consents(id)).isNone);
  assert.equal((await api.query.system.account(patient.address)).data.reserved.toBigInt(), 0n);
});

test('bad input gets a named error and changes nothing', async () => {
  const next = (await api.query.consent.nextConsentId()).toNumber();
  await assert.rejects(
    sendAndWait(api, api.tx.consent.grantConsent(patient.address, { Participant: bob.address },
      treatOnObservation, null, { At: 1_000 }, null), patient),
    /consent\.AlreadyExpired/,
  );
  await assert.rejects(
    sendAndWait(api, api.tx.consent.grantConsent(patient.address, { Participant: bob.address },
      treatOnObservation, null, 'Never', null), bob),
    /consent\.NotPatientOrGuardian/,
  );
  assert.equal((await api.query.consent.nextConsentId()).toNumber(), next);
});

test('a researcher requests consent and the patient approves it', async () => {
  const { events } = await sendAndWait(
    api,
    api.tx.consent.requestConsent(patient.address, [{
      kind: 'Permit',
      rule: { purposes: ['HRESCH'], dataClasses: ['Genomics'], actions: ['Use'], dataPeriod: null },
      exceptions: [],
    }], null, { AfterDays: 365 }, { hash: `0x${'ab'.repeat(32)}`, uri: 'https://example.org/study-42' }),
    researcher,
  );
  const requested = eventOf(events, api.events.consent.ConsentRequested);
  const request = requested.data.request.toNumber();
  assert.deepEqual((await api.call.consentApi.pendingRequests(patient.address)).toJSON(), [request]);
  assert.deepEqual(await checkAccess(researcher.address, 'HRESCH', 'Genomics', 'Use'), { deny: { noConsent: null } });

  const approved = await sendAndWait(api, api.tx.consent.approveRequest(request), patient);
  const consent = eventOf(approved.events, api.events.consent.RequestApproved).data.consent.toNumber();
  assert.deepEqual(await checkAccess(researcher.address, 'HRESCH', 'Genomics', 'Use'), { permit: { consent } });
  assert.deepEqual(await checkAccess(researcher.address, 'HRESCH', 'Genomics', 'Disclose'), { deny: { noConsent: null } });
  assert.deepEqual((await api.call.consentApi.pendingRequests(patient.address)).toJSON(), []);
});

test('a clinician breaks the glass: the patient is told at once and auditors see it unreviewed', async () => {
  const { events } = await sendAndWait(api, api.tx.consent.breakGlass(patient.address, 'ETREAT', 30), bob);
  const declared = eventOf(events, api.events.consent.BreakGlassDeclared);
  assert.ok(declared, 'Consent.BreakGlassDeclared was emitted');
  assert.equal(declared.data.patient.toString(), patient.address);
  const episode = declared.data.episode.toNumber();
  assert.deepEqual(await checkAccess(bob.address, 'ETREAT', 'AllergyIntolerance', 'Access'),
    { permit: { breakGlass: episode } });
  const unreviewed = (await api.call.consentApi.unreviewedBreakGlass()).toJSON();
  assert.ok(unreviewed.some(([id]) => id === episode), `episode ${episode} is listed unreviewed`);
  // A hospital that is not a clinician cannot; nor can a patient.
  await assert.rejects(
    sendAndWait(api, api.tx.consent.breakGlass(bob.address, 'BTG', 30), patient),
    /consent\.NotAClinician/,
  );
});

test('a contract asks the consent pallet through the chain extension and sees revocation at once', async () => {
  const { contract, options } = await deployBundle(api, process.env.FIXTURE_COUNTER, bob, 0);
  const mayAccess = async () => {
    const { result, output } = await contract.query.mayAccess(
      bob.address, options, patient.address, bob.address, 'TREAT', 'Observation', 'Access');
    assert.ok(result.isOk, `mayAccess ran: ${result.toString()}`);
    return output.asOk.toJSON();
  };

  assert.deepEqual(await mayAccess(), { ok: { deny: { noConsent: null } } });
  const hasRole = async (who, role) => {
    const { output } = await contract.query.hasRole(bob.address, options, who, role);
    return output.asOk.toJSON();
  };
  assert.deepEqual(await hasRole(bob.address, 'Hospital'), { ok: true });
  assert.deepEqual(await hasRole(bob.address, 'Manufacturer'), { ok: false });
  assert.deepEqual(await hasRole(patient.address, 'Hospital'), { ok: false });
  // Bad input gets the documented status codes, not a trap: 3 DecodeFailed, 2 InputTooLarge.
  const garbage = async (len) => (await contract.query.garbageStatus(bob.address, options, len)).output.asOk.toNumber();
  assert.equal(await garbage(10), 3);
  assert.equal(await garbage(2000), 2);
  const granted = await sendAndWait(
    api,
    api.tx.consent.grantConsent(patient.address, { Participant: bob.address }, treatOnObservation, null,
      { AfterDays: 30 }, null),
    patient,
  );
  const id = eventOf(granted.events, api.events.consent.ConsentGranted).data.consent.toNumber();
  assert.deepEqual(await mayAccess(), { ok: { permit: { consent: id } } });
  await sendAndWait(api, api.tx.consent.revokeConsent(id), patient);
  assert.deepEqual(await mayAccess(), { ok: { deny: { noConsent: null } } });
});
