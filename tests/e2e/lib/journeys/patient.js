// The patient journey: a patient consents to a hospital in the consent pallet and shares
// their tag secret with the hospital's record gateway; a clinician uploads the patient's lab
// result (a FHIR R4 Observation) to the gateway, which registers it in the access-grants
// contract; the patient grants access to it for two uses; the clinician accesses it on chain
// and fetches it from the gateway, twice, and is refused a third access and any second fetch
// of one access; revoking the pallet consent stops access even with uses left, and the
// gateway then refuses an access made before; the hospital's privacy officer reads the
// gateway's audit log; in an emergency the clinician breaks the glass under the
// patient's emergency handle (never their account), the record gateway's question is
// permitted while a contract's is not, the patient is told at once, and an auditor
// reviews the episode afterwards. Every step checks the chain's state and events.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { blake2AsHex } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { sendAndWait, chainNow, listenFor, passTime, DAY_MS } from '../node.js';
import { eventOf, query, execute, topicOf } from '../contracts.js';
import { step, chainTime, inMed, shortHash } from '../journey.js';
import { unreviewedBreakGlass } from '../pages.js';
import { tagSecret, dataTag, emergencyHandle } from '../keys.js';
import { signedFetch, shareTagSecret, accessRef, txIndexOf } from '../gateway.js';

/** A real lab result: FHIR R4's example Observation f001 (glucose in blood, CC0). */
const LAB_RESULT = new URL('../../../../gateway/tests/data/fhir/Observation-f001.json', import.meta.url);

const NO_CONSENT = { deny: { noConsent: null } };

/**
 * The patient journey's steps, on the chain `api` reaches, with the dev `accounts` (its
 * `patient` may be any funded account without a role, with its `suri`: the patient's tag
 * secret comes from it), the deployed `contracts`, and the URL of the hospital's record
 * gateway (`gateway`: medchain-gateway for the hospital, on `contracts.accessGrants`).
 * `runId` makes this run's records its own.
 */
export function patientJourney({ api, accounts, contracts, gateway, runId }) {
  const { patient, hospital: clinician, auditor } = accounts;
  const { accessGrants } = contracts;
  const tx = api.tx.consent;
  const made = {}; // what earlier steps made, for the later ones
  const reserved = async (pair) => (await api.query.system.account(pair.address)).data.reserved.toBigInt();

  assert.ok(patient.suri, 'the patient pair carries its suri (its tag secret comes from it)');
  assert.ok(gateway, 'the journey needs the hospital\'s record gateway (its URL)');
  // Data classes reach the chain only as the patient's tags: the patient and the hospital
  // (given the secret through its gateway) compute them; the chain compares them.
  const secret = tagSecret(patient.suri);
  const tagOf = (code) => dataTag(secret, code);
  // What a break-glass episode names instead of the patient; the hospital computes it from
  // the same secret and the patient's account, and gives it to the emergency clinician.
  const handle = emergencyHandle(secret, patient.address);
  /**
   * The registry's answer, asked as a contract asks, or (`asGateway`) as the record gateway
   * asks its own node: with the patient's tag secret, from which the registry computes the
   * handle for this patient.
   */
  const checkAccess = async (purpose, dataClass = 'Observation', asGateway = false) =>
    (await api.call.consentApi.checkAccess(patient.address, clinician.address, purpose, tagOf(dataClass), 'Access', null, null,
      asGateway ? u8aToHex(secret) : null)).toJSON();
  const grantOf = (grant) => query(accessGrants, patient, 'grantOf', grant);
  /** Whether a grant is live now, as access decides it: unrevoked, unexpired, uses left. */
  const isLive = async (grant) => {
    const { revoked, expiresAt, uses, maxUses } = await grantOf(grant);
    return !revoked && (await chainNow(api)) < expiresAt && uses < maxUses;
  };

  /** The patient grants the clinician the record for `purpose` and `maxUses`; returns the grant. */
  const grantRecord = async (purpose, maxUses) => {
    const terms = { expiresAt: (await chainNow(api)) + 7 * DAY_MS, maxUses, reshareDepth: 0, envelope: null };
    const { emitted } = await execute(accessGrants, patient, 'grant', clinician.address, [made.record], purpose, terms);
    const granted = emitted.find((e) => e.name === 'Granted');
    assert.ok(granted, `Granted was emitted: ${JSON.stringify(emitted)}`);
    assert.equal(granted.grantee, clinician.address);
    assert.ok(granted.topics.includes(topicOf(api, patient.address)) && granted.topics.includes(topicOf(api, clinician.address)),
      'patient and grantee find it by their own topics');
    const stored = await grantOf(granted.grant);
    assert.deepEqual(stored, {
      patient: patient.address, grantee: clinician.address, grantedBy: patient.address, records: [made.record],
      purpose, expiresAt: terms.expiresAt, maxUses, uses: 0, reshareDepth: 0, parent: null, children: [],
      revoked: false,
    }, 'the grant as stored');
    assert.equal(await isLive(granted.grant), true);
    return granted.grant;
  };

  /**
   * The clinician accesses the record under `grant` for `purpose`; checks that the attempt is
   * in the patient's access trail, under the patient's topic. Returns the answer and the event.
   */
  const access = async (grant, purpose = 'TREAT') => {
    const { emitted, events, blockHash } = await execute(accessGrants, clinician, 'access', grant, made.record, purpose);
    assert.equal(emitted.length, 1, `one access-trail event: ${JSON.stringify(emitted)}`);
    const [logged] = emitted;
    assert.equal(logged.patient, patient.address);
    assert.equal(logged.accessor, clinician.address);
    assert.equal(logged.grant, grant);
    assert.equal(logged.record, made.record);
    assert.ok(logged.topics.includes(topicOf(api, patient.address)), 'the patient finds it by their own topic');
    // What the clinician names at the gateway: this event, by its block and place.
    logged.ref = await accessRef(api, accessGrants, blockHash, txIndexOf(events), logged.name);
    return logged;
  };

  /**
   * The clinician is granted the record: an Accessed event, and use number `use` is counted.
   * Returns the access, for the gateway.
   */
  const accessGranted = async (grant, use, purpose = 'TREAT') => {
    const logged = await access(grant, purpose);
    assert.deepEqual({ name: logged.name, purpose: logged.purpose }, { name: 'Accessed', purpose });
    assert.equal((await grantOf(grant)).uses, use);
    return logged.ref;
  };

  /**
   * The clinician is refused for `reason`: an AccessRefused event, and no use is counted.
   * Returns the refusal's event, which the gateway must not take for an access.
   */
  const accessRefused = async (grant, reason, purpose = 'TREAT') => {
    const uses = (await grantOf(grant)).uses;
    const logged = await access(grant, purpose);
    assert.deepEqual({ name: logged.name, reason: logged.reason }, { name: 'AccessRefused', reason });
    assert.equal((await grantOf(grant)).uses, uses, 'a refused access uses nothing');
    return logged.ref;
  };

  /** The clinician fetches the record from the gateway under the access `ref`. */
  const fetchRecord = (ref) => signedFetch(gateway, clinician, { path: made.location, access: ref });

  /** The clinician fetches under `ref` and gets the very bytes uploaded. */
  const fetchReleased = async (ref) => {
    const fetched = await fetchRecord(ref);
    assert.equal(fetched.status, 200, `released: ${fetched.text}`);
    assert.equal(fetched.text, made.upload, 'the bytes the hospital uploaded');
    assert.equal(fetched.headers.get('content-type'), 'application/fhir+json');
  };

  /** The gateway refuses a fetch under `ref` with `status`, saying `why`; returns what it said. */
  const fetchRefused = async (ref, status, why) => {
    const fetched = await fetchRecord(ref);
    assert.equal(fetched.status, status, `refused: ${fetched.text}`);
    assert.equal(fetched.json?.resourceType, 'OperationOutcome', fetched.text);
    const said = fetched.json.issue[0].diagnostics;
    assert.match(said, why);
    assert.doesNotMatch(fetched.text, /15074-8/, 'nothing of the record');
    return said;
  };

  return {
    title: 'Patient journey',
    steps: [
      step(`The patient (${patient.label}) consents in the consent pallet: ${clinician.label}'s hospital may access their Observation data for treatment (TREAT), for 30 days`, async () => {
        assert.deepEqual(await checkAccess('TREAT'), NO_CONSENT, 'before consenting, nothing lets the hospital in');
        const provisions = [{
          kind: 'Permit',
          rule: { purposes: ['TREAT'], dataTags: [tagOf('Observation')], actions: [], dataPeriod: null },
          exceptions: [],
        }];
        const { events } = await sendAndWait(api,
          tx.grantConsent(patient.address, { Participant: clinician.address }, provisions, null, { AfterDays: 30 }, null),
          patient);
        const granted = eventOf(events, api.events.consent.ConsentGranted);
        assert.ok(granted, 'Consent.ConsentGranted was emitted');
        made.consent = granted.data.consent.toNumber();
        assert.equal(granted.data.patient.toString(), patient.address);
        assert.equal(granted.data.grantee.asParticipant.toString(), clinician.address);
        const stored = (await api.query.consent.consents(made.consent)).unwrap();
        assert.equal(granted.data.receipt.toHex(), blake2AsHex(stored.toU8a()),
          'the receipt is the hash of the consent as stored');
        const end = stored.period.end.unwrap().toNumber();
        assert.equal(end - stored.period.start.toNumber(), 30 * DAY_MS);
        const listed = (await api.call.consentApi.consentsOf(patient.address)).toJSON();
        assert.ok(listed.some(([id, status]) => id === made.consent && status === 'Active'), `listed active: ${JSON.stringify(listed)}`);
        assert.deepEqual(await checkAccess('TREAT'), { permit: { consent: made.consent } });
        assert.deepEqual(await checkAccess('HMARKT'), NO_CONSENT, 'for treatment only');
        assert.deepEqual(await checkAccess('TREAT', 'MentalHealth'), NO_CONSENT, 'for Observation data only');
        return `Consent #${made.consent} is active until ${chainTime(end)}: treatment, Observation data, nothing else. `
          + `Its receipt ${shortHash(granted.data.receipt.toHex())} (the hash of the consent) proves what was agreed; `
          + `${inMed(stored.deposit.toBigInt())} is held from the patient until it is purged.`;
      }),

      step('The patient shares their tag secret with the hospital\'s record gateway, sealed to the hospital\'s key', async () => {
        const provider = await (await fetch(`${gateway}/medchain/provider`)).json();
        assert.equal(provider.provider, clinician.address, 'the hospital\'s gateway');
        assert.equal(provider.accessGrants, accessGrants.address.toString(), 'on the deployed access-grants contract');
        const shared = await shareTagSecret(gateway, patient, secret);
        assert.equal(shared.status, 200, shared.text);
        assert.deepEqual(shared.json, { patient: patient.address, provider: clinician.address });
        return 'The patient\'s wallet sealed the secret to the hospital\'s chain key (only that key opens it) and signed '
          + 'the request; the gateway opened it to check it and keeps it sealed. It turns data classes into the patient\'s '
          + 'tags, and it is never logged or put on chain.';
      }),

      step(`${clinician.label}, a clinician there, uploads the patient's lab result, a FHIR R4 Observation, to the hospital's record gateway, which registers it in the access-grants contract`, async () => {
        const resource = JSON.parse(readFileSync(LAB_RESULT, 'utf8'));
        resource.subject = { reference: `Patient/${patient.address}` };
        resource.identifier[0].value = `lab-${runId}`;
        made.upload = JSON.stringify(resource, null, 2);
        const uploaded = await signedFetch(gateway, clinician, { method: 'POST', path: '/fhir/Observation', body: made.upload, patient: patient.address });
        assert.equal(uploaded.status, 201, uploaded.text);
        made.location = uploaded.headers.get('location');
        assert.match(made.location, /^\/fhir\/Observation\/[\w-]+$/);
        made.record = Number(uploaded.headers.get('x-medchain-record'));
        // Only the hash of where the encrypted record lives goes on chain, never the record.
        made.locator = blake2AsHex(`${gateway}${made.location}`);
        const stored = await query(accessGrants, patient, 'record', made.record);
        assert.deepEqual([stored.patient, stored.provider, stored.dataTag, stored.locator],
          [patient.address, clinician.address, tagOf('Observation'), made.locator]);
        // No one may read it without an access, the clinician included.
        const unasked = await signedFetch(gateway, clinician, { path: made.location });
        assert.equal(unasked.status, 400, unasked.text);
        assert.match(unasked.json.issue[0].diagnostics, /name your on-chain access/);
        return `The gateway checked the FHIR resource (an Observation about this patient: glucose in blood), sealed it `
          + `under a key of its own, stored it at ${made.location} and registered record #${made.record} as the hospital: `
          + `on chain only the patient's tag ${shortHash(tagOf('Observation'))} for its class and the hash `
          + `${shortHash(made.locator)} of its locator. No health data is on chain.`;
      }),

      step(`The patient grants ${clinician.label} access to that record for treatment: 2 uses, for 7 days`, async () => {
        made.grant = await grantRecord('TREAT', 2);
        const { expiresAt } = await grantOf(made.grant);
        return `Grant #${made.grant}: record #${made.record}, treatment only, 2 uses, until ${chainTime(expiresAt)}. `
          + 'It carries no key: the record\'s key never leaves the gateway, which releases the record itself.';
      }),

      step(`${clinician.label} opens the record on chain and fetches it from the gateway: use 1 of 2`, async () => {
        made.firstAccess = await accessGranted(made.grant, 1);
        await fetchReleased(made.firstAccess);
        return 'Granted: the consent pallet was asked at this moment, and an Accessed event went to the patient\'s '
          + 'access trail. The clinician named that event in a request signed with their key; the gateway found it '
          + 'finalised, asked the consent pallet again, and released the lab result: the bytes uploaded.';
      }),

      step(`${clinician.label} opens it again: use 2 of 2; fetching twice under one access is refused`, async () => {
        made.secondAccess = await accessGranted(made.grant, 2);
        await fetchReleased(made.secondAccess);
        assert.equal(await isLive(made.grant), false, 'no uses left');
        const said = await fetchRefused(made.firstAccess, 409, /redeemed already/);
        return `Granted and released again; the grant has no uses left now. Fetching again under the first access: "${said}"`;
      }),

      step('A third access is refused: the uses are spent; the gateway does not take the refusal for an access', async () => {
        made.refusal = await accessRefused(made.grant, 'UsesSpent');
        const said = await fetchRefused(made.refusal, 403, /no finalised Accessed event/);
        return `Refused (UsesSpent), and the refusal is in the patient's access trail too. Named at the gateway: "${said}"`;
      }),

      step(`The patient grants 2 uses for a follow-up visit, and ${clinician.label} uses one, to fetch the record later`, async () => {
        made.followUp = await grantRecord('TREAT', 2);
        made.unfetched = await accessGranted(made.followUp, 1);
        return `Grant #${made.followUp}: the first access was granted; 1 use is left. The clinician has not fetched the record yet.`;
      }),

      step('The patient revokes the consent in the consent pallet: the next access is refused, though a use is left', async () => {
        const deposit = (await api.query.consent.consents(made.consent)).unwrap().deposit.toBigInt();
        const { events } = await sendAndWait(api, tx.revokeConsent(made.consent), patient);
        const revoked = eventOf(events, api.events.consent.ConsentRevoked);
        assert.ok(revoked, 'Consent.ConsentRevoked was emitted');
        assert.equal(revoked.data.consent.toNumber(), made.consent);
        assert.deepEqual(await checkAccess('TREAT'), NO_CONSENT);
        await accessRefused(made.followUp, 'NoConsent');
        const grant = await grantOf(made.followUp);
        assert.equal(grant.maxUses - grant.uses, 1, 'a use is left');
        assert.equal(await isLive(made.followUp), true, 'the grant itself still stands');
        // The access made before the revocation releases nothing now: the gateway asks again.
        const said = await fetchRefused(made.unfetched, 403, /consent no longer permits/);
        // A revoked consent may be purged at once: its storage goes and the deposit comes back.
        const before = await reserved(patient);
        const purged = await sendAndWait(api, tx.purgeConsent(made.consent), patient);
        assert.equal(eventOf(purged.events, api.events.consent.ConsentPurged).data.refunded.toBigInt(), deposit);
        assert.ok((await api.query.consent.consents(made.consent)).isNone);
        assert.equal(before - (await reserved(patient)), deposit);
        return `Consent #${made.consent} is revoked (receipt ${shortHash(revoked.data.receipt.toHex())}). The contract asked `
          + 'the pallet at the next access and was told NoConsent: refused, although the grant is live with 1 use left. '
          + `The clinician's access from before the revocation is refused at the gateway too: "${said}" `
          + `The patient then purged the revoked consent and got the ${inMed(deposit)} deposit back.`;
      }),

      step(`The hospital's privacy officer reads the record gateway's audit log: every release and refusal, with its reason`, async () => {
        const log = await signedFetch(gateway, clinician, { path: '/medchain/audit?limit=1000' });
        assert.equal(log.status, 200, log.text);
        const mine = log.json.entries.filter((e) => e.resource === made.location.replace('/fhir/', ''));
        const releases = mine.filter((e) => e.action === 'release');
        assert.deepEqual(releases.map((e) => [e.access, e.outcome]), [
          ['-', 'refused'], [made.firstAccess, 'released'], [made.secondAccess, 'released'], [made.firstAccess, 'refused'],
          [made.refusal, 'refused'], [made.unfetched, 'refused'],
        ], `the releases and refusals of this record, in order: ${JSON.stringify(releases)}`);
        assert.ok(releases.every((e) => e.actor === clinician.address));
        assert.match(releases[0].reason, /^invalid: .*name your on-chain access/);
        assert.match(releases[3].reason, /^conflict: .*redeemed already/);
        assert.match(releases[4].reason, /^forbidden: .*no finalised Accessed event/);
        assert.match(releases[5].reason, /^forbidden: .*consent/);
        assert.ok(mine.some((e) => e.action === 'upload' && e.outcome === 'stored'));
        assert.ok(!JSON.stringify(log.json).includes(u8aToHex(secret).slice(2)), 'never the tag secret');
        // The log is the hospital's: the patient's own trail is the chain's access events.
        const theirs = await signedFetch(gateway, patient, { path: '/medchain/audit' });
        assert.equal(theirs.status, 403, theirs.text);
        return `${mine.length} entries for this record: stored once, released twice, refused four times (a fetch naming `
          + 'no access, an access fetched twice, a refused access named, an access from before the revocation), each with who asked, under '
          + 'which on-chain access and why. The log is append-only: the database refuses to change or delete an entry.';
      }),

      step(`Emergency: ${clinician.label} breaks the glass for 1 minute under the patient's emergency handle; the record gateway may open the record, the patient is told at once`, async () => {
        const heldBefore = await reserved(clinician);
        // The patient's wallet listens to new blocks for their emergency handle: the chain
        // names no patient account in an episode.
        const wallet = await listenFor(api, 'break-glass notice to the patient', (event) =>
          api.events.consent.BreakGlassDeclared.is(event) && event.data.subject.toHex() === handle);
        try {
          const { events } = await sendAndWait(api, tx.breakGlass(handle, 'ETREAT', 1), clinician);
          const declared = eventOf(events, api.events.consent.BreakGlassDeclared);
          assert.ok(declared, 'Consent.BreakGlassDeclared was emitted');
          const notice = await wallet.event;
          made.episode = notice.data.episode.toNumber();
          assert.equal(made.episode, declared.data.episode.toNumber());
          assert.equal(notice.data.clinician.toString(), clinician.address);
          assert.equal(notice.data.reason.toString(), 'ETREAT');
          made.until = notice.data.until.toNumber();
        } finally {
          wallet.stop();
        }
        // The record gateway asks with the secret (an RPC query, not a transaction): permitted.
        assert.deepEqual(await checkAccess('ETREAT', 'Observation', true), { permit: { breakGlass: made.episode } });
        assert.deepEqual(await checkAccess('TREAT', 'Observation', true), NO_CONSENT, 'emergency purposes only');
        // A contract asks without it (its transaction would put the patient next to the
        // emergency), so the episode opens nothing through a grant: the record is released by
        // the gateway, and nothing on chain ties the emergency to the patient's account.
        assert.deepEqual(await checkAccess('ETREAT'), NO_CONSENT);
        const unreviewed = await unreviewedBreakGlass(api);
        assert.ok(unreviewed.some(([id]) => id === made.episode), `episode ${made.episode} awaits review`);
        assert.equal(JSON.stringify((await api.query.consent.episodes(made.episode)).toJSON()).includes(patient.address), false,
          'the stored episode does not name the patient\'s account');
        made.episodeDeposit = (await api.query.consent.episodes(made.episode)).unwrap().deposit.toBigInt();
        assert.equal((await reserved(clinician)) - heldBefore, made.episodeDeposit, 'the clinician\'s deposit is held until review');
        return `Episode #${made.episode}, until ${chainTime(made.until)}, names the patient only by their emergency handle `
          + `${shortHash(handle)}: the patient's wallet saw BreakGlassDeclared under it in the very block. The record `
          + 'gateway, asking its own node with the patient\'s tag secret, is permitted to open the record; a contract, '
          + `asking in a transaction anyone reads, is not. The episode is listed for auditors; ${inMed(made.episodeDeposit)} `
          + 'is held from the clinician.';
      }),

      step('The emergency window closes', async () => {
        const blocks = await passTime(api, clinician, made.until);
        assert.deepEqual(await checkAccess('ETREAT', 'Observation', true), NO_CONSENT);
        return `After ${blocks} more blocks the chain's clock passed ${chainTime(made.until)}: `
          + 'emergency access has ended by itself.';
      }),

      step(`An auditor (${auditor.label}) reviews the episode: justified`, async () => {
        const heldBefore = await reserved(clinician);
        const report = blake2AsHex(`break-glass review of episode ${made.episode}, ${runId}`);
        await assert.rejects(sendAndWait(api, tx.reviewBreakGlass(made.episode, 'Justified', report), clinician),
          /consent\.NotAnAuditor/, 'a clinician cannot review');
        const { events } = await sendAndWait(api, tx.reviewBreakGlass(made.episode, 'Justified', report), auditor);
        const reviewed = eventOf(events, api.events.consent.BreakGlassReviewed);
        assert.ok(reviewed, 'Consent.BreakGlassReviewed was emitted');
        assert.deepEqual(
          [reviewed.data.episode.toNumber(), reviewed.data.subject.toHex(), reviewed.data.auditor.toString(),
            reviewed.data.finding.toString(), reviewed.data.reportHash.toHex()],
          [made.episode, handle, auditor.address, 'Justified', report]);
        const unreviewed = await unreviewedBreakGlass(api);
        assert.ok(!unreviewed.some(([id]) => id === made.episode), 'no longer awaiting review');
        assert.equal(heldBefore - (await reserved(clinician)), made.episodeDeposit, 'the clinician\'s deposit came back');
        return `Reviewed: Justified, report ${shortHash(report)}. The episode is closed and `
          + `${inMed(made.episodeDeposit)} went back to the clinician.`;
      }),
    ],
  };
}
