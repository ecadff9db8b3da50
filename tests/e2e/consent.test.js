// The consent registry end to end, as a patient uses it from polkadot.js: plain JSON
// arguments, no custom types, answers read from storage and from the ConsentApi runtime API.
//
// Each test sets up what it reads: it makes its own patient (and guardian, or app account),
// an account derived from Dave//stash and funded by it, so no test sees another's consents,
// requests or episodes, and each runs alone (--test-name-pattern) or in any order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, connect, sendAndWait, passTime, DAY_MS } from './lib/node.js';
import { deployBundle, eventOf } from './lib/contracts.js';
import { consentsFor, unreviewedBreakGlass } from './lib/pages.js';
import { fileTimeout } from './lib/deadline.js';
import { tagSecret, dataTag, emergencyHandle } from './lib/keys.js';
import { u8aToHex } from '@polkadot/util';

// One time limit for the file (about 3× its 24 s run on a shared machine): a hung step fails it
// instead of stalling the run.
const limit = fileTimeout(90_000);

const MED = 1_000_000_000_000n;
const NO_CONSENT = { deny: { noConsent: null } };

let node;
let api;
let keyring;
let funder; // Dave//stash: a dev account with no role, funds each test's own accounts
let bob; // Hospital and Clinician
let researcher; // Bob//stash
let made = 0;
const runId = Date.now();

before(async () => {
  await cryptoWaitReady();
  keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  funder = keyring.addFromUri('//Dave//stash');
  bob = keyring.addFromUri('//Bob');
  bob.suri = '//Bob';
  researcher = keyring.addFromUri('//Bob//stash');
  node = await startNode(['--dev'], { name: 'consent' });
  api = await connect(node.url);
}, limit);

after(async () => {
  await api?.disconnect();
  await node?.stop();
}, limit);

/** A new account with no role and 10 MED, this test's own: a patient, a guardian, an app. */
async function freshAccount(name) {
  made += 1;
  const pair = keyring.addFromUri(`//Dave//stash//consent-${runId}-${made}-${name}`);
  pair.suri = `//Dave//stash//consent-${runId}-${made}-${name}`;
  await sendAndWait(api, api.tx.balances.transferKeepAlive(pair.address, 10n * MED), funder);
  return pair;
}

/** Data class `code` as `patient`'s tag: what the chain is given instead of the class. */
const tagOf = (patient, code) => dataTag(tagSecret(patient.suri), code);

/** TREAT on `patient`'s Observation data. */
const treatOnObservation = (patient) => [{
  kind: 'Permit',
  rule: { purposes: ['TREAT'], dataTags: [tagOf(patient, 'Observation')], actions: [], dataPeriod: null },
  exceptions: [],
}];

const everything = [{
  kind: 'Permit',
  rule: { purposes: [], dataTags: [], actions: [], dataPeriod: null },
  exceptions: [],
}];

/** `patient`'s emergency handle: what a break-glass episode names instead of them. */
const handleOf = (patient) => emergencyHandle(tagSecret(patient.suri), patient.address);

/** The registry's answer, asked as a contract asks, or (`emergency`: a tag secret) as the record gateway asks its own node. */
const checkAccess = async (patient, accessor, purpose = 'TREAT', dataClass = 'Observation', action = 'Access', emergency = null) =>
  (await api.call.consentApi.checkAccess(patient.address, accessor, purpose, tagOf(patient, dataClass), action, null, null,
    emergency)).toJSON();

const reserved = async (pair) => (await api.query.system.account(pair.address)).data.reserved.toBigInt();

/** `signer` grants `provisions` over `patient`'s data to `grantee` for 30 days; returns the consent. */
async function grant(signer, patient, grantee, provisions = treatOnObservation(patient)) {
  const { events } = await sendAndWait(
    api, api.tx.consent.grantConsent(patient.address, grantee, provisions, null, { AfterDays: 30 }, null), signer);
  const granted = eventOf(events, api.events.consent.ConsentGranted);
  assert.ok(granted, 'Consent.ConsentGranted was emitted');
  return granted.data.consent.toNumber();
}

test('a patient grants a hospital TREAT on Observation for 30 days, sees it, and revokes it', limit, async () => {
  const patient = await freshAccount('patient');
  assert.deepEqual(await checkAccess(patient, bob.address), NO_CONSENT);

  const { events } = await sendAndWait(
    api,
    api.tx.consent.grantConsent(patient.address, { Participant: bob.address }, treatOnObservation(patient), null,
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
  assert.ok(stored.confirmedAt.isNone, 'a consent the patient granted needs no confirming');
  assert.deepEqual((await api.query.consent.patientConsents(patient.address)).toJSON(), [id]);
  const ofPatient = (await api.call.consentApi.consentsOf(patient.address)).toJSON();
  assert.deepEqual(ofPatient, [[id, 'Active']]);
  const forBob = await consentsFor(api, bob.address);
  assert.ok(forBob.some(([c, status]) => c === id && status === 'Active'), `Bob may see ${id}: ${forBob}`);
  assert.equal(await reserved(patient), stored.deposit.toBigInt(), 'the deposit is held from the patient');

  assert.deepEqual(await checkAccess(patient, bob.address), { permit: { consent: id } });
  assert.deepEqual(await checkAccess(patient, bob.address, 'HMARKT'), NO_CONSENT);
  assert.deepEqual(await checkAccess(patient, researcher.address), NO_CONSENT);

  const revoked = await sendAndWait(api, api.tx.consent.revokeConsent(id), patient);
  assert.ok(eventOf(revoked.events, api.events.consent.ConsentRevoked));
  assert.deepEqual(await checkAccess(patient, bob.address), NO_CONSENT);
  assert.deepEqual((await api.call.consentApi.consentsOf(patient.address)).toJSON(), [[id, 'Revoked']]);

  // Purged by anyone: the deposit comes back to the patient.
  await sendAndWait(api, api.tx.consent.purgeConsent(id), researcher);
  assert.ok((await api.query.consent.consents(id)).isNone);
  assert.equal(await reserved(patient), 0n);
});

test('the consents naming an accessor come in bounded pages, and each cursor goes on where its page ended', limit, async () => {
  const patient = await freshAccount('patient');
  const app = await freshAccount('app');
  const granted = [];
  for (let i = 0; i < 3; i += 1) granted.push(await grant(patient, patient, { Account: app.address }, everything));
  const ids = (items) => items.map(([id]) => id.toNumber());

  const first = await api.call.consentApi.consentsFor(app.address, null, 2);
  assert.equal(first.items.length, 2, 'a page holds its limit and no more');
  const cursor = first.next.unwrap();
  assert.deepEqual([cursor.via.toString(), cursor.after.toNumber()], ['Account', ids(first.items)[1]],
    'the cursor names the grantee and the last consent listed');
  const second = await api.call.consentApi.consentsFor(app.address, first.next, 2);
  assert.equal(second.items.length, 1);
  assert.ok(second.next.isNone, 'the last page says so');
  assert.deepEqual([...ids(first.items), ...ids(second.items)].sort((a, b) => a - b), granted);

  // A limit of none is read as one; far above the maximum is clamped, and here all fit.
  assert.equal((await api.call.consentApi.consentsFor(app.address, null, 0)).items.length, 1);
  assert.equal((await api.call.consentApi.consentsFor(app.address, null, 4_000_000_000)).items.length, 3);
  // Walked a page of one at a time by the helper: each consent once, and active.
  assert.deepEqual((await consentsFor(api, app.address, { limit: 1 })).sort(([a], [b]) => a - b),
    granted.map((id) => [id, 'Active']));
});

test('bad input gets a named error and changes nothing', limit, async () => {
  const patient = await freshAccount('patient');
  const next = (await api.query.consent.nextConsentId()).toNumber();
  await assert.rejects(
    sendAndWait(api, api.tx.consent.grantConsent(patient.address, { Participant: bob.address },
      treatOnObservation(patient), null, { At: 1_000 }, null), patient),
    /consent\.AlreadyExpired/,
  );
  await assert.rejects(
    sendAndWait(api, api.tx.consent.grantConsent(patient.address, { Participant: bob.address },
      treatOnObservation(patient), null, 'Never', null), bob),
    /consent\.NotPatientOrGuardian/,
  );
  const own = await grant(patient, patient, { Account: bob.address });
  await assert.rejects(sendAndWait(api, api.tx.consent.confirmConsent(own), patient), /consent\.NotGrantedByGuardian/);
  assert.equal((await api.query.consent.nextConsentId()).toNumber(), next + 1, 'only the good grant was stored');
  assert.ok((await api.query.consent.consents(own)).unwrap().confirmedAt.isNone);
  assert.deepEqual((await api.query.consent.patientConsents(patient.address)).toJSON(), [own]);
});

test('a researcher requests consent and the patient approves it', limit, async () => {
  const patient = await freshAccount('patient');
  const { events } = await sendAndWait(
    api,
    api.tx.consent.requestConsent(patient.address, [{
      kind: 'Permit',
      rule: { purposes: ['HRESCH'], dataTags: [tagOf(patient, 'Genomics')], actions: ['Use'], dataPeriod: null },
      exceptions: [],
    }], null, { AfterDays: 365 }, { hash: `0x${'ab'.repeat(32)}` }),
    researcher,
  );
  const requested = eventOf(events, api.events.consent.ConsentRequested);
  const request = requested.data.request.toNumber();
  assert.deepEqual((await api.call.consentApi.pendingRequests(patient.address)).toJSON(), [request]);
  assert.deepEqual(await checkAccess(patient, researcher.address, 'HRESCH', 'Genomics', 'Use'), NO_CONSENT);

  const approved = await sendAndWait(api, api.tx.consent.approveRequest(request), patient);
  const consent = eventOf(approved.events, api.events.consent.RequestApproved).data.consent.toNumber();
  assert.deepEqual(await checkAccess(patient, researcher.address, 'HRESCH', 'Genomics', 'Use'), { permit: { consent } });
  assert.deepEqual(await checkAccess(patient, researcher.address, 'HRESCH', 'Genomics', 'Disclose'), NO_CONSENT);
  assert.deepEqual((await api.call.consentApi.pendingRequests(patient.address)).toJSON(), []);
});

test('a clinician breaks the glass under the patient\'s emergency handle: the patient is told at once and of every renewal, only a question naming the handle is permitted, auditors see it unreviewed, and renewals stop at the cap', limit, async () => {
  const patient = await freshAccount('patient');
  const other = await freshAccount('other-patient');
  const handle = handleOf(patient);
  const breakGlass = () => sendAndWait(api, api.tx.consent.breakGlass(handle, 'ETREAT', 1), bob);
  const episodes = [];
  for (let i = 0; i < 3; i += 1) {
    const { events } = await breakGlass();
    const declared = eventOf(events, api.events.consent.BreakGlassDeclared);
    assert.ok(declared, 'Consent.BreakGlassDeclared was emitted');
    // The patient finds it by their handle; nothing in it names their account.
    assert.equal(declared.data.subject.toHex(), handle);
    assert.equal(JSON.stringify(declared.data.toJSON()).includes(patient.address), false);
    const episode = declared.data.episode.toNumber();
    // The patient sees how many earlier episodes still await review, and the latest of them.
    assert.equal(declared.data.earlierUnreviewed.toNumber(), i);
    assert.deepEqual(declared.data.previous.toJSON(), i === 0 ? null : episodes[i - 1]);
    episodes.push(episode);
    assert.deepEqual(await checkAccess(patient, bob.address, 'ETREAT', 'AllergyIntolerance', 'Access', u8aToHex(tagSecret(patient.suri))),
      { permit: { breakGlass: episode } });
    // Asked without the secret (as a contract asks), or with another's, the episode does not count.
    assert.deepEqual(await checkAccess(patient, bob.address, 'ETREAT', 'AllergyIntolerance', 'Access'), NO_CONSENT);
    assert.deepEqual(await checkAccess(patient, bob.address, 'ETREAT', 'AllergyIntolerance', 'Access', u8aToHex(tagSecret(bob.suri))),
      NO_CONSENT);
    // Nor does it reach another patient, even asked with this patient's secret: the handle
    // is computed from the patient asked about.
    assert.deepEqual(await checkAccess(other, bob.address, 'ETREAT', 'AllergyIntolerance', 'Access', u8aToHex(tagSecret(patient.suri))),
      NO_CONSENT);
    if (i === 0) {
      await assert.rejects(breakGlass(), /consent\.BreakGlassOpen/, 'not again while it is open');
    }
    await passTime(api, bob, declared.data.until.toNumber());
  }
  // Walked a page of one at a time: every episode is found, each page bounded, each cursor
  // going on after the episode its page listed.
  const unreviewed = await unreviewedBreakGlass(api, { limit: 1 });
  for (const episode of episodes) {
    assert.equal(unreviewed.filter(([id]) => id === episode).length, 1, `episode ${episode} is listed unreviewed, once`);
  }
  const firstPage = await api.call.consentApi.unreviewedBreakGlass(null, 1);
  assert.equal(firstPage.items.length, 1);
  assert.equal(firstPage.next.unwrap().toNumber(), firstPage.items[0][0].toNumber());
  // A fourth waits for an auditor's review.
  await assert.rejects(breakGlass(), /consent\.TooManyUnreviewedEpisodes/);
  // A hospital that is not a clinician cannot; nor can a patient.
  await assert.rejects(
    sendAndWait(api, api.tx.consent.breakGlass(handleOf(bob), 'BTG', 30), patient),
    /consent\.NotAClinician/,
  );
});

test('removing a guardian revokes the consents it granted, unless the patient confirmed them', limit, async () => {
  const patient = await freshAccount('patient');
  const guardian = await freshAccount('guardian');
  const app = await freshAccount('app'); // an account the guardian controls
  await sendAndWait(api, api.tx.consent.addGuardian(guardian.address), patient);
  const toApp = await grant(guardian, patient, { Account: app.address }, everything);
  const toBob = await grant(guardian, patient, { Participant: bob.address });
  assert.deepEqual(await checkAccess(patient, app.address), { permit: { consent: toApp } });

  // The patient confirms the hospital's consent: evented, with a new receipt.
  const { events } = await sendAndWait(api, api.tx.consent.confirmConsent(toBob), patient);
  const confirmed = eventOf(events, api.events.consent.ConsentConfirmed);
  assert.ok(confirmed, 'Consent.ConsentConfirmed was emitted');
  assert.deepEqual([confirmed.data.consent.toNumber(), confirmed.data.grantedBy.toString()], [toBob, guardian.address]);
  assert.ok((await api.query.consent.consents(toBob)).unwrap().confirmedAt.isSome);
  await assert.rejects(sendAndWait(api, api.tx.consent.confirmConsent(toApp), guardian), /consent\.NotPatient/);

  const removed = await sendAndWait(api, api.tx.consent.removeGuardian(guardian.address), patient);
  const revoked = removed.events
    .filter(({ event }) => api.events.consent.ConsentRevoked.is(event))
    .map(({ event }) => event.data.consent.toNumber());
  assert.deepEqual(revoked, [toApp], 'the unconfirmed consent is revoked in the same block');
  assert.ok(eventOf(removed.events, api.events.consent.GuardianRemoved));
  assert.deepEqual(await checkAccess(patient, app.address), NO_CONSENT);
  assert.deepEqual(await checkAccess(patient, bob.address), { permit: { consent: toBob } });
  assert.deepEqual((await api.call.consentApi.consentsOf(patient.address)).toJSON(),
    [[toApp, 'Revoked'], [toBob, 'Active']]);
});

test('a contract asks the consent pallet through the chain extension and sees revocation at once', limit, async () => {
  const patient = await freshAccount('patient');
  const { contract, options } = await deployBundle(api, process.env.FIXTURE_COUNTER, bob, 0);
  const mayAccess = async () => {
    const { result, output } = await contract.query.mayAccess(
      bob.address, options, patient.address, bob.address, 'TREAT', tagOf(patient, 'Observation'), 'Access');
    assert.ok(result.isOk, `mayAccess ran: ${result.toString()}`);
    return output.asOk.toJSON();
  };

  assert.deepEqual(await mayAccess(), { ok: NO_CONSENT });
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
  const id = await grant(patient, patient, { Participant: bob.address });
  assert.deepEqual(await mayAccess(), { ok: { permit: { consent: id } } });
  await sendAndWait(api, api.tx.consent.revokeConsent(id), patient);
  assert.deepEqual(await mayAccess(), { ok: NO_CONSENT });
});
