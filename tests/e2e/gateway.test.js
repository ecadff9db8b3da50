// The record gateway on a live node, on SQLite and on PostgreSQL (MEDCHAIN_TEST_POSTGRES:
// the server scripts/test.sh starts): Bob's hospital uploads a real FHIR R4 Observation for
// its patient; the patient grants Bob two uses; Bob accesses on chain and fetches the record
// from the gateway (the same bytes); the same access fetched twice is refused; a stranger
// replaying Bob's signed request is refused; a third on-chain access is refused, and so is
// a fetch naming it; after the patient revokes the consent, a fetch of an earlier unredeemed
// access is refused; a malformed and an oversized resource get OperationOutcomes and
// nothing is stored or registered; every release and refusal is in the audit log; and with
// the node gone the gateway answers 503 and releases nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, connect, sendAndWait, chainNow, waitFor, DAY_MS } from './lib/node.js';
import { deployBundle, eventOf, query, execute } from './lib/contracts.js';
import { fileTimeout } from './lib/deadline.js';
import { devAccounts, relationshipAccount } from './lib/accounts.js';
import { tagSecret, dataTag } from './lib/keys.js';
import { startGateway, signedFetch, shareTagSecret, sealTagSecret, accessRef, txIndexOf } from './lib/gateway.js';

const limit = fileTimeout(240_000);
const FHIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'gateway', 'tests', 'data', 'fhir');

let node;
let api;
let accounts;
let stranger;

before(async () => {
  await cryptoWaitReady();
  accounts = devAccounts();
  stranger = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Eve//stash');
  node = await startNode(['--dev'], { name: 'gateway' });
  api = await connect(node.url);
}, limit);

after(async () => {
  await api?.disconnect();
  await node?.stop();
}, limit);

/** The spec's body-weight Observation (FHIR R4 examples, CC0), about `patient`. */
function observationFor(patient) {
  const resource = JSON.parse(readFileSync(join(FHIR, 'Observation-example.json'), 'utf8'));
  resource.subject = { reference: `Patient/${patient.address}` };
  return JSON.stringify(resource, null, 2);
}

/** A patient with no role: a keyring pair with its SURI and label, for `relationshipAccount`. */
function patientAt(suri) {
  const pair = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(suri);
  pair.suri = suri;
  pair.label = suri.slice(2);
  return pair;
}

/**
 * Run the whole story for the patient `person` against a gateway keeping its records in
 * `store` (each store's story has a patient of its own: the chain is shared).
 */
async function story(t, store, person) {
  const { hospital: bob } = accounts;
  const { contract } = await deployBundle(api, process.env.ACCESS_GRANTS, accounts.regulator, accounts.regulator.address);
  const gateway = await startGateway({
    url: node.url, contract: contract.address.toString(), providerSuri: '//Bob', store, maxResourceBytes: 16_384,
  });
  t.after(() => gateway.stop());
  const health = async () => (await fetch(`${gateway.base}/health`)).json();
  // The patient deals with Bob's hospital under an account of their own for it.
  const patient = await relationshipAccount(api, person, bob);
  const secret = tagSecret(patient.suri);
  const OBSERVATION = dataTag(secret, 'Observation');

  await t.test('the patient shares their tag secret, sealed to the provider; a bad envelope is refused', async () => {
    const { publicKey, provider } = await (await fetch(`${gateway.base}/medchain/provider`)).json();
    assert.equal(provider, bob.address);
    const shared = await shareTagSecret(gateway.base, patient, secret);
    assert.equal(shared.status, 200, shared.text);
    // Sealed for another patient account: it does not open for this one.
    const wrong = JSON.stringify({ envelope: sealTagSecret(publicKey, stranger.address, secret) });
    const refused = await signedFetch(gateway.base, patient, { method: 'PUT', path: '/medchain/tag-secret', body: wrong, contentType: 'application/json' });
    assert.equal(refused.status, 400, refused.text);
    assert.equal(refused.json.resourceType, 'OperationOutcome');
    assert.match(refused.json.issue[0].diagnostics, /does not open/);
  });

  const body = observationFor(patient);
  let id;
  let record;
  await t.test('the hospital uploads a real FHIR Observation: sealed, stored, registered with the tag and the locator hash', async () => {
    const uploaded = await signedFetch(gateway.base, bob, { method: 'POST', path: '/fhir/Observation', body, patient: patient.address });
    assert.equal(uploaded.status, 201, uploaded.text);
    const location = uploaded.headers.get('location');
    id = location.split('/').pop();
    record = Number(uploaded.headers.get('x-medchain-record'));
    const onChain = await query(contract, patient, 'record', record);
    assert.equal(onChain.patient, patient.address);
    assert.equal(onChain.provider, bob.address);
    assert.equal(onChain.dataTag, OBSERVATION, 'the class, blinded with the patient\'s secret');
    assert.equal(onChain.locator, blake2AsHex(`${gateway.base}${location}`), 'only the locator\'s hash on chain');
    assert.equal((await health()).store.resources, 1);
  });

  await t.test('a malformed and an oversized resource get OperationOutcomes, and nothing is stored or registered', async () => {
    const bad = JSON.parse(body);
    delete bad.status;
    bad.code = {};
    const malformed = await signedFetch(gateway.base, bob, { method: 'POST', path: '/fhir/Observation', body: JSON.stringify(bad), patient: patient.address });
    assert.equal(malformed.status, 400, malformed.text);
    assert.equal(malformed.json.resourceType, 'OperationOutcome');
    const said = malformed.json.issue.map((i) => i.diagnostics).join(' | ');
    assert.match(said, /Observation\.status is required/);
    assert.match(said, /must not be empty/);
    const huge = JSON.parse(body);
    huge.note = [{ text: 'x'.repeat(20_000) }];
    const oversized = await signedFetch(gateway.base, bob, { method: 'POST', path: '/fhir/Observation', body: JSON.stringify(huge), patient: patient.address });
    assert.equal(oversized.status, 413, oversized.text);
    assert.equal(oversized.json.issue[0].code, 'too-long');
    const notJson = await signedFetch(gateway.base, bob, { method: 'POST', path: '/fhir/Observation', body: '{"resourceType":', patient: patient.address });
    assert.equal(notJson.status, 400, notJson.text);
    // Another patient's resource, and an upload by someone who is not the provider.
    const otherPatient = await signedFetch(gateway.base, bob, { method: 'POST', path: '/fhir/Observation', body: observationFor(stranger), patient: patient.address });
    assert.equal(otherPatient.status, 400, otherPatient.text);
    const notProvider = await signedFetch(gateway.base, stranger, { method: 'POST', path: '/fhir/Observation', body, patient: patient.address });
    assert.equal(notProvider.status, 403, notProvider.text);
    assert.equal((await health()).store.resources, 1, 'nothing more stored');
    assert.equal(await query(contract, patient, 'record', record + 1), null, 'nothing more registered');
  });

  // The patient consents in the pallet (Bob may access their observations for treatment)
  // and grants Bob two uses of the record.
  const consented = await sendAndWait(api,
    api.tx.consent.grantConsent(patient.address, { Account: bob.address },
      [{ kind: 'Permit', rule: { purposes: ['TREAT'], dataTags: [OBSERVATION], actions: ['Access'], dataPeriod: null }, exceptions: [] }],
      null, { AfterDays: 30 }, null),
    patient);
  const consentId = eventOf(consented.events, api.events.consent.ConsentGranted).data.consent.toNumber();
  const terms = { expiresAt: (await chainNow(api)) + 7 * DAY_MS, maxUses: 2, reshareDepth: 0, envelope: null };
  const grant = (await execute(contract, patient, 'grant', bob.address, [record], 'TREAT', terms)).answer.ok;
  const path = `/fhir/Observation/${id}`;

  await t.test("the patient's consents come out as FHIR R4 Consents and go back in as the grant_consent call", async () => {
    const out = await signedFetch(gateway.base, patient, { path: `/fhir/Consent?patient=${patient.address}` });
    assert.equal(out.status, 200, out.text);
    assert.equal(out.json.resourceType, 'Bundle');
    assert.equal(out.json.total, 1);
    const fhir = out.json.entry[0].resource;
    assert.equal(fhir.resourceType, 'Consent');
    assert.equal(fhir.status, 'active');
    assert.equal(fhir.patient.reference, `Patient/${patient.address}`);
    assert.equal(fhir.provision.type, 'permit');
    assert.deepEqual(fhir.provision.purpose, [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT' }]);
    assert.deepEqual(fhir.provision.class, [{ system: 'http://hl7.org/fhir/resource-types', code: 'Observation' }], 'the tag read back as its class');
    assert.deepEqual(fhir.provision.actor[0].reference.identifier, { system: 'urn:medchain:account', value: bob.address });
    // Back in: the call the patient signs, the same consent again.
    const back = await signedFetch(gateway.base, patient, { method: 'POST', path: '/fhir/Consent', body: JSON.stringify(fhir), contentType: 'application/fhir+json' });
    assert.equal(back.status, 200, back.text);
    const param = (name) => back.json.parameter.filter((p) => p.name === name).map((p) => p.valueString);
    const call = api.createType('Call', param('call')[0]);
    assert.equal(`${call.section}.${call.method}`, 'consent.grantConsent');
    assert.equal(call.args[0].toString(), patient.address);
    assert.deepEqual(call.args[1].toJSON(), { account: bob.address });
    assert.deepEqual(call.args[2].toJSON()[0].rule.dataTags, [OBSERVATION]);
    assert.ok(param('notCarried').includes('Consent.category'), back.text);
    assert.ok(param('notCarried').includes('Consent.provision.period.start'), 'it started already: in force when signed');
    assert.equal(call.args[3].toJSON(), null, 'starts when signed');
    const again = await sendAndWait(api, api.tx(call), patient);
    const twin = eventOf(again.events, api.events.consent.ConsentGranted).data.consent.toNumber();
    const both = await signedFetch(gateway.base, patient, { path: `/fhir/Consent?patient=${patient.address}` });
    assert.equal(both.json.total, 2);
    const rule = ({ period, ...provision }) => provision;
    assert.deepEqual(rule(both.json.entry[1].resource.provision), rule(fhir.provision), 'the same provision');
    assert.equal(both.json.entry[1].resource.provision.period.end, fhir.provision.period.end, 'ending as the first');
    await sendAndWait(api, api.tx.consent.revokeConsent(twin), patient);
    // A published example MedChain cannot represent: each element named, nothing to sign.
    const example = JSON.parse(readFileSync(join(FHIR, 'Consent-consent-example-notThis.json'), 'utf8'));
    example.patient = { reference: `Patient/${patient.address}` };
    const refused = await signedFetch(gateway.base, patient, { method: 'POST', path: '/fhir/Consent', body: JSON.stringify(example) });
    assert.equal(refused.status, 422, refused.text);
    const where = refused.json.issue.flatMap((i) => i.expression ?? []);
    assert.ok(where.includes('Consent.provision.data') && where.includes('Consent.provision.actor'), refused.text);
    // Someone else may not read them.
    const theirs = await signedFetch(gateway.base, stranger, { path: `/fhir/Consent?patient=${patient.address}` });
    assert.equal(theirs.status, 403, theirs.text);
  });

  let firstFetch;
  let second;
  await t.test('Bob accesses on chain and fetches the record: the bytes uploaded; the same access twice is refused', async () => {
    const { answer, events, blockHash } = await execute(contract, bob, 'access', grant, record, 'TREAT');
    assert.ok(answer.ok.granted, JSON.stringify(answer));
    const access = await accessRef(api, contract, blockHash, txIndexOf(events));
    firstFetch = await signedFetch(gateway.base, bob, { path, access });
    assert.equal(firstFetch.status, 200, firstFetch.text);
    assert.equal(firstFetch.text, body, 'the same bytes');
    assert.equal(firstFetch.headers.get('content-type'), 'application/fhir+json');
    const again = await signedFetch(gateway.base, bob, { path, access });
    assert.equal(again.status, 409, again.text);
    assert.match(again.json.issue[0].diagnostics, /redeemed already/);
  });

  await t.test("a stranger replaying Bob's signed request, or naming Bob's access, is refused", async () => {
    const replayed = await signedFetch(gateway.base, stranger, { path, headers: { authorization: firstFetch.authorization } });
    assert.equal(replayed.status, 401, replayed.text);
    assert.match(replayed.json.issue[0].diagnostics, /served before/);
    // A second access of Bob's, named by the stranger under their own signature.
    const { events, blockHash } = await execute(contract, bob, 'access', grant, record, 'TREAT');
    second = await accessRef(api, contract, blockHash, txIndexOf(events));
    const theirs = await signedFetch(gateway.base, stranger, { path, access: second });
    assert.equal(theirs.status, 403, theirs.text);
    assert.match(theirs.json.issue[0].diagnostics, /only the grantee who accessed may fetch/);
  });

  await t.test('a third on-chain access is refused, and so is a fetch naming it', async () => {
    const { answer, events, blockHash } = await execute(contract, bob, 'access', grant, record, 'TREAT');
    assert.deepEqual(answer, { ok: { refused: 'UsesSpent' } });
    const refusal = await accessRef(api, contract, blockHash, txIndexOf(events), 'AccessRefused');
    const fetched = await signedFetch(gateway.base, bob, { path, access: refusal });
    assert.equal(fetched.status, 403, fetched.text);
    assert.match(fetched.json.issue[0].diagnostics, /no finalised Accessed event/);
  });

  await t.test('after the patient revokes the consent, a fetch of an earlier unredeemed access is refused', async () => {
    await sendAndWait(api, api.tx.consent.revokeConsent(consentId), patient);
    const fetched = await signedFetch(gateway.base, bob, { path, access: second });
    assert.equal(fetched.status, 403, fetched.text);
    assert.match(fetched.json.issue[0].diagnostics, /consent no longer permits/);
  });

  await t.test('every release and refusal is in the audit log, with its reason; the log is the staff\'s', async () => {
    const log = await signedFetch(gateway.base, bob, { path: '/medchain/audit?limit=500' });
    assert.equal(log.status, 200, log.text);
    const entries = log.json.entries;
    const releases = entries.filter((e) => e.action === 'release');
    assert.deepEqual(releases.map((e) => e.outcome), ['released', 'refused', 'refused', 'refused', 'refused', 'refused']);
    assert.match(releases[1].reason, /^conflict: .*redeemed already/);
    assert.match(releases[2].reason, /^unauthenticated: .*served before/);
    assert.equal(releases[2].actor, '-', 'a replay is not put down to the account it claims');
    assert.equal(releases[3].actor, stranger.address);
    assert.match(releases.at(-1).reason, /^forbidden: .*consent/);
    assert.ok(entries.some((e) => e.action === 'upload' && e.outcome === 'stored'));
    assert.ok(entries.some((e) => e.action === 'upload' && e.outcome === 'refused' && /too-large/.test(e.reason)));
    assert.ok(entries.some((e) => e.action === 'share-tag-secret' && e.outcome === 'shared'));
    assert.ok(!JSON.stringify(entries).includes(Buffer.from(secret).toString('hex')), 'never the secret');
    const theirs = await signedFetch(gateway.base, stranger, { path: '/medchain/audit' });
    assert.equal(theirs.status, 403, theirs.text);
  });
}

test('the record gateway on SQLite', limit, async (t) => {
  await story(t, undefined, accounts.patient);
});

test('the record gateway on PostgreSQL', limit, async (t) => {
  const url = process.env.MEDCHAIN_TEST_POSTGRES;
  assert.ok(url, 'MEDCHAIN_TEST_POSTGRES names a PostgreSQL database (scripts/test.sh starts the server)');
  // A database of its own on the test server.
  const name = `gateway_e2e_${process.pid}`;
  const created = await fetchPsql(url, `CREATE DATABASE ${name}`);
  assert.equal(created, 0);
  await story(t, url.replace(/\/[^/]*$/, `/${name}`), patientAt('//Dave//stash'));
});

/** Run one SQL statement with psql against `url`; its exit code. */
async function fetchPsql(url, sql) {
  const { spawnSync } = await import('node:child_process');
  const run = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`psql: ${run.stderr}`);
  return run.status;
}

test('with the node gone, the gateway answers 503 and releases nothing', limit, async () => {
  const { hospital: bob, patient: person } = accounts;
  const own = await startNode(['--dev'], { name: 'gateway-gone' });
  const ownApi = await connect(own.url);
  let gateway;
  try {
    const { contract } = await deployBundle(ownApi, process.env.ACCESS_GRANTS, accounts.regulator, accounts.regulator.address);
    gateway = await startGateway({ url: own.url, contract: contract.address.toString(), providerSuri: '//Bob' });
    const patient = await relationshipAccount(ownApi, person, bob);
    const secret = tagSecret(patient.suri);
    assert.equal((await shareTagSecret(gateway.base, patient, secret)).status, 200);
    const uploaded = await signedFetch(gateway.base, bob, { method: 'POST', path: '/fhir/Observation', body: observationFor(patient), patient: patient.address });
    assert.equal(uploaded.status, 201, uploaded.text);
    const record = Number(uploaded.headers.get('x-medchain-record'));
    await sendAndWait(ownApi, ownApi.tx.consent.grantConsent(patient.address, { Account: bob.address },
      [{ kind: 'Permit', rule: { purposes: ['TREAT'], dataTags: [dataTag(secret, 'Observation')], actions: ['Access'], dataPeriod: null }, exceptions: [] }],
      null, { AfterDays: 30 }, null), patient);
    const terms = { expiresAt: (await chainNow(ownApi)) + DAY_MS, maxUses: 1, reshareDepth: 0, envelope: null };
    const grant = (await execute(contract, patient, 'grant', bob.address, [record], 'TREAT', terms)).answer.ok;
    const { events, blockHash } = await execute(contract, bob, 'access', grant, record, 'TREAT');
    const access = await accessRef(ownApi, contract, blockHash, txIndexOf(events));
    // The gateway has followed the access's block: it holds the access, unredeemed.
    const number = (await ownApi.rpc.chain.getHeader(blockHash)).number.toNumber();
    await waitFor('the gateway to follow the access', async () => (await (await fetch(`${gateway.base}/health`)).json()).chain.finalised >= number);

    await ownApi.disconnect();
    await own.stop();
    await waitFor('the gateway to notice', async () => (await fetch(`${gateway.base}/health`)).status === 503, 30_000);
    const fetched = await signedFetch(gateway.base, bob, { path: uploaded.headers.get('location'), access });
    assert.equal(fetched.status, 503, fetched.text);
    assert.equal(fetched.json.issue[0].code, 'transient');
    assert.doesNotMatch(fetched.text, /bodyWeight|29463-7/, 'nothing of the record');
    const log = await signedFetch(gateway.base, bob, { path: '/medchain/audit' });
    const last = log.json.entries.at(-1);
    assert.equal(last.outcome, 'refused');
    assert.match(last.reason, /^chain-unavailable/);
  } finally {
    await gateway?.stop();
    await ownApi.disconnect().catch(() => {});
    await own.stop().catch(() => {});
  }
});
