// The patient journey: a patient consents to a hospital in the consent pallet, a clinician
// registers a record in the access-grants contract, the patient grants access to it for two
// uses, the clinician uses them and is refused a third; revoking the pallet consent stops
// access even with uses left; a break-glass episode is told to the patient at once and
// reviewed by an auditor afterwards. Every step checks the chain's state and events.
import assert from 'node:assert/strict';
import { blake2AsHex } from '@polkadot/util-crypto';
import { sendAndWait, chainNow, listenFor, passTime } from '../node.js';
import { eventOf, query, send } from '../contracts.js';
import { step, when, med, short } from '../journey.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const NO_CONSENT = { deny: { noConsent: null } };

/**
 * The patient journey's steps, on the chain `api` reaches, with the dev `accounts` and the
 * deployed `accessGrants` contract. `runId` makes this run's off-chain locator its own.
 */
export function patientJourney({ api, accounts, accessGrants, runId }) {
  const { patient, hospital: clinician, auditor } = accounts;
  const tx = api.tx.consent;
  const s = {}; // what earlier steps made: ids the later ones use
  const topicOf = (pair) => api.createType('AccountId', pair.address).toHex();

  const checkAccess = async (purpose, dataClass = 'Observation') =>
    (await api.call.consentApi.checkAccess(patient.address, clinician.address, purpose, dataClass, 'Access', null, null)).toJSON();
  const grantOf = (grant) => query(accessGrants, patient, 'grantOf', grant);

  /** The clinician accesses the record under `grant`; checks the answer and the access trail. */
  const access = async (grant) => {
    const { value, emitted } = await send(accessGrants, clinician, 'access', grant, s.record, 'TREAT');
    assert.equal(emitted.length, 1, `one access-trail event: ${JSON.stringify(emitted)}`);
    const [logged] = emitted;
    assert.equal(logged.patient, patient.address);
    assert.equal(logged.accessor, clinician.address);
    assert.equal(logged.grant, grant);
    assert.equal(logged.record, s.record);
    assert.ok(logged.topics.includes(topicOf(patient)), 'the patient finds it by their own topic');
    return { outcome: value.ok, logged };
  };

  /** The clinician is granted the record: the locator and envelope come back, a use is counted. */
  const accessGranted = async (grant, use) => {
    const { outcome, logged } = await access(grant);
    assert.deepEqual(outcome, { granted: { locator: s.locator, envelope: s.envelope } });
    assert.equal(logged.name, 'Accessed');
    assert.equal((await grantOf(grant)).uses, use);
  };

  /** The clinician is refused for `reason`; the refusal is in the trail and no use is counted. */
  const accessRefused = async (grant, reason) => {
    const uses = (await grantOf(grant)).uses;
    const { outcome, logged } = await access(grant);
    assert.deepEqual(outcome, { refused: reason });
    assert.equal(logged.name, 'AccessRefused');
    assert.deepEqual(logged.reason, reason);
    assert.equal((await grantOf(grant)).uses, uses, 'a refused access uses nothing');
  };

  return {
    title: 'Patient journey',
    steps: [
      step(`The patient (${patient.label}) consents in the consent pallet: ${clinician.label}'s hospital may access their Observation data for treatment (TREAT), for 30 days`, async () => {
        assert.deepEqual(await checkAccess('TREAT'), NO_CONSENT,
          'before consenting, nothing lets the hospital in (a consent left by an earlier run must be revoked first)');
        const provisions = [{
          kind: 'Permit',
          rule: { purposes: ['TREAT'], dataClasses: ['Observation'], actions: [], dataPeriod: null },
          exceptions: [],
        }];
        const { events } = await sendAndWait(api,
          tx.grantConsent(patient.address, { Participant: clinician.address }, provisions, null, { AfterDays: 30 }, null),
          patient);
        const granted = eventOf(events, api.events.consent.ConsentGranted);
        assert.ok(granted, 'Consent.ConsentGranted was emitted');
        s.consent = granted.data.consent.toNumber();
        assert.equal(granted.data.patient.toString(), patient.address);
        assert.equal(granted.data.grantee.asParticipant.toString(), clinician.address);
        const stored = (await api.query.consent.consents(s.consent)).unwrap();
        const end = stored.period.end.unwrap().toNumber();
        assert.equal(end - stored.period.start.toNumber(), 30 * DAY_MS);
        const listed = (await api.call.consentApi.consentsOf(patient.address)).toJSON();
        assert.ok(listed.some(([id, status]) => id === s.consent && status === 'Active'), `listed active: ${JSON.stringify(listed)}`);
        assert.deepEqual(await checkAccess('TREAT'), { permit: { consent: s.consent } });
        assert.deepEqual(await checkAccess('HMARKT'), NO_CONSENT, 'for treatment only');
        assert.deepEqual(await checkAccess('TREAT', 'MentalHealth'), NO_CONSENT, 'for Observation data only');
        return `Consent #${s.consent} is active until ${when(end)}: treatment, Observation data, nothing else. `
          + `Its receipt ${short(granted.data.receipt.toHex())} proves what was agreed; `
          + `${med(stored.deposit.toBigInt())} is held from the patient until it is purged.`;
      }),

      step(`${clinician.label}, a clinician there, registers the patient's lab result in the access-grants contract`, async () => {
        // Only the hash of where the encrypted record lives goes on chain, never the record.
        s.locator = blake2AsHex(`ehr://dev-hospital/observations/lab-result-${runId}`);
        const { value, emitted } =
          await send(accessGrants, clinician, 'registerRecord', patient.address, 'Observation', s.locator);
        s.record = value.ok;
        assert.equal(typeof s.record, 'number', `a record number: ${JSON.stringify(value)}`);
        assert.deepEqual(emitted.map(({ name, patient: p, record, provider, dataClass }) => ({ name, p, record, provider, dataClass })),
          [{ name: 'RecordRegistered', p: patient.address, record: s.record, provider: clinician.address, dataClass: 'Observation' }]);
        const stored = await query(accessGrants, patient, 'record', s.record);
        assert.equal(stored.patient, patient.address);
        assert.equal(stored.provider, clinician.address);
        assert.equal(stored.locator, s.locator);
        return `Record #${s.record} (Observation) points to the encrypted lab result by the hash ${short(s.locator)}; `
          + 'no health data is on chain.';
      }),

      step(`The patient grants ${clinician.label} access to that record for treatment: 2 uses, for 7 days`, async () => {
        s.envelope = blake2AsHex(`record key sealed to ${clinician.address} ${runId}`);
        const terms = { expiresAt: (await chainNow(api)) + 7 * DAY_MS, maxUses: 2, reshareDepth: 0, envelope: s.envelope };
        const { value, emitted } = await send(accessGrants, patient, 'grant', clinician.address, [s.record], 'TREAT', terms);
        s.grant = value.ok;
        assert.deepEqual(emitted.map(({ name, grant, grantee }) => ({ name, grant, grantee })),
          [{ name: 'Granted', grant: s.grant, grantee: clinician.address }]);
        const stored = await grantOf(s.grant);
        assert.deepEqual({ ...stored, expiresAt: undefined }, {
          patient: patient.address, grantee: clinician.address, grantedBy: patient.address, records: [s.record],
          purpose: 'TREAT', expiresAt: undefined, maxUses: 2, uses: 0, reshareDepth: 0, parent: null,
          envelope: s.envelope, revoked: false,
        });
        assert.equal(await query(accessGrants, patient, 'isLive', s.grant), true);
        return `Grant #${s.grant}: record #${s.record}, treatment only, 2 uses, until ${when(stored.expiresAt)}, `
          + 'with the record key sealed to the clinician.';
      }),

      step(`${clinician.label} opens the record: use 1 of 2`, async () => {
        await accessGranted(s.grant, 1);
        return 'Granted: the clinician got the locator and the sealed key. The consent pallet was asked at this moment, '
          + 'and an Accessed event went to the patient\'s access trail.';
      }),

      step(`${clinician.label} opens it again: use 2 of 2`, async () => {
        await accessGranted(s.grant, 2);
        assert.equal(await query(accessGrants, patient, 'isLive', s.grant), false, 'no uses left');
        return 'Granted again; the grant has no uses left now.';
      }),

      step('A third access is refused: the uses are spent', async () => {
        await accessRefused(s.grant, { usesSpent: null });
        return 'Refused (UsesSpent), and the refusal is in the patient\'s access trail too.';
      }),

      step(`The patient grants 2 uses for a follow-up visit, and ${clinician.label} uses one`, async () => {
        const terms = { expiresAt: (await chainNow(api)) + 7 * DAY_MS, maxUses: 2, reshareDepth: 0, envelope: s.envelope };
        s.followUp = (await send(accessGrants, patient, 'grant', clinician.address, [s.record], 'TREAT', terms)).value.ok;
        await accessGranted(s.followUp, 1);
        return `Grant #${s.followUp}: the first access was granted; 1 use is left.`;
      }),

      step('The patient revokes the consent in the consent pallet: the next access is refused, though a use is left', async () => {
        const { events } = await sendAndWait(api, tx.revokeConsent(s.consent), patient);
        const revoked = eventOf(events, api.events.consent.ConsentRevoked);
        assert.ok(revoked, 'Consent.ConsentRevoked was emitted');
        assert.equal(revoked.data.consent.toNumber(), s.consent);
        assert.deepEqual(await checkAccess('TREAT'), NO_CONSENT);
        await accessRefused(s.followUp, { consentDenied: { noConsent: null } });
        const grant = await grantOf(s.followUp);
        assert.equal(grant.maxUses - grant.uses, 1, 'a use is left');
        assert.equal(await query(accessGrants, patient, 'isLive', s.followUp), true, 'the grant itself still stands');
        return `Consent #${s.consent} is revoked (receipt ${short(revoked.data.receipt.toHex())}). `
          + 'The contract asked the pallet at the access and was told NoConsent: refused in the same block, '
          + 'although the grant is live with 1 use left.';
      }),

      step(`Emergency: ${clinician.label} breaks the glass for 1 minute (ETREAT); the patient is told at once`, async () => {
        const reservedBefore = (await api.query.system.account(clinician.address)).data.reserved.toBigInt();
        // The patient's wallet listens to new blocks for anything naming them.
        const told = await listenFor(api, 'break-glass notice to the patient', (event) =>
          api.events.consent.BreakGlassDeclared.is(event) && event.data.patient.toString() === patient.address);
        const { events } = await sendAndWait(api, tx.breakGlass(patient.address, 'ETREAT', 1), clinician);
        const declared = eventOf(events, api.events.consent.BreakGlassDeclared);
        assert.ok(declared, 'Consent.BreakGlassDeclared was emitted');
        const notice = await told.event;
        s.episode = notice.data.episode.toNumber();
        assert.equal(s.episode, declared.data.episode.toNumber());
        assert.equal(notice.data.clinician.toString(), clinician.address);
        assert.equal(notice.data.reason.toString(), 'ETREAT');
        s.until = notice.data.until.toNumber();
        assert.deepEqual(await checkAccess('ETREAT'), { permit: { breakGlass: s.episode } });
        assert.deepEqual(await checkAccess('TREAT'), NO_CONSENT, 'emergency purposes only');
        const unreviewed = (await api.call.consentApi.unreviewedBreakGlass()).toJSON();
        assert.ok(unreviewed.some(([id]) => id === s.episode), `episode ${s.episode} awaits review`);
        const deposit = (await api.query.consent.episodes(s.episode)).unwrap().deposit.toBigInt();
        const reserved = (await api.query.system.account(clinician.address)).data.reserved.toBigInt();
        assert.equal(reserved - reservedBefore, deposit, 'the clinician\'s deposit is held until review');
        return `Episode #${s.episode}: emergency access until ${when(s.until)}. The patient's wallet saw `
          + `BreakGlassDeclared in the very block; the episode is listed for auditors and ${med(deposit)} is held from the clinician.`;
      }),

      step('The emergency window closes', async () => {
        const blocks = await passTime(api, clinician, s.until);
        assert.deepEqual(await checkAccess('ETREAT'), NO_CONSENT);
        return `After ${blocks} more blocks the chain's clock passed ${when(s.until)}: emergency access has ended by itself.`;
      }),

      step(`An auditor (${auditor.label}) reviews the episode: justified`, async () => {
        const reservedBefore = (await api.query.system.account(clinician.address)).data.reserved.toBigInt();
        const report = blake2AsHex(`break-glass review of episode ${s.episode}, ${runId}`);
        await assert.rejects(sendAndWait(api, tx.reviewBreakGlass(s.episode, 'Justified', report), clinician),
          /consent\.NotAnAuditor/, 'a clinician cannot review');
        const { events } = await sendAndWait(api, tx.reviewBreakGlass(s.episode, 'Justified', report), auditor);
        const reviewed = eventOf(events, api.events.consent.BreakGlassReviewed);
        assert.ok(reviewed, 'Consent.BreakGlassReviewed was emitted');
        assert.equal(reviewed.data.episode.toNumber(), s.episode);
        assert.equal(reviewed.data.patient.toString(), patient.address);
        assert.equal(reviewed.data.auditor.toString(), auditor.address);
        assert.equal(reviewed.data.finding.toString(), 'Justified');
        const unreviewed = (await api.call.consentApi.unreviewedBreakGlass()).toJSON();
        assert.ok(!unreviewed.some(([id]) => id === s.episode), 'no longer awaiting review');
        const returned = reservedBefore - (await api.query.system.account(clinician.address)).data.reserved.toBigInt();
        assert.ok(returned > 0n, 'the clinician\'s deposit came back');
        return `Reviewed: Justified, report ${short(report)}. The episode is closed and ${med(returned)} went back to the clinician.`;
      }),
    ],
  };
}
