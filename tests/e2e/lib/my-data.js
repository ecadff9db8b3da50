// "What does the chain hold about me?" (GDPR Art. 15): given a patient's key material (their
// SURI), everything on chain linked to them, in plain words. The chain names a patient only
// by accounts and blinded values an observer cannot tie to them (docs/privacy.md); with the
// key, the patient can: their own account, their account with each registered provider
// (lib/keys.js), the data tags of each (so every class reads in clear again) and its
// emergency handle (so break-glass episodes are found).
//
// What it reads, per account: its balance and held deposits, its consents (consentApi
// `consentsOf`, each consent as stored, its receipt and its classes decoded from the tags),
// the requests awaiting its answer, its guardians, the break-glass episodes under its
// emergency handle (declared, and reviewed with the finding), and the access-grants
// contract's events filed under the account's topic
// (records registered, grants, accesses and refusals, requests), with each record and grant
// as stored now.
import { blake2AsHex } from '@polkadot/util-crypto';
import { DATA_CLASSES, tagSecret, dataTag, emergencyHandle, relationshipPair, relationshipSuri } from './keys.js';
import { Keyring } from '@polkadot/keyring';
import { query, topicOf } from './contracts.js';
import { chainTime, inMed, shortHash } from './journey.js';

/** The accounts to look at: the patient's own, and one per registered participant. */
async function candidateAccounts(api, suri) {
  const own = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(suri);
  const participants = await api.query.participants.participants.entries();
  const providers = participants.map(([key, value]) => ({
    address: key.args[0].toString(),
    roles: value.unwrap().roles.toJSON(),
  }));
  return [
    { pair: own, suri, with: null },
    ...providers.map((p) => ({ pair: relationshipPair(suri, p.address), suri: relationshipSuri(suri, p.address), with: p })),
  ];
}

/**
 * From every block's events: the contract's events filed under any of `topics` (decoded with
 * its ABI), by topic, and the break-glass declarations and reviews under any of `handles`, by
 * handle; oldest first. A node keeps an event's topics only for its own block (frame_system
 * clears them), so this reads every block from genesis: fine for a dev or test chain; a
 * long-lived network's portal would ask an indexer that keeps them.
 */
async function history(api, contract, topics, handles) {
  const byTopic = new Map([...topics].map((t) => [t, []]));
  const byHandle = new Map([...handles].map((h) => [h, []]));
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  for (let block = 1; block <= best; block += 1) {
    const at = await api.at(await api.rpc.chain.getBlockHash(block));
    const records = await at.query.system.events();
    let now = null;
    for (const record of records) {
      const { event } = record;
      // Break-glass episodes, declared and reviewed, under one of the patient's handles.
      if (api.events.consent.BreakGlassDeclared.is(event) || api.events.consent.BreakGlassReviewed.is(event)) {
        const handle = event.data.subject.toHex();
        if (byHandle.has(handle)) {
          now ??= (await at.query.timestamp.now()).toNumber();
          const d = event.data;
          const fields = api.events.consent.BreakGlassDeclared.is(event)
            ? { episode: d.episode.toNumber(), clinician: d.clinician.toString(), reason: d.reason.toString(), until: d.until.toNumber() }
            : { episode: d.episode.toNumber(), auditor: d.auditor.toString(), finding: d.finding.toString() };
          byHandle.get(handle).push({ block, at: now, name: event.method, fields });
        }
        continue;
      }
      if (!contract) continue;
      if (!api.events.contracts.ContractEmitted.is(event)) continue;
      if (event.data.contract.toString() !== contract.address.toString()) continue;
      const mine = record.topics.map((t) => t.toHex()).filter((t) => byTopic.has(t));
      if (!mine.length) continue;
      let decoded;
      try {
        decoded = contract.abi.decodeEvent(record);
      } catch {
        continue; // Not an event of this code.
      }
      now ??= (await at.query.timestamp.now()).toNumber();
      const fields = Object.fromEntries(decoded.event.args.map((arg, i) => [arg.name, decoded.args[i].toJSON()]));
      const entry = { block, at: now, name: decoded.event.identifier.split('::').pop(), fields };
      for (const topic of new Set(mine)) byTopic.get(topic).push(entry);
    }
  }
  return { byTopic, byHandle };
}

/** Data tags back to classes, with the account's secret; an unknown tag stays a tag. */
const classNamer = (secret) => {
  const names = new Map(DATA_CLASSES.map((c) => [dataTag(secret, c), c]));
  return (tag) => names.get(tag) ?? `unknown tag ${tag}`;
};

/** A consent rule in words. */
function ruleInWords(rule, className) {
  const list = (xs, all) => (xs.length ? xs.join(', ') : all);
  const period = rule.dataPeriod ? `, records from ${chainTime(rule.dataPeriod.from)} to ${chainTime(rule.dataPeriod.to)}` : '';
  return `${list(rule.purposes, 'any purpose')} on ${list(rule.dataTags.map(className), 'every class')}`
    + ` (${list(rule.actions, 'any action')})${period}`;
}

function granteeInWords(grantee) {
  if (grantee.account) return `account ${grantee.account}`;
  if (grantee.participant) return `participant ${grantee.participant}`;
  return `every ${grantee.role}`;
}

/**
 * Everything the chain holds about the patient whose SURI is `suri`: a list of the
 * patient's accounts that appear on chain, each with what is linked to it. `accessGrants`
 * is the deployed contract (@polkadot/api-contract). Only accounts with something on chain
 * (a balance, a nonce, a consent, an event) are listed.
 */
export async function whatTheChainHolds(api, accessGrants, suri) {
  const accounts = [];
  const episodes = await api.query.consent.episodes.entries();
  const candidates = (await candidateAccounts(api, suri)).map((c) => {
    const secret = tagSecret(c.suri);
    return { ...c, secret, handle: emergencyHandle(secret, c.pair.address) };
  });
  const { byTopic: trails, byHandle } = await history(api, accessGrants,
    new Set(candidates.map((c) => topicOf(api, c.pair.address))), new Set(candidates.map((c) => c.handle)));
  for (const candidate of candidates) {
    const { pair, secret, handle } = candidate;
    const address = pair.address;
    const className = classNamer(secret);
    const info = await api.query.system.account(address);
    const consentIds = (await api.call.consentApi.consentsOf(address)).toJSON();
    const consents = [];
    for (const [id, status] of consentIds) {
      const stored = (await api.query.consent.consents(id)).unwrap();
      const json = stored.toJSON();
      consents.push({
        id, status, receipt: blake2AsHex(stored.toU8a()), grantee: granteeInWords(json.grantee),
        provisions: json.provisions.map((p) => ({
          kind: p.kind, rule: ruleInWords(p.rule, className), exceptions: p.exceptions.map((e) => ruleInWords(e, className)),
        })),
        period: json.period, policy: json.policy?.hash ?? null,
      });
    }
    const requests = [];
    for (const id of (await api.call.consentApi.pendingRequests(address)).toJSON()) {
      const request = (await api.query.consent.requests(id)).unwrap().toJSON();
      requests.push({ id, requester: request.requester, expiresAt: request.expiresAt,
        provisions: request.provisions.map((p) => `${p.kind} ${ruleInWords(p.rule, className)}`) });
    }
    const guardians = (await api.query.consent.guardians(address)).toJSON().map((g) => g.account);
    const unreviewed = new Set(episodes.map(([key, value]) => [key.args[0].toNumber(), value.unwrap().toJSON()])
      .filter(([, e]) => e.subject === handle).map(([id]) => id));
    // Every episode under the handle, from its declaration, with its review if it had one.
    const mine = [];
    for (const { name, fields, at } of byHandle.get(handle) ?? []) {
      if (name === 'BreakGlassDeclared') {
        mine.push({ id: fields.episode, clinician: fields.clinician, reason: fields.reason, start: at, end: fields.until,
          review: null, awaiting: unreviewed.has(fields.episode) });
      } else {
        const declared = mine.find((e) => e.id === fields.episode);
        if (declared) declared.review = { auditor: fields.auditor, finding: fields.finding, at };
      }
    }
    const trail = trails.get(topicOf(api, address)) ?? [];
    const records = new Map();
    const grants = new Map();
    for (const { name, fields } of trail) {
      if (fields.record !== undefined && fields.record !== null) records.set(fields.record, null);
      if (name === 'Granted' || name === 'Revoked') grants.set(fields.grant, null);
    }
    for (const id of records.keys()) {
      const record = await query(accessGrants, pair, 'record', id);
      records.set(id, record && { ...record, dataClass: className(record.dataTag) });
    }
    for (const id of grants.keys()) grants.set(id, await query(accessGrants, pair, 'grantOf', id));
    const present = info.nonce.toNumber() > 0 || info.data.free.toBigInt() > 0n || consents.length || requests.length
      || guardians.length || mine.length || trail.length;
    if (!present) continue;
    accounts.push({
      address, with: candidate.with, free: info.data.free.toBigInt(), reserved: info.data.reserved.toBigInt(),
      consents, requests, guardians, episodes: mine, handle,
      trail: trail.map((e) => ({ ...e, fields: { ...e.fields, ...(e.fields.dataTag ? { dataClass: className(e.fields.dataTag) } : {}) } })),
      records: [...records], grants: [...grants],
    });
  }
  return accounts;
}

/** The same, in plain words, one line per fact. */
export function inWords(accounts) {
  const lines = [];
  for (const a of accounts) {
    lines.push(a.with
      ? `Your account with participant ${a.with.address} (${a.with.roles.join(', ')}): ${a.address}`
      : `Your own account: ${a.address}`);
    lines.push(`  balance ${inMed(a.free)}, of which deposits held ${inMed(a.reserved)}`);
    for (const c of a.consents) {
      const end = c.period.end ? `until ${chainTime(c.period.end)}` : 'until revoked';
      lines.push(`  consent #${c.id} (${c.status}, ${end}) to ${c.grantee}; receipt ${shortHash(c.receipt)}`);
      for (const p of c.provisions) {
        const verb = p.kind === 'Deny' ? 'denies' : 'permits';
        lines.push(`    ${verb} ${p.rule}${p.exceptions.length ? `, except ${p.exceptions.join('; ')}` : ''}`);
      }
    }
    for (const r of a.requests) {
      lines.push(`  request #${r.id} from ${r.requester} awaits your answer until ${chainTime(r.expiresAt)}: ${r.provisions.join('; ')}`);
    }
    for (const g of a.guardians) lines.push(`  guardian: ${g}`);
    for (const e of a.episodes) {
      const review = e.review ? `reviewed by auditor ${e.review.auditor} on ${chainTime(e.review.at)}: ${e.review.finding}`
        : 'awaiting an auditor\'s review';
      lines.push(`  break-glass episode #${e.id} by clinician ${e.clinician} (${e.reason}), ${chainTime(e.start)} to ${chainTime(e.end)}, ${review}`);
    }
    for (const [id, r] of a.records) {
      lines.push(r ? `  record #${id}: ${r.dataClass}, registered by ${r.provider} on ${chainTime(r.createdAt)}, locator hash ${shortHash(r.locator)}`
        : `  record #${id}: removed`);
    }
    for (const [id, g] of a.grants) {
      lines.push(g ? `  grant #${id} to ${g.grantee}: ${g.purpose}, ${g.uses} of ${g.maxUses} uses, until ${chainTime(g.expiresAt)}${g.revoked ? ', revoked' : ''}`
        : `  grant #${id}: removed`);
    }
    for (const e of a.trail) {
      if (e.name === 'Accessed') lines.push(`  ${chainTime(e.at)}: ${e.fields.accessor} accessed record #${e.fields.record} (${e.fields.purpose}) under grant #${e.fields.grant}`);
      if (e.name === 'AccessRefused') lines.push(`  ${chainTime(e.at)}: ${e.fields.accessor} was refused record #${e.fields.record} (${e.fields.reason})`);
    }
  }
  return lines;
}
