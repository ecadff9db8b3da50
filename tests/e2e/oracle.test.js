// The anomaly oracle on a live node: the real `oracle run` binary follows the chain's
// finalised blocks, scores shipments with a model trained by `oracle train`, and reports to
// the shipment-holds contract. A shipment whose carrier records a long cold-chain excursion
// is held because of the oracle's report (no telemetry is sent to the contract: only the
// oracle can hold it); a normal shipment beside it is scored and left alone. A report counts
// only once it is final with the contract's event; refusals are retried when their cause
// changes, or never; a report in flight when the oracle is killed is settled after the
// restart, not repeated.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, connect, sendAndWait, waitFor, freePort, chainNow, HOUR_MS } from './lib/node.js';
import { callOptions, deployBundle, eventOf, query } from './lib/contracts.js';
import { makeHoldAuthority } from './lib/participants.js';
import { fileTimeout, onDeadline } from './lib/deadline.js';

// One time limit for the file (about 4× its 32 s run on a shared machine): a hung step fails it
// instead of stalling the run.
const limit = fileTimeout(120_000);

const ORACLE = process.env.MEDCHAIN_ORACLE;
const GTIN = 10614141000422;
const COLD = { min: 20, max: 80 };

let node;
let api;
let work;
const oracles = [];

/** The oracle process, with its output as lines and ways to wait for them. */
function startOracle(args) {
  const child = spawn(ORACLE, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const forget = onDeadline(() => child.kill('SIGKILL'));
  const lines = [];
  // Patterns to act on the moment a line matches, in the output handler itself.
  const triggers = [];
  let rest = '';
  const take = (chunk) => {
    rest += chunk.toString();
    const parts = rest.split('\n');
    rest = parts.pop();
    for (const line of parts) {
      lines.push(line);
      for (const trigger of triggers.filter((t) => !t.done && t.pattern.test(line))) {
        trigger.done = true;
        trigger.act(line);
      }
    }
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  let exited = null;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = { code, signal };
    forget();
    for (const trigger of triggers.filter((t) => !t.done)) trigger.exited();
    resolve(exited);
  }));
  const oracle = {
    lines,
    /**
     * The first line from index `from` on that matches `pattern`, waiting for it: the
     * match, with the line's index as `at`.
     */
    async line(what, pattern, { from = 0, timeoutMs = 60_000 } = {}) {
      const found = () => {
        for (let at = from; at < lines.length; at += 1) {
          const match = lines[at].match(pattern);
          if (match) return Object.assign(match, { at });
        }
        return null;
      };
      const seen = await waitFor(`the oracle to print ${what}`,
        () => found() ?? (exited !== null ? { exited } : null), timeoutMs)
        .catch((error) => {
          throw new Error(`${error.message}; its last lines:\n${lines.slice(-30).join('\n')}`);
        });
      if (seen.exited) {
        throw new Error(`the oracle exited (${JSON.stringify(exited)}) before printing ${what}:\n${lines.join('\n')}`);
      }
      return seen;
    },
    /** The lines from index `from` on that match `pattern`. */
    matching(pattern, from = 0) {
      return lines.slice(from).filter((l) => pattern.test(l));
    },
    /**
     * Freeze the oracle (SIGSTOP) the moment it prints a line matching `pattern`, before it
     * can do anything else; resolves with the line.
     */
    freezeOn(pattern) {
      return new Promise((resolve, reject) => {
        triggers.push({
          pattern,
          act: (line) => { child.kill('SIGSTOP'); resolve(line); },
          exited: () => reject(new Error(`the oracle exited before printing ${pattern}:\n${lines.join('\n')}`)),
        });
      });
    },
    freeze() { child.kill('SIGSTOP'); },
    thaw() { child.kill('SIGCONT'); },
    /** SIGKILL: no chance to clean up, as a crash or a power cut. */
    async kill() {
      if (exited === null) child.kill('SIGKILL');
      return exit;
    },
    exitCode() {
      return exit.then(({ code }) => code);
    },
    async stop() {
      if (exited === null) {
        child.kill('SIGCONT');
        child.kill('SIGINT');
        await exit;
      }
    },
  };
  oracles.push(oracle);
  return oracle;
}

let keys;
let contract;
let options;
let args;
let oracle;
let modelId;
let version;
/** What the admin registered for the oracle's model: `{ version, evaluation, threshold }`. */
let registered;
let batch;
const statePath = () => join(work, 'state.json');

/** The oracle's state file (none yet: nothing reported). */
function state() {
  if (!existsSync(statePath())) return { reported: {}, pending: {} };
  const parsed = JSON.parse(readFileSync(statePath(), 'utf8'));
  return { reported: parsed.reported ?? {}, pending: parsed.pending ?? {} };
}
const findings = (shipment) => state().reported[shipment] ?? [];

/** The shipment's open case, with its evidence, or null. */
async function caseOf(shipment) {
  const id = await query(contract, keys.regulator, 'openCase', shipment);
  if (id === null) return null;
  return { id, ...(await query(contract, keys.regulator, 'case', id)) };
}

/** Wait for the oracle's next rescore cycle that starts after line `from`. */
const rescored = (process, from) =>
  process.line('a full rescore cycle', /^rescored \d+ shipments in transit at #\d+; (\d+) reports in flight/, { from });

/** Charlie ships 40 units to Dave through Eve, expected in 10 hours. */
async function ship() {
  const now = await chainNow(api);
  const { events } = await sendAndWait(api,
    api.tx.drugTracking.ship(keys.wholesaler.address, keys.carrier.address, [{ batch, quantity: 40 }], [],
      now + 10 * HOUR_MS, COLD),
    keys.manufacturer);
  return eventOf(events, api.events.drugTracking.Shipped).data.shipment.toNumber();
}

/** Eve records an EPCIS transport event on `shipment` with `sensor` readings. */
async function record(shipment, sensor) {
  const when = await chainNow(api);
  const event = {
    subject: { Shipment: shipment }, bizStep: 'Transporting', disposition: 'InTransit',
    readPoint: null, when, sensor, epcisHash: blake2AsHex(`epcis ${shipment} ${when}`), corrects: null,
  };
  return sendAndWait(api, api.tx.drugTracking.recordEvent(event), keys.carrier);
}
const BREACH = { min: 45, max: 250, minutesOutside: 240 };
const KEPT_COLD = { min: 41, max: 63, minutesOutside: 0 };

/** The chain's latest finalised block: its hash and number. */
async function finalised() {
  const hash = await api.rpc.chain.getFinalizedHead();
  return { hash, number: (await api.rpc.chain.getHeader(hash)).number.toNumber() };
}

/** Whether `shipment` is on hold at the latest finalised block. */
async function heldWhenFinal(shipment) {
  const at = await api.at((await finalised()).hash);
  return (await at.call.drugTrackingApi.shipment(shipment)).unwrap().onHold.isTrue;
}

const administer = (change) => sendAndWait(api, contract.tx.administer(options, change), keys.regulator);

/** The report line of `shipment`: score, reasons, evidence hash, outcome, case, block. */
const reportedLine = (shipment, outcome = 'CaseOpened') => new RegExp(
  `^shipment ${shipment}: reported score (\\d+) \\(([^)]*)\\), evidence (0x[0-9a-f]{64}): ${outcome}\\((\\d+)\\)` +
  '(, shipment held)?, final in block (0x[0-9a-f]{64}), (.*)$');

before(async () => {
  assert.ok(ORACLE, 'MEDCHAIN_ORACLE must name the oracle binary (scripts/test.sh sets it)');
  await cryptoWaitReady();
  work = mkdtempSync(join(tmpdir(), 'medchain-oracle-'));
  node = await startNode(['--dev'], { name: 'oracle' });
  api = await connect(node.url);

  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const [regulator, manufacturer, oracleKey, wholesaler, carrier] =
    ['//Alice', '//Charlie', '//Charlie//stash', '//Dave', '//Eve'].map((uri) => keyring.addFromUri(uri));
  keys = { regulator, manufacturer, oracle: oracleKey, wholesaler, carrier };
  ({ contract, options } =
    await deployBundle(api, process.env.SHIPMENT_HOLDS, regulator, regulator.address, regulator.address));
  await makeHoldAuthority(api, regulator, contract.address);
  // (The model is registered below, once it is trained.)

  // A model file, as a partner trains it.
  const model = join(work, 'model.json');
  execFileSync(ORACLE, ['train', '--out', model]);
  // The admin registers it: its version is the hash of the model file, its evaluation the
  // hash of what `oracle eval` prints for it.
  const registration = JSON.parse(execFileSync(ORACLE, ['registration', '--model', model]).toString());
  modelId = registration.model_id;
  ({ version } = registration);
  assert.equal(version, blake2AsHex(readFileSync(model)), 'the version is the hash of the model file');
  const evaluation = execFileSync(ORACLE, ['eval', '--model', model]);
  assert.equal(registration.evaluation, blake2AsHex(evaluation), 'the evaluation hash is that of `oracle eval`');
  registered = { version, evaluation: registration.evaluation, threshold: registration.threshold };
  args = [
    'run', '--url', node.url, '--contract', contract.address.toString(),
    '--metadata', process.env.SHIPMENT_HOLDS, '--model', model, '--suri', '//Charlie//stash',
    '--state', statePath(), '--evidence-dir', join(work, 'evidence'),
    '--rescore-secs', '2',
  ];

  const tx = api.tx.drugTracking;
  await sendAndWait(api, tx.registerProduct(GTIN, null, `0x${'02'.repeat(32)}`, 'Injection', COLD), manufacturer);
  // Expiry two years out (YYMMDD), a shelf life like the traffic the model learned from.
  const expires = new Date(Date.now() + 2 * 365 * 24 * HOUR_MS);
  const yymmdd = (expires.getUTCFullYear() % 100) * 10000 + (expires.getUTCMonth() + 1) * 100 + 28;
  const made = await sendAndWait(api, tx.createBatch(GTIN, 'LOT-ORACLE', yymmdd, 2000), manufacturer);
  batch = eventOf(made.events, api.events.drugTracking.BatchCreated).data.batch.toHex();
  await sendAndWait(api, contract.tx.administer(options, { Model: [modelId, registered] }), regulator);
}, limit);

after(async () => {
  for (const process of oracles) await process.stop();
  await api?.disconnect();
  await node?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
}, limit);

test('an unreachable node is retried with back-off', limit, async () => {
  const nowhere = `ws://127.0.0.1:${await freePort()}`;
  const away = startOracle(args.map((a) => (a === node.url ? nowhere : a)));
  await away.line('that the node is unreachable', /^node at ws:\/\/127\.0\.0\.1:\d+ unreachable or lost .*; retrying in 1s/);
  await away.line('a second attempt', /retrying in 2s/);
  await away.stop();
});

test('refused while not authorised, the breach is not recorded; once authorised it is reported once, final, and holds the shipment', limit, async () => {
  // Not yet an oracle of the contract: the oracle says so and keeps running.
  oracle = startOracle(args);
  await oracle.line('that its key is not an oracle yet',
    new RegExp(`^${keys.oracle.address} is not an oracle of the shipment-holds contract \\(yet\\)`));
  await oracle.line('that it is connected', /^connected to .* with model \d+ version/);

  const normal = await ship();
  const breached = await ship();
  // Eve records an EPCIS transport event on each: one kept cold, one 4 hours at up to 25 °C.
  await record(normal, KEPT_COLD);
  await record(breached, BREACH);

  // The contract refuses: logged by its error name, retried when the oracle's standing
  // changes, and not recorded as reported.
  await oracle.line(`the refusal of shipment ${breached}`,
    new RegExp(`^shipment ${breached}: not reported: the contract refuses it \\(NotAnOracle\\); retried when the oracle's authorisation`));
  assert.deepEqual(findings(breached), [], 'a refused finding is not recorded');
  assert.deepEqual(state().pending, {});
  assert.equal(await caseOf(breached), null);

  // The admin authorises it: the oracle sees the contract's SettingsChanged in a finalised
  // block and reports at once, without waiting for news of the shipment.
  const authorised = oracle.lines.length;
  await administer({ Oracle: [keys.oracle.address, true] });
  const report = await oracle.line(`a report on shipment ${breached}`, reportedLine(breached), { from: authorised });
  const [, score, reasons, evidenceHash, caseId, held, block, latency] = report;
  assert.ok(held, 'the report placed the hold');
  assert.match(reasons, /^TemperatureExcursion/, 'the leading reason is the excursion');
  assert.equal(oracle.matching(new RegExp(`^shipment ${breached}: submitted a report`), authorised).length, 1);

  // The report is final: the block that holds it is on the finalised chain, and the
  // shipment is held there.
  const header = await api.rpc.chain.getHeader(block);
  assert.ok(header.number.toNumber() <= (await finalised()).number);
  assert.equal((await api.rpc.chain.getBlockHash(header.number)).toHex(), block, 'the block is final');
  assert.ok(await heldWhenFinal(breached), 'the breached shipment is on hold');
  const holds = await api.query.drugTracking.holds.entries();
  assert.deepEqual(holds.map(([key]) => key.args[0].toJSON()), [{ shipment: breached }], 'only the breached shipment is held');
  await assert.rejects(sendAndWait(api, api.tx.drugTracking.receive(breached, [40]), keys.wholesaler), /OnHold/);

  // The case names the oracle's registered model and version, the score and the model's
  // registered threshold (whatever the reasons); the evidence hash is the hash of the
  // evidence file.
  const opened = await caseOf(breached);
  assert.equal(opened.id, Number(caseId));
  const source = opened.evidence[0].source.model;
  assert.equal(source.modelId, Number(modelId));
  assert.equal(source.version, version);
  assert.equal(source.score, Number(score));
  const inForce = (await query(contract, keys.regulator, 'model', modelId)).threshold;
  assert.equal(inForce, registered.threshold);
  assert.equal(source.threshold, inForce, 'the threshold in force is the registered model\'s');
  assert.ok(Number(score) >= inForce, `score ${score} reaches the threshold ${inForce}`);
  assert.equal(opened.evidence[0].reporter, keys.oracle.address);
  assert.equal(opened.evidence[0].evidenceHash, evidenceHash);
  const file = join(work, 'evidence', `${evidenceHash}.json`);
  assert.ok(existsSync(file), 'the evidence file is written');
  assert.equal(blake2AsHex(readFileSync(file)), evidenceHash);
  // The evidence names the finalised block the shipment was read at.
  const evidence = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal((await api.rpc.chain.getBlockHash(evidence.block_number)).toHex(), evidence.block);
  assert.ok(evidence.block_number <= header.number.toNumber());
  console.log(`event to final report: ${latency}, score ${score}, reasons ${reasons}`);

  // The normal shipment is scored as normal and never reported.
  await oracle.line(`a score for shipment ${normal}`, new RegExp(`^shipment ${normal} at #\\d+: score \\d+ \\(Normal`));
  assert.deepEqual(oracle.matching(new RegExp(`^shipment ${normal}: (submitted|reported|not reported)`)), []);
  assert.ok((await api.call.drugTrackingApi.shipment(normal)).unwrap().onHold.isFalse);
  await sendAndWait(api, api.tx.drugTracking.receive(normal, [40]), keys.wholesaler);

  // A full rescore cycle after the report (the held shipment is still in transit and scored
  // again): no second report, one piece of evidence, one stored finding.
  const cycle = await rescored(oracle, report.at + 1);
  const [, inFlight] = cycle;
  assert.ok(oracle.lines.slice(report.at + 1, cycle.at)
    .some((l) => new RegExp(`^shipment ${breached} at #\\d+: score \\d+ \\(ColdChainBreach`).test(l)),
  'the cycle scored the held shipment again');
  assert.equal(inFlight, '0');
  assert.deepEqual(oracle.matching(new RegExp(`^shipment ${breached}: submitted a report`), report.at), []);
  assert.equal((await caseOf(breached)).evidence.length, 1, 'one piece of evidence');
  assert.equal(findings(breached).length, 1, 'one stored finding');
  assert.deepEqual(state().pending, {});
});

test('a report the contract would take no action on is not recorded, and is reported once the threshold comes down', limit, async () => {
  await administer({ Model: [modelId, { ...registered, threshold: 10_000 }] });
  const shipment = await ship();
  // 45 minutes at up to 13 °C: a breach the model scores below certainty.
  await record(shipment, { min: 45, max: 130, minutesOutside: 45 });
  await oracle.line(`no action on shipment ${shipment}`,
    new RegExp(`^shipment ${shipment}: not reported: the contract would take no action .*; retried when the contract's settings change`));
  assert.deepEqual(findings(shipment), [], 'no action is not a report');
  assert.equal(await caseOf(shipment), null);

  const lowered = oracle.lines.length;
  await administer({ Model: [modelId, registered] });
  const report = await oracle.line(`a report on shipment ${shipment}`, reportedLine(shipment), { from: lowered });
  await rescored(oracle, report.at + 1);
  assert.equal((await caseOf(shipment)).evidence.length, 1);
  assert.equal(findings(shipment).length, 1);
});

test('a shipment received before its breach could be reported is refused for good, without fees', limit, async () => {
  const shipment = await ship();
  // Frozen, the oracle sees the breach and the receipt only once both are final: it reads
  // the breach's block (the shipment in transit there) while the best block has it received.
  oracle.freeze();
  await record(shipment, BREACH);
  await sendAndWait(api, api.tx.drugTracking.receive(shipment, [40]), keys.wholesaler);
  const from = oracle.lines.length;
  oracle.thaw();
  await oracle.line(`the refusal of shipment ${shipment}`,
    new RegExp(`^shipment ${shipment}: not reported: the contract refuses it \\(NotInTransit\\); a deterministic refusal, not retried`),
    { from });
  await oracle.line(`shipment ${shipment} read as received`,
    new RegExp(`^shipment ${shipment}: not reported, it is no longer in transit`), { from });
  await rescored(oracle, oracle.lines.length);
  assert.equal(oracle.matching(new RegExp(`^shipment ${shipment}: not reported: the contract refuses it`), from).length, 1,
    'refused once, not retried');
  assert.deepEqual(oracle.matching(new RegExp(`^shipment ${shipment}: submitted a report`), from), [], 'nothing submitted');
  assert.deepEqual(oracle.matching(/unreachable or lost/, from), []);
  assert.deepEqual(findings(shipment), []);
  assert.equal(await caseOf(shipment), null);
});

test('a report that fails on chain is a refusal whose fees are paid, not a lost connection, and is retried when the shipment changes', limit, async () => {
  const shipment = await ship();
  await oracle.line(`a score for shipment ${shipment}`, new RegExp(`^shipment ${shipment} at #\\d+: score`));
  // Leave the oracle the deposit a new case takes, beside the two existential deposits
  // pallet-contracts keeps out of a caller's reach (so the dry run passes), but not the fee
  // on top (the extrinsic fails once the fee is paid).
  const account = keys.oracle.address;
  const probe = [shipment, 10_000, Number(modelId), version, `0x${'11'.repeat(32)}`, ['TemperatureExcursion']];
  const dry = await contract.query.reportAnomaly(account, callOptions(api), ...probe);
  assert.ok('caseOpened' in dry.output.asOk.toJSON().ok, dry.output.toString());
  const deposit = dry.storageDeposit.asCharge.toBigInt();
  const existential = api.consts.balances.existentialDeposit.toBigInt();
  const before = (await api.query.system.account(account)).data.free.toBigInt();
  const setFree = (free) => sendAndWait(api, api.tx.sudo.sudo(api.tx.balances.forceSetBalance(account, free)), keys.regulator);
  await setFree(2n * existential + deposit);
  try {
    await failsOnChain(shipment, 2n * existential + deposit, account);
  } finally {
    await setFree(before);
  }

  // Funded again, the next news of the shipment brings the report.
  const news = oracle.lines.length;
  await record(shipment, BREACH);
  const report = await oracle.line(`a report on shipment ${shipment}`, reportedLine(shipment), { from: news });
  await rescored(oracle, report.at + 1);
  assert.equal((await caseOf(shipment)).evidence.length, 1);
  assert.equal(findings(shipment).length, 1);
});

/** The oracle, with `funds`, reports a breach on `shipment`: the report fails on chain. */
async function failsOnChain(shipment, funds, account) {
  const from = oracle.lines.length;
  await record(shipment, BREACH);
  const [, block, error] = await oracle.line(`the failed report on shipment ${shipment}`,
    new RegExp(`^shipment ${shipment}: not reported: the report failed on chain in block (0x[0-9a-f]{64}) \\(([^;)]*).*; its fees are paid; retried when something happens to the shipment`),
    { from });
  assert.match(error, /Contracts::StorageDeposit(LimitExhausted|NotEnoughFunds)$/, 'the dispatch error is named');
  const paid = funds - (await api.query.system.account(account)).data.free.toBigInt();
  assert.ok(paid > 0n, 'the fees are paid');
  const failedAt = oracle.lines.findIndex((l, i) => i >= from && l.includes(block));
  await rescored(oracle, failedAt + 1);
  assert.deepEqual(oracle.matching(/unreachable or lost/, from), [], 'no reconnection');
  assert.equal(oracle.matching(new RegExp(`^shipment ${shipment}: submitted a report`), from).length, 1, 'not retried by itself');
  assert.deepEqual(findings(shipment), []);
  assert.equal(await caseOf(shipment), null);
}

test('killed with a report in flight, the oracle settles it after the restart and does not report it again', limit, async () => {
  const shipment = await ship();
  const submitted = oracle.freezeOn(new RegExp(`^shipment ${shipment}: submitted a report`));
  await record(shipment, BREACH);
  await submitted;
  // Frozen right after submitting: the state file holds the report in flight, not as reported.
  assert.ok(state().pending[shipment], 'the report in flight is in the state file');
  assert.deepEqual(findings(shipment), []);
  // The report becomes final while the oracle cannot see it; then the oracle dies.
  await waitFor(`the report on shipment ${shipment} to be final`, () => heldWhenFinal(shipment));
  const { signal } = await oracle.kill();
  assert.equal(signal, 'SIGKILL');
  assert.ok(state().pending[shipment], 'the state file is whole after the kill');

  oracle = startOracle(args);
  const settled = await oracle.line(`the settled report on shipment ${shipment}`, reportedLine(shipment));
  assert.match(settled[0], /found after a restart or a lost connection$/);
  await rescored(oracle, settled.at + 1);
  assert.deepEqual(oracle.matching(new RegExp(`^shipment ${shipment}: submitted a report`)), [], 'not reported again');
  assert.equal((await caseOf(shipment)).evidence.length, 1, 'one piece of evidence');
  assert.equal(findings(shipment).length, 1, 'one stored finding');
  assert.deepEqual(state().pending, {});
});
