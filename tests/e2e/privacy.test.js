// The observer test of issue 18 (privacy by design): after the patient and pharma journeys and
// a scenario with sensitive records (SubstanceUse, MentalHealth, SexualHealth, Genomics), a
// consent request and a break-glass, an observer with no key material reads every storage key
// of every pallet, every contract's storage and every extrinsic and event of every block, and
// must not learn (a) which data classes the scenario's patient has records or consents about,
// (b) that the patient is a provider's patient, (c) that a break-glass episode concerns the
// patient, (d) any participant's name. lib/observer.js is the observer; lib/sensitive-scenario.js
// holds the scenario and every function that knows the representation of sensitive data.
//
// A canary publishes on purpose what the observer must learn (remarks in clear and with data
// tags anyone can compute, an unsalted name hash), and the observer must learn it: so a facet
// that passes does so because the chain hides the patient, not because the observer went blind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, connect } from './lib/node.js';
import { deployAsDevChain } from './lib/contracts.js';
import { devAccounts, relationshipAccount } from './lib/accounts.js';
import { testJourney } from './lib/journey.js';
import { JOURNEYS } from './lib/journeys/index.js';
import { observeChain, learnAll, ss58 } from './lib/observer.js';
import { whatTheChainHolds, inWords } from './lib/my-data.js';
import { dataTag, emergencyHandle, nameCommitment, nameSalt } from './lib/keys.js';
import { u8aToHex } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
import {
  sensitiveScenario, patientAccounts, patientIdentity, nameDictionary, saltedDictionary,
  SCENARIO_PARTICIPANTS, CANARY_PARTICIPANT, SENSITIVE_CLASSES,
} from './lib/sensitive-scenario.js';
import { fileTimeout } from './lib/deadline.js';
import { startGateway } from './lib/gateway.js';

// One time limit for the file (about 5× its 27 s run: the two journeys, the scenario and the
// reading, on a shared machine): a hung step fails it instead of stalling the run.
const limit = fileTimeout(150_000);

let node;
let api;
let accounts;
let contracts;
let gateway; // the hospital's record gateway, as scripts/dev-chain.sh starts it
let sensitive; // the scenario's journey: its steps and what they made
let observation; // what the observer read
let learned; // what it learned from it

before(async () => {
  await cryptoWaitReady();
  accounts = devAccounts();
  node = await startNode(['--dev'], { name: 'privacy' });
  api = await connect(node.url);
  contracts = await deployAsDevChain(api, accounts.regulator);
  // The journey's patient deals with the hospital under their account for it, as in journeys.test.js.
  accounts.patient = await relationshipAccount(api, accounts.patient, accounts.hospital);
  gateway = await startGateway({ url: node.url, contract: contracts.accessGrants.address.toString(), providerSuri: accounts.hospital.suri });
}, limit);

after(async () => {
  await gateway?.stop();
  await api?.disconnect();
  await node?.stop();
}, limit);

// The derivations the portal uses give the answers the Rust side's known-answer tests
// expect (primitives/src/consent.rs, participants.rs; runtime/src/tests.rs for the dev salt),
// so a tag, a handle or a commitment made in one matches the other.
test('lib/keys.js gives the same tags, handles, commitments and dev salts as the runtime', limit, () => {
  const bytes = (b) => new Uint8Array(32).fill(b);
  assert.equal(dataTag(bytes(7), 'SubstanceUse'), '0x5fde10983b11ac46a7bf351e14037af2');
  assert.equal(emergencyHandle(bytes(7), encodeAddress(bytes(1), 42)),
    '0x1d7ddfda6f55182bd34a64f78d5d3856bc4d7923cc85240e77de03b385d54d85');
  assert.equal(nameCommitment(bytes(9), 'Dev General Hospital'),
    '0x07092572b02f7fc12c4de4c92582fce80f45a2e9c93df7e9ddd4389991b2f601');
  assert.equal(u8aToHex(nameSalt('//Bob')), '0xe64d30a49e5bf8a3caee92877c567e9665115e973c1fb1967f4c7529dbf1c546');
});

test('the patient journey', limit, (t) => testJourney(t, JOURNEYS.patient({ api, accounts, contracts, gateway: gateway.base, runId: 'privacy' })));

test('the pharma partner journey', limit, (t) => testJourney(t, JOURNEYS.pharma({ api, accounts, contracts, runId: 'privacy' })));

test('the sensitive scenario', limit, (t) => {
  sensitive = sensitiveScenario({ api, accounts, contracts });
  return testJourney(t, sensitive);
});

/** The dev accounts without a role in lib/accounts.js, for the failure messages. */
const OTHER_DEV_ACCOUNTS = ['//Bob//stash', '//Charlie//stash', '//Dave//stash', '//Eve//stash'];

/** Who an account is, as the test (not the observer) knows it: for the failure messages. */
function who(hex) {
  const address = ss58(hex);
  const { scenario } = sensitive;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const known = new Map([
    ...OTHER_DEV_ACCOUNTS.map((suri) => [keyring.addFromUri(suri).address, suri.slice(2)]),
    ...Object.values(accounts).map((pair) => [pair.address, pair.label]),
    ...patientAccounts(scenario).map((a) => [a, `the scenario's patient${a === scenario.patient.address ? `, ${scenario.patient.label}` : ''}`]),
    [scenario.hospital.address, SCENARIO_PARTICIPANTS.hospital.name],
    [scenario.clinician.address, SCENARIO_PARTICIPANTS.clinician.name],
    [scenario.canaryClinic.address, 'the canary clinic'],
    [scenario.canaryPatient.address, 'the canary patient'],
    [scenario.canaryOther.address, 'the canary patient\'s other account'],
  ]);
  return known.has(address) ? `${address} (${known.get(address)})` : address;
}

/** The first few places something was seen, and how many more. */
const where = (places) => {
  const unique = [...new Set(places)];
  return unique.slice(0, 4).join('; ') + (unique.length > 4 ? `; and ${unique.length - 4} more` : '');
};

/** The observer's reading must have run: a facet that finds nothing in nothing proves nothing. */
function requireObservation() {
  assert.ok(sensitive?.scenario.done, 'the sensitive scenario did not run to its end: nothing to observe');
  assert.ok(learned, 'the observer did not read the chain');
}

test('the observer reads every storage key, every contract\'s storage and every extrinsic and event of every block', limit, async (t) => {
  assert.ok(sensitive?.scenario.done, 'the sensitive scenario did not run to its end: nothing to observe');
  const started = Date.now();
  observation = await observeChain(api, { abis: [contracts.accessGrants.abi, contracts.shipmentHolds.abi] });
  learned = learnAll(observation, { dictionary: nameDictionary(), salted: saltedDictionary() });
  const { counts } = observation;
  t.diagnostic(`read at block #${counts.bestNumber} in ${Date.now() - started} ms: ${counts.storageKeys} storage keys `
    + `(${counts.storageDecoded} decoded with the metadata, ${counts.storageWellKnown.length} well-known: `
    + `${[...new Set(counts.storageWellKnown)].join(', ')}); ${counts.contracts} contracts with ${counts.contractEntries} `
    + `storage entries (${counts.contractEntriesDecoded} decoded with their ABI's layout); ${counts.blocks} blocks with `
    + `${counts.extrinsics} extrinsics and ${counts.events} events (${counts.contractEvents} ContractEmitted, `
    + `${counts.contractEventsDecoded} decoded with an ABI; ${counts.topics} topics; ${counts.contractCalls} contract calls, `
    + `${counts.contractCallsDecoded} decoded with an ABI); ${observation.accounts.size} accounts seen; `
    + `${learned.pieces} pieces of data (storage entries, transactions with their events, other events)`);

  // Everything with a known prefix decodes, and every contract entry and event with its ABI.
  assert.deepEqual(counts.storageFailed, [], 'every storage entry of a known storage item decodes with the metadata');
  assert.equal(counts.storageDecoded + counts.storageWellKnown.length, counts.storageKeys);
  assert.ok(counts.contracts >= 2 && counts.contractEntries > 0, `the contracts' storage was read: ${counts.contracts} contracts, ${counts.contractEntries} entries`);
  assert.equal(counts.contractEntriesDecoded, counts.contractEntries, 'every contract storage entry decodes with its ABI\'s layout');
  assert.ok(counts.contractEvents > 0, 'contract events were read');
  assert.equal(counts.contractEventsDecoded, counts.contractEvents, 'every ContractEmitted decodes with an ABI');
  assert.ok(counts.contractCalls > 0, 'contract calls were read');
  assert.equal(counts.contractCallsDecoded, counts.contractCalls, 'every contract call\'s input decodes with an ABI');
  assert.equal(counts.blocks, counts.bestNumber + 1, 'every block from genesis was read');

  // What is public by design is seen: the scenario's participants and their roles, and that
  // the patient's account exists.
  const { scenario } = sensitive;
  const rolesOf = (pair) => [...(learned.roles.get(api.createType('AccountId', pair.address).toHex()) ?? [])];
  assert.deepEqual(rolesOf(scenario.hospital), SCENARIO_PARTICIPANTS.hospital.roles, 'the hospital\'s role is public');
  assert.deepEqual(rolesOf(scenario.clinician), SCENARIO_PARTICIPANTS.clinician.roles, 'the clinician\'s role is public');
  assert.ok(observation.accounts.has(api.createType('AccountId', patientIdentity(scenario)).toHex()), 'the patient\'s account is seen to exist');

  // The canary, published on purpose, is learned in every facet: the observer is not blind.
  const canaryPatient = api.createType('AccountId', scenario.canaryPatient.address).toHex();
  const canaryOther = api.createType('AccountId', scenario.canaryOther.address).toHex();
  const canaryClinic = api.createType('AccountId', scenario.canaryClinic.address).toHex();
  assert.ok(learned.classes.get(canaryPatient)?.has('SubstanceUse'), '(a) the canary patient\'s SubstanceUse record is learned from their remark');
  for (const cls of ['Genomics', 'MentalHealth']) {
    assert.ok(learned.classes.get(canaryPatient)?.has(cls), `(a) the canary patient's ${cls} tag, under a secret from their public key, is recognised`);
  }
  assert.ok(learned.links.get(canaryPatient)?.has(canaryOther), '(b) the canary patient\'s two accounts, sharing two tags, are linked');
  assert.ok(learned.providers.get(canaryClinic)?.patients.has(canaryPatient), '(b) the canary patient is learned to be the canary clinic\'s');
  assert.ok([...learned.episodes.values()].some((patients) => patients.has(canaryPatient)), '(c) the canary patient\'s break-glass is learned');
  assert.ok(learned.names.get(canaryClinic)?.has(CANARY_PARTICIPANT.name), '(d) the canary clinic\'s unsalted name hash is reversed');
});

test('(a) the observer cannot tell which data classes the patient has records or consents about', limit, () => {
  requireObservation();
  // The scenario's patient's accounts, and the journey's patient's account with the hospital.
  const mine = new Set([...patientAccounts(sensitive.scenario), accounts.patient.address]
    .map((a) => api.createType('AccountId', a).toHex()));
  const about = [...learned.classes].filter(([account]) => mine.has(account));
  const others = [...learned.classes]
    .filter(([account]) => !mine.has(account) && !learned.roles.has(account) && !observation.contracts.has(account));
  const said = about.map(([account, classes]) => `account ${who(account)} has ${[...classes.keys()].join(', ')} records/consents `
    + `(from ${where([...classes.values()].flat())})`);
  assert.equal(said.length, 0, `the observer learned which data classes the scenario's patient has records or consents about:\n  ${said.join('\n  ')}`
    + `\nand of other patients: ${others.map(([a, c]) => `${who(a)} has ${[...c.keys()].join(', ')}`).join('; ') || 'nothing'}`);
});

test('(b) the observer cannot list a provider\'s patients: the patient is on no provider\'s list, and their accounts are not linked', limit, () => {
  requireObservation();
  const hex = (address) => api.createType('AccountId', address).toHex();
  const identity = hex(patientIdentity(sensitive.scenario));
  const said = [...learned.providers]
    .filter(([, { patients }]) => patients.has(identity))
    .map(([provider, { roles, patients }]) => `${roles.join(' and ').toLowerCase()} ${who(provider)} has patients `
      + `[${[...patients.keys()].map(who).join(', ')}] (the scenario's patient from ${where(patients.get(identity))})`);
  // Accounts of the patient the observer can tell are one person (through a shared value):
  // with two providers, that tells that they share the patient.
  const mine = patientAccounts(sensitive.scenario).map(hex);
  const linked = mine.flatMap((a, i) => mine.slice(i + 1)
    .filter((b) => learned.links.get(a)?.has(b))
    .map((b) => `accounts ${who(a)} and ${who(b)} are linked (${where(learned.links.get(a).get(b))})`));
  assert.equal(said.length + linked.length, 0, `the observer listed the scenario's patient among a provider's patients, or linked their accounts:\n  ${[...said, ...linked].join('\n  ')}`);
});

test('(c) the observer cannot link a break-glass episode to the patient', limit, () => {
  requireObservation();
  const { scenario } = sensitive;
  // The scenario's patient's accounts, and the journey's patient's account with the hospital.
  const mine = new Set([...patientAccounts(scenario), accounts.patient.address].map((a) => api.createType('AccountId', a).toHex()));
  const said = [...learned.episodes].flatMap(([episode, patients]) => [...patients]
    .filter(([patient]) => mine.has(patient))
    .map(([patient, places]) => `${episode} concerns patient ${who(patient)} (from ${where(places)})`));
  const others = [...learned.episodes].flatMap(([episode, patients]) => [...patients.keys()]
    .filter((p) => !mine.has(p)).map((p) => `${episode} concerns ${who(p)}`));
  assert.equal(said.length, 0, `the observer linked break-glass episodes to the scenario's patient (their episode is #${scenario.episode}):\n  ${said.join('\n  ')}`
    + `\nand to other patients: ${others.join('; ') || 'nothing'}`);
});

test('(d) the observer cannot recover any participant\'s name', limit, () => {
  requireObservation();
  const canary = api.createType('AccountId', sensitive.scenario.canaryClinic.address).toHex();
  const said = [...learned.names]
    .filter(([account]) => account !== canary)
    .flatMap(([account, names]) => [...names].map(([name, places]) =>
      `${account ? `participant ${who(account)}` : 'a participant whose account the observer does not know'} is named '${name}' (from ${where(places)})`));
  assert.equal(said.length, 0, `the observer recovered participants' names:\n  ${said.join('\n  ')}`);
});

// Outcome 3: the patient, with their own key material, sees in clear everything the observer
// could not: which accounts are theirs, the classes of their consents and records, the
// request awaiting them, and their break-glass episode.
test('the patient, with their key, lists everything the chain holds about them in clear (scripts/my-data.sh)', limit, async () => {
  requireObservation();
  const { scenario } = sensitive;
  const held = await whatTheChainHolds(api, contracts.accessGrants, scenario.patientSuri);
  const atHospital = held.find((a) => a.address === scenario.relationshipsBy[scenario.hospital.address].address);
  const atDevHospital = held.find((a) => a.address === scenario.relationshipsBy[accounts.hospital.address].address);
  assert.ok(atHospital && atDevHospital, `both relationship accounts are found from the key: ${held.map((a) => a.address)}`);
  assert.ok(held.some((a) => a.address === scenario.patient.address && a.with === null), 'and the patient\'s own account');
  // Records: the four sensitive classes, read back from their tags.
  const classes = atHospital.records.map(([, r]) => r.dataClass).sort();
  assert.deepEqual(classes, [...SENSITIVE_CLASSES].sort());
  // Consents: three, whose classes read in clear; the request awaiting an answer; the episode.
  const words = inWords(held).join('\n');
  for (const expected of ['permits TREAT on MentalHealth, SubstanceUse, SexualHealth', 'denies HRESCH on Genomics, MentalHealth',
    'denies any purpose on SexualHealth, SubstanceUse', 'every Researcher']) {
    assert.ok(words.includes(expected), `the export says "${expected}":\n${words}`);
  }
  assert.equal(atHospital.requests.length, 1, 'the hospital\'s request awaits the patient');
  assert.ok(atHospital.requests[0].provisions[0].includes('Genomics'));
  assert.deepEqual(atHospital.episodes.map((e) => e.id), [scenario.episode], 'the episode under their handle is theirs');
  assert.ok(words.includes(`break-glass episode #${scenario.episode} by clinician ${scenario.clinician.address} (ETREAT)`));
  // Another key finds none of it.
  const stranger = await whatTheChainHolds(api, contracts.accessGrants, '//Eve//stash');
  assert.ok(stranger.every((a) => a.consents.length === 0 && a.records.length === 0 && a.episodes.length === 0),
    'another key finds none of the patient\'s data');
});

test('the journey\'s patient, with their key, finds their record, grants and access trail (scripts/my-data.sh)', limit, async () => {
  requireObservation();
  const held = await whatTheChainHolds(api, contracts.accessGrants, '//Ferdie//stash');
  const atBob = held.find((a) => a.with?.address === accounts.hospital.address);
  assert.ok(atBob, `the account with Bob's hospital is found from the key: ${held.map((a) => a.address)}`);
  assert.equal(atBob.address, accounts.patient.address);
  assert.deepEqual(atBob.records.map(([, r]) => r?.dataClass), ['Observation']);
  assert.ok(atBob.grants.length >= 2 && atBob.grants.every(([, g]) => g?.grantee === accounts.hospital.address),
    `the grants: ${JSON.stringify(atBob.grants)}`);
  const names = atBob.trail.map((e) => e.name);
  assert.ok(names.includes('Accessed') && names.includes('AccessRefused'), `the access trail: ${names}`);
  const words = inWords(held).join('\n');
  assert.ok(/accessed record #\d+ \(TREAT\)/.test(words) && /was refused record #\d+ \(UsesSpent\)/.test(words), words);
  // The journey's episode was reviewed: the export still shows it, with the finding.
  assert.equal(atBob.episodes.length, 1, `one episode: ${JSON.stringify(atBob.episodes)}`);
  assert.equal(atBob.episodes[0].review?.finding, 'Justified');
  assert.ok(/break-glass episode #\d+ by clinician \S+ \(ETREAT\), .* reviewed by auditor \S+ on .*: Justified/.test(words), words);
});
