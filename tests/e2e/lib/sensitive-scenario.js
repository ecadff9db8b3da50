// The sensitive scenario of the observer test (issue 18): a patient with SubstanceUse,
// MentalHealth, SexualHealth and Genomics records at a hospital, consents that permit and
// deny those classes, a consent request from the hospital, and a clinician's break-glass
// episode on the patient, with the emergency access the record gateway asks about. Plus a canary that publishes
// on purpose what the observer must learn (in clear, or under hashes anyone can compute), so
// the observer is seen to learn what is there to learn through each of its channels.
//
// Every place where the scenario or the observer's learners touch the *representation* of
// sensitive data is one small named function in the first part of this file: how a data
// class is written in a consent or a record, which account the patient acts through at a
// provider, how a participant's name is committed, and what the observer may try to
// compute. Issue 18 changes the representation: data classes become 16-byte blinded tags
// (blake2_128("medchain:data-tag:v1" ‖ tagSecret ‖ class name)), the patient acts at each
// provider under a pseudonymous account (SURI + "//medchain//rel//" + the provider's SS58
// address, funded by the provider) and names become salted commitments. Switching the
// scenario is then a change to these functions (with the shared lib/keys.js), not to the
// steps or to the observer.
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex, blake2AsU8a, isAddress, keccakAsU8a, randomAsHex, sha256AsU8a } from '@polkadot/util-crypto';
import { sendAndWait } from './node.js';
import { eventOf, execute } from './contracts.js';
import { registerParticipant } from './participants.js';
import { step, shortHash } from './journey.js';
import { relationshipAccount } from './accounts.js';
import { DATA_CLASSES, tagSecret, dataTag as tagOf, emergencyHandle, nameSalt, nameCommitment as commitName } from './keys.js';

/** The data classes, in declaration order (lib/keys.js). */
export { DATA_CLASSES };

/** The sensitive classes the scenario's patient has records of. */
export const SENSITIVE_CLASSES = ['SubstanceUse', 'MentalHealth', 'SexualHealth', 'Genomics'];

const MED = 1_000_000_000_000n;

// ----------------------------------------------------------------------------------------
// The representation: the only functions that change when it does
// ----------------------------------------------------------------------------------------

/**
 * A data class as the scenario writes it into a consent, a request or a record of the
 * patient's relationship with `counterparty`: that relationship's 16-byte tag of the class
 * (the class blinded with the relationship account's tag secret, which the patient gives
 * that provider off chain), as hex.
 */
export function classValue(scenario, counterparty, className) {
  return tagOf(tagSecret(patientAt(scenario, counterparty).suri), className);
}

/**
 * The key pair the patient of `scenario` acts through with `counterparty` (a provider's
 * address, or a role such as 'Researcher' for a consent to everyone holding it): the
 * pseudonymous relationship account, SURI + "//medchain//rel//" + the provider's address. A
 * consent to a role is about the records the patient has at the scenario's hospital, so it
 * is given from the relationship with that hospital.
 */
export function patientAt(scenario, counterparty) {
  const provider = isAddress(counterparty) ? counterparty : scenario.hospital.address;
  const pair = scenario.relationshipsBy[provider];
  assert.ok(pair, `the patient has no relationship with ${provider} yet (openRelationship first)`);
  return pair;
}

/**
 * Open the relationship of the patient with `provider` (a key pair) before the provider or
 * the patient acts in it: the provider funds the pseudonymous account, so no transfer links
 * it to the patient.
 */
export async function openRelationship(api, scenario, provider) {
  const pair = await relationshipAccount(api, scenario.patient, provider);
  scenario.relationshipsBy[provider.address] = pair;
  return pair;
}

/**
 * What a participant's registration stores for its name, for a `participant` with a `name`
 * and a `suri` (its key material): the salted commitment, with the salt derived from the
 * SURI (lib/keys.js), which never goes on chain.
 */
export function nameCommitment(participant) {
  return commitName(nameSalt(participant.suri), participant.name);
}

/**
 * Every account the scenario's patient acts through: today one, their own; next, their own
 * and each relationship account. Facets (a) and (c) assert that the observer learns nothing
 * about any of them: a pseudonym's records and emergencies are still the patient's.
 */
export function patientAccounts(scenario) {
  return [...new Set([scenario.patient.address, ...scenario.relationships.map((pair) => pair.address)])];
}

/**
 * The account that names the patient as a person: their own. Facet (b) asserts that no
 * provider's list of patients holds it. (A provider's pseudonymous relationship accounts
 * are its patients by design: the hospital funds them, and each is unlinkable to the person
 * and to their relationships elsewhere; how many a provider has stays visible.)
 */
export function patientIdentity(scenario) {
  return scenario.patient.address;
}

// ----------------------------------------------------------------------------------------
// What the observer may compute: its guesses at the representation
// ----------------------------------------------------------------------------------------

/**
 * The data tag of `className` under `tagSecret`, as the coming representation defines it:
 * blake2_128("medchain:data-tag:v1" ‖ tagSecret ‖ class name in ASCII). The observer uses
 * it to try secrets it can know (none, a public key, bytes found on chain). The same
 * construction as lib/keys.js's `dataTag` (the scenario's switch will use that one), kept here
 * as bytes so that the observer's guesses do not depend on the code they test.
 */
export function dataTag(tagSecret, className) {
  return blake2AsU8a(u8aConcat(stringToU8a('medchain:data-tag:v1'), tagSecret, stringToU8a(className)), 128);
}

/**
 * The tag secret the coming representation derives from a public key: blake2_256(
 * "medchain:tag-secret:v1" ‖ the sr25519 public key of SURI + "//medchain//tag-secret").
 * It is secret only while that public key is: the observer tries every public key it sees.
 */
export function tagSecretOf(publicKey) {
  return blake2AsU8a(u8aConcat(stringToU8a('medchain:tag-secret:v1'), publicKey), 256);
}

/**
 * Every 16- or 32-byte string the observer can compute from a data class name without a
 * secret, or with a secret it can find: plain hashes of the name; the data tag with an empty
 * secret; with each public key it has seen as the secret, and with the tag secret derived
 * from it; and with each 32-byte string it has seen on chain as the secret (a tag secret
 * that leaked anywhere unlocks every tag made with it). Returns Map(hex without 0x ->
 * { class, how }).
 */
export function classGuesses(publicKeys, seen32 = []) {
  const guesses = new Map();
  const add = (bytes, cls, how) => guesses.set(Buffer.from(bytes).toString('hex'), { class: cls, how });
  const hex = (key) => `${u8aToHex(key).slice(0, 10)}…`;
  for (const cls of DATA_CLASSES) {
    const ascii = stringToU8a(cls);
    add(blake2AsU8a(ascii, 128), cls, `the blake2-128 hash of "${cls}"`);
    add(blake2AsU8a(ascii, 256), cls, `the blake2-256 hash of "${cls}"`);
    add(dataTag(new Uint8Array(), cls), cls, `the data tag of ${cls} with no secret`);
    for (const secret of seen32) add(dataTag(secret, cls), cls, `the data tag of ${cls} under the secret ${hex(secret)} found on chain`);
    for (const key of publicKeys) {
      add(dataTag(key, cls), cls, `the data tag of ${cls} keyed by the public key ${hex(key)}`);
      add(dataTag(tagSecretOf(key), cls), cls, `the data tag of ${cls} with the tag secret of the public key ${hex(key)}`);
    }
  }
  return guesses;
}

/**
 * The hashes a registry might keep of `name` without a secret salt: plain hashes (blake2-256
 * and -128, sha-256, keccak-256) of its common spellings, and the coming commitment
 * (blake2-256("medchain:name:v1" ‖ salt ‖ name)) with an empty salt. Hex, 0x-prefixed.
 */
export function nameGuesses(name) {
  const spellings = [...new Set([name, name.trim(), name.toLowerCase(), name.toUpperCase()])];
  return spellings.flatMap((s) => {
    const bytes = stringToU8a(s);
    return [blake2AsU8a(bytes, 256), blake2AsU8a(bytes, 128), sha256AsU8a(bytes), keccakAsU8a(bytes),
      blake2AsU8a(u8aConcat(stringToU8a('medchain:name:v1'), bytes), 256)].map((h) => u8aToHex(h));
  });
}

/**
 * The hashes of `name` salted with `salt`: before or after the name, and as the coming
 * commitment blake2-256("medchain:name:v1" ‖ salt ‖ name). Hex, 0x-prefixed.
 */
export function saltedNameGuesses(name, salt) {
  const bytes = stringToU8a(name);
  return [u8aConcat(salt, bytes), u8aConcat(bytes, salt), u8aConcat(stringToU8a('medchain:name:v1'), salt, bytes)]
    .map((b) => u8aToHex(blake2AsU8a(b, 256)));
}

// ----------------------------------------------------------------------------------------
// The observer's dictionary of names
// ----------------------------------------------------------------------------------------

/** The names the dev chain's genesis registers its participants under (runtime/src/genesis_config_presets.rs). */
export const DEV_PARTICIPANT_NAMES = [
  'MedChain Dev Regulator', 'MedChain Dev Auditor', 'Dev General Hospital', 'Dev Research Institute',
  'Dev Pharma Manufacturing', 'Dev Anomaly Oracle', 'Dev Wholesale', 'Dev Cold-Chain Logistics',
  'Dev Community Pharmacy',
];

/** The participants this scenario registers, and their names. */
export const SCENARIO_PARTICIPANTS = {
  hospital: { suri: '//StMarysHospital', name: 'St Mary\'s Hospital', roles: ['Hospital'] },
  clinician: { suri: '//DrAmeliaHart', name: 'Dr Amelia Hart', roles: ['Clinician'] },
};

/** The canary's participant, whose name is published unsalted on purpose. */
export const CANARY_PARTICIPANT = { suri: '//CanaryClinic', name: 'Canary Clinic', roles: ['Hospital'] };

const FIRST_NAMES = ['Amelia', 'Olivia', 'Emma', 'Ava', 'Sophia', 'Isabella', 'Mia', 'Charlotte', 'Grace', 'Hannah',
  'Sarah', 'Anna', 'Maria', 'Fatima', 'Aisha', 'Mei', 'Priya', 'Elena', 'Laura', 'Julia', 'James', 'John', 'Robert',
  'Michael', 'William', 'David', 'Richard', 'Thomas', 'Daniel', 'Matthew', 'Oliver', 'Jack', 'Harry', 'George',
  'Noah', 'Liam', 'Mohammed', 'Ahmed', 'Wei', 'Raj', 'Lucas', 'Luca', 'Jan', 'Peter', 'Paul'];
const SURNAMES = ['Smith', 'Jones', 'Williams', 'Brown', 'Taylor', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson',
  'Roberts', 'Walker', 'Wright', 'Robinson', 'Thompson', 'White', 'Hughes', 'Edwards', 'Green', 'Hall', 'Wood',
  'Harris', 'Lewis', 'Martin', 'Jackson', 'Clarke', 'Hart', 'Patel', 'Khan', 'Singh', 'Chen', 'Wang', 'Garcia',
  'Martinez', 'Rodriguez', 'Muller', 'Schmidt', 'Rossi', 'Okafor', 'Nguyen', 'Kim', 'Lee', 'Murphy', 'Kelly'];
const PLACES = ['St Mary\'s', 'St Thomas\'', 'St George\'s', 'St John\'s', 'St Luke\'s', 'Royal', 'City', 'County',
  'General', 'Memorial', 'University', 'Children\'s', 'Community', 'Central', 'North', 'South', 'East', 'West',
  'London', 'Manchester', 'Birmingham', 'Leeds', 'Glasgow', 'Dublin', 'Berlin', 'Paris', 'Boston', 'Springfield'];
const KINDS = ['Hospital', 'General Hospital', 'Infirmary', 'Royal Infirmary', 'Clinic', 'Medical Centre',
  'Medical Center', 'Health Centre', 'Pharmacy', 'Research Institute', 'Hospital Trust'];

/**
 * The observer's dictionary: the names the journeys and the scenario use, and common
 * people's and places' names (people bare and as "Dr …"). Unsalted hashes of any of them
 * are reversed by trying them all.
 */
export function nameDictionary() {
  const people = FIRST_NAMES.flatMap((f) => SURNAMES.flatMap((s) => [`${f} ${s}`, `Dr ${f} ${s}`, `Dr. ${f} ${s}`]));
  const places = PLACES.flatMap((p) => KINDS.map((k) => `${p} ${k}`));
  return [...new Set([...DEV_PARTICIPANT_NAMES, ...Object.values(SCENARIO_PARTICIPANTS).map((p) => p.name),
    CANARY_PARTICIPANT.name, ...people, ...places])];
}

/** The names the observer also tries salted with bytes it finds beside a hash (a short list: it is costly). */
export function saltedDictionary() {
  return [...DEV_PARTICIPANT_NAMES, ...Object.values(SCENARIO_PARTICIPANTS).map((p) => p.name), CANARY_PARTICIPANT.name];
}

// ----------------------------------------------------------------------------------------
// The scenario
// ----------------------------------------------------------------------------------------

/**
 * One provision of a consent in the relationship with `counterparty`: `kind` for `purposes`
 * on `classes` (written as `classValue`).
 */
const provision = (scenario, counterparty, kind, purposes, classes) => ({
  kind,
  rule: { purposes, dataTags: classes.map((c) => classValue(scenario, counterparty, c)), actions: [], dataPeriod: null },
  exceptions: [],
});

/** What the consent pallet decides now for `accessor` on the patient's `className` data. */
async function decision(api, scenario, counterparty, accessor, purpose, className) {
  const patient = patientAt(scenario, counterparty).address;
  return (await api.call.consentApi.checkAccess(patient, accessor, purpose, classValue(scenario, counterparty, className), 'Access', null, null, null)).toJSON();
}

/**
 * The sensitive scenario's steps, on the chain `api` reaches, with the dev `accounts` (its
 * `regulator` is the sudo key) and the deployed `contracts`. `patientSuri` names the
 * patient (a funded account with no role). Returns `{ title, steps, scenario }`; `scenario`
 * fills in as the steps run (`done` once the last has).
 */
export function sensitiveScenario({ api, accounts, contracts, patientSuri = '//Dave//stash' }) {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const { regulator: sudo, hospital: devHospital } = accounts;
  const researcher = keyring.addFromUri('//Bob//stash');
  const { accessGrants } = contracts;
  /** A key pair with its `label` and `suri` (its key material), as lib/accounts.js gives them. */
  const pairOf = ({ suri }) => Object.assign(keyring.addFromUri(suri), { label: suri.slice(2), suri });
  const scenario = {
    patientSuri,
    patient: pairOf({ suri: patientSuri }),
    hospital: pairOf(SCENARIO_PARTICIPANTS.hospital),
    clinician: pairOf(SCENARIO_PARTICIPANTS.clinician),
    canaryClinic: pairOf(CANARY_PARTICIPANT),
    canaryPatient: pairOf({ suri: '//ObserverCanaryPatient' }),
    canaryOther: pairOf({ suri: '//ObserverCanaryPatient//other' }),
    relationships: [],
    relationshipsBy: {},
    records: {},
    done: false,
  };
  const { hospital, clinician } = scenario;
  const fund = (address, med) => sendAndWait(api, api.tx.balances.transferKeepAlive(address, med * MED), sudo);

  return {
    title: 'Sensitive scenario',
    scenario,
    steps: [
      step(`Governance registers ${SCENARIO_PARTICIPANTS.hospital.name} (a hospital) and ${SCENARIO_PARTICIPANTS.clinician.name} (a clinician there), each under a commitment to its name`, async () => {
        for (const [pair, participant] of [[hospital, SCENARIO_PARTICIPANTS.hospital], [clinician, SCENARIO_PARTICIPANTS.clinician]]) {
          const { roles } = participant;
          await registerParticipant(api, sudo, pair.address, roles, nameCommitment(participant));
          await fund(pair.address, 1000n);
          const stored = (await api.query.participants.participants(pair.address)).unwrap();
          assert.deepEqual(stored.roles.toJSON(), roles);
        }
        // The patient's records are at St Mary's (its clinician works there); the deny to Dev
        // General Hospital is given from the patient's relationship with it.
        for (const counterparty of [hospital, devHospital]) {
          const pair = await openRelationship(api, scenario, counterparty);
          if (!scenario.relationships.includes(pair)) scenario.relationships.push(pair);
        }
        return `${hospital.address} is a hospital and ${clinician.address} a clinician; the chain holds commitments to their names.`;
      }),

      step(`${SCENARIO_PARTICIPANTS.hospital.name} registers the patient's ${SENSITIVE_CLASSES.join(', ')} records in the access-grants contract`, async () => {
        const patient = patientAt(scenario, hospital.address);
        for (const cls of SENSITIVE_CLASSES) {
          // The hash of where the encrypted record lives: random, as a real locator's is unguessable.
          const locator = randomAsHex(32);
          const { emitted } = await execute(accessGrants, hospital, 'registerRecord', patient.address, classValue(scenario, hospital.address, cls), locator);
          const registered = emitted.find((e) => e.name === 'RecordRegistered');
          assert.ok(registered, `RecordRegistered was emitted: ${JSON.stringify(emitted)}`);
          scenario.records[cls] = registered.record;
        }
        return `Records ${Object.entries(scenario.records).map(([c, r]) => `#${r} (${c})`).join(', ')}: hashes of locators only.`;
      }),

      step('The patient consents: the hospital may treat with their mental-health, substance-use and sexual-health data; researchers may not use their genomics or mental-health data; Dev General Hospital may not see their sexual-health or substance-use data', async () => {
        const grant = async (counterparty, grantee, provisions) => {
          const patient = patientAt(scenario, counterparty);
          const result = await sendAndWait(api,
            api.tx.consent.grantConsent(patient.address, grantee, provisions, null, { AfterDays: 30 }, null), patient);
          return eventOf(result.events, api.events.consent.ConsentGranted).data.consent.toNumber();
        };
        const consents = [
          await grant(hospital.address, { Participant: hospital.address },
            [provision(scenario, hospital.address, 'Permit', ['TREAT'], ['MentalHealth', 'SubstanceUse', 'SexualHealth'])]),
          await grant('Researcher', { Role: 'Researcher' }, [provision(scenario, 'Researcher', 'Deny', ['HRESCH'], ['Genomics', 'MentalHealth'])]),
          await grant(devHospital.address, { Participant: devHospital.address },
            [provision(scenario, devHospital.address, 'Deny', [], ['SexualHealth', 'SubstanceUse'])]),
        ];
        assert.deepEqual(await decision(api, scenario, hospital.address, hospital.address, 'TREAT', 'MentalHealth'), { permit: { consent: consents[0] } });
        assert.deepEqual(await decision(api, scenario, 'Researcher', researcher.address, 'HRESCH', 'Genomics'), { deny: { deniedByConsent: consents[1] } });
        assert.deepEqual(await decision(api, scenario, devHospital.address, devHospital.address, 'TREAT', 'SexualHealth'), { deny: { deniedByConsent: consents[2] } });
        return `Consents #${consents.join(', #')}: the pallet permits and denies exactly that.`;
      }),

      step(`${SCENARIO_PARTICIPANTS.hospital.name} asks the patient for consent to use their genomics data for treatment`, async () => {
        const patient = patientAt(scenario, hospital.address);
        const { events } = await sendAndWait(api,
          api.tx.consent.requestConsent(patient.address, [provision(scenario, hospital.address, 'Permit', ['TREAT'], ['Genomics'])], null, { AfterDays: 30 }, null),
          hospital);
        const requested = eventOf(events, api.events.consent.ConsentRequested);
        assert.ok(requested, 'Consent.ConsentRequested was emitted');
        return `Request #${requested.data.request.toNumber()} awaits the patient's answer.`;
      }),

      step(`In an emergency ${SCENARIO_PARTICIPANTS.clinician.name} breaks the glass under the patient's emergency handle, which the hospital's record gateway gave her; the gateway's question about the mental-health record is permitted`, async () => {
        const patient = patientAt(scenario, hospital.address);
        const secret = tagSecret(patient.suri);
        const handle = emergencyHandle(secret, patient.address);
        const { events } = await sendAndWait(api, api.tx.consent.breakGlass(handle, 'ETREAT', 30), clinician);
        const declared = eventOf(events, api.events.consent.BreakGlassDeclared);
        assert.ok(declared, 'Consent.BreakGlassDeclared was emitted');
        assert.equal(declared.data.subject.toHex(), handle);
        scenario.episode = declared.data.episode.toNumber();
        // The gateway asks its own node (an RPC query, no transaction) with the patient's secret.
        const asked = await api.call.consentApi.checkAccess(patient.address, clinician.address, 'ETREAT',
          classValue(scenario, hospital.address, 'MentalHealth'), 'Access', null, null, u8aToHex(secret));
        assert.deepEqual(asked.toJSON(), { permit: { breakGlass: scenario.episode } });
        return `Episode #${scenario.episode} (30 minutes, awaiting an auditor's review) names the patient only by the handle `
          + `${shortHash(handle)}; the gateway may release the mental-health record under it.`;
      }),

      step('A canary publishes on purpose what the observer must learn: a clinic registered under an unsalted name hash; a patient who remarks on their substance-use record there and a break-glass, and shares with a second account of theirs two data tags made with a secret anyone can compute', async () => {
        const { canaryClinic, canaryPatient, canaryOther } = scenario;
        // Unsalted on purpose, whatever `nameCommitment` does: the observer must recover it.
        await registerParticipant(api, sudo, canaryClinic.address, CANARY_PARTICIPANT.roles, blake2AsHex(CANARY_PARTICIPANT.name));
        await fund(canaryPatient.address, 10n);
        await fund(canaryOther.address, 10n);
        const remark = `canary: ${canaryPatient.address} has a SubstanceUse record at ${canaryClinic.address} and had a break-glass episode there`;
        await sendAndWait(api, api.tx.system.remark(remark), canaryPatient);
        // Tags under a tag secret derived from the canary's own public key: computable by all.
        const weak = tagSecretOf(canaryPatient.publicKey);
        for (const cls of ['Genomics', 'MentalHealth']) {
          for (const pair of [canaryPatient, canaryOther]) await sendAndWait(api, api.tx.system.remark(u8aToHex(dataTag(weak, cls))), pair);
        }
        scenario.done = true;
        return `Remarked: "${remark}", and the same Genomics and MentalHealth tags from ${canaryOther.address}; `
          + `the clinic's name hash is ${shortHash(blake2AsHex(CANARY_PARTICIPANT.name))}.`;
      }),
    ],
  };
}
