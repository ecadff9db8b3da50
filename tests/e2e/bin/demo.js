// Run the patient journey and the pharma partner journey against a running dev chain and
// say what happens, in plain words, for a person watching. scripts/demo.sh runs it:
//   node tests/e2e/bin/demo.js [--url ws://127.0.0.1:9944] [--gateway http://127.0.0.1:8080]
//                              [--pace SECONDS] [patient|pharma]...
// --gateway is the dev hospital's record gateway, which the patient journey uploads the lab
// result to and fetches it from; --pace is the pause after each step, to read it (default
// 1.5 s on a terminal, else 0).
// ACCESS_GRANTS and SHIPMENT_HOLDS name the contracts' .contract bundles; the deployed
// contracts are found on chain by their code hash.
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { ContractPromise } from '@polkadot/api-contract';
import { Keyring } from '@polkadot/keyring';
import { connect } from '../lib/node.js';
import { readBundle } from '../lib/contracts.js';
import { devAccounts, relationshipAccount } from '../lib/accounts.js';
import { inMed } from '../lib/journey.js';
import { JOURNEYS } from '../lib/journeys/index.js';

const tty = process.stdout.isTTY;
const width = Math.min(process.stdout.columns || 100, 100);
const paint = (code, text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
const bold = (text) => paint(1, text);
const dim = (text) => paint(2, text);

function fail(message) {
  console.error(`${paint('1;31', 'demo failed:')} ${message}`);
  process.exit(1);
}

/** `text` wrapped to the terminal, every line indented by `indent`. */
function wrap(text, indent) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

/** A bar of `done` out of `total` steps. */
const bar = (done, total, cells = 24) => {
  const full = Math.round((done / total) * cells);
  return `${'█'.repeat(full)}${'░'.repeat(cells - full)}`;
};

/** The options and the journeys named on the command line. */
function parseArgs(args) {
  const options = { url: 'ws://127.0.0.1:9944', gateway: 'http://127.0.0.1:8080', pace: tty ? 1.5 : 0, journeys: [] };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--url' || arg === '--gateway' || arg === '--pace') {
      if (i + 1 >= args.length) fail(`${arg} needs a value`);
      options[arg.slice(2)] = args[(i += 1)];
    } else if (arg in JOURNEYS) {
      options.journeys.push(arg);
    } else {
      fail(`no journey "${arg}": name ${Object.keys(JOURNEYS).join(' or ')}, or none for all`);
    }
  }
  options.pace = Number(options.pace);
  if (!(options.pace >= 0)) fail('--pace takes a number of seconds');
  if (options.journeys.length === 0) options.journeys = Object.keys(JOURNEYS);
  return options;
}

/**
 * The contract among `deployed` (the chain's contractInfoOf entries) whose code is
 * `bundle`'s and that `accept` takes; fails if none.
 */
async function findContract(api, url, deployed, bundle, name, accept = async () => true, why = '') {
  const hash = bundle.source.hash;
  const addresses = deployed
    .filter(([, info]) => info.isSome && info.unwrap().codeHash.toHex() === hash)
    .map(([key]) => key.args[0].toString());
  for (const address of addresses) {
    if (await accept(address)) return new ContractPromise(api, bundle, address);
  }
  return fail(`no ${name} contract${why} on ${url} with the code of this checkout's ${bundle.contract.name} `
    + `${bundle.contract.version} (code hash ${hash}). Start the chain with scripts/dev-chain.sh, which deploys it.`);
}

/**
 * Fail with what to do unless `base` is a record gateway that follows the chain for
 * `hospital` on `accessGrants`: the patient journey uploads to it and fetches from it.
 */
async function checkGateway(base, accessGrants, hospital) {
  let provider;
  try {
    const health = await (await fetch(`${base}/health`)).json();
    if (health.status !== 'ok') fail(`the record gateway at ${base} does not follow the chain: ${JSON.stringify(health)}`);
    provider = await (await fetch(`${base}/medchain/provider`)).json();
  } catch (error) {
    fail(`cannot reach the record gateway at ${base} (${error.message}). scripts/dev-chain.sh starts it; `
      + 'name another with --gateway, or run only the pharma journey.');
  }
  if (provider.provider !== hospital.address || provider.accessGrants !== accessGrants.address.toString()) {
    fail(`the record gateway at ${base} is ${provider.provider}'s on ${provider.accessGrants}, not the dev hospital's `
      + `(${hospital.address}) on access-grants ${accessGrants.address}`);
  }
}

const { url, gateway, pace, journeys: chosen } = parseArgs(process.argv.slice(2));
await cryptoWaitReady();
let api;
try {
  api = await connect(url);
} catch (error) {
  fail(`cannot reach a node at ${url} (${error.message}). Start one with scripts/dev-chain.sh.`);
}

try {
  if (api.runtimeVersion.specName.toString() !== 'medchain') {
    fail(`${url} runs ${api.runtimeVersion.specName}, not MedChain`);
  }
  const accounts = devAccounts();
  const rolesOf = async (address) =>
    (await api.query.participants.participants(address)).unwrapOr(null)?.roles.toJSON() ?? [];
  if (!(await rolesOf(accounts.manufacturer.address)).includes('Manufacturer')) {
    fail(`${url} is not a dev chain: Charlie is no manufacturer there. The journeys use the dev accounts' roles.`);
  }
  const deployed = await api.query.contracts.contractInfoOf.entries();
  const contracts = {
    accessGrants: await findContract(api, url, deployed, readBundle(process.env.ACCESS_GRANTS), 'access-grants'),
    shipmentHolds: await findContract(api, url, deployed, readBundle(process.env.SHIPMENT_HOLDS), 'shipment-holds',
      async (address) => (await rolesOf(address)).includes('HoldAuthority'), ' registered as a HoldAuthority'),
  };
  if (chosen.includes('patient')) await checkGateway(gateway, contracts.accessGrants, accounts.hospital);
  // This run's own product, lot, serials and locators, and a patient of its own (derived
  // from Ferdie//stash), so that nothing an earlier run, or a person in polkadot.js, left on
  // the chain stands in the way: the demo runs again and again. The patient deals with the
  // hospital under their account for it, which the hospital funds (docs/privacy.md).
  const runId = Date.now().toString(36);
  const person = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(`//Ferdie//stash//demo-${runId}`);
  person.label = `Ferdie//stash//demo-${runId}`;
  person.suri = `//${person.label}`;
  const patient = chosen.includes('patient') ? await relationshipAccount(api, person, accounts.hospital) : person;
  const journeys = chosen.map((name) =>
    JOURNEYS[name]({ api, accounts: { ...accounts, patient }, contracts, gateway, runId, oracleMayReport: true }));
  const total = journeys.reduce((n, j) => n + j.steps.length, 0);

  console.log(bold(`MedChain demo on ${(await api.rpc.system.chain()).toString()} at ${url}`));
  console.log(dim(`access-grants ${contracts.accessGrants.address}, shipment-holds ${contracts.shipmentHolds.address}; run ${runId}`));
  if (chosen.includes('patient')) console.log(dim(`The hospital's record gateway: ${gateway}`));
  if (chosen.includes('patient')) {
    const { free } = (await api.query.system.account(patient.address)).data;
    console.log(dim(`The patient is a new person, ${person.label}, acting at the hospital under their own account for it `
      + `(${patient.address}: ${person.label}//medchain//rel//<hospital>), which the hospital funded with ${inMed(free.toBigInt())}: `
      + 'nothing on chain ties it to their own account or to their accounts with other providers (docs/privacy.md).'));
  }
  const started = Date.now();
  let done = 0;
  for (const journey of journeys) {
    console.log(`\n${bold(journey.title)}`);
    for (const { title, run } of journey.steps) {
      const counter = `${String(done + 1).padStart(String(total).length)}/${total}`;
      const begun = Date.now();
      let spinner;
      if (tty) {
        const frames = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
        let frame = 0;
        const draw = () => {
          const line = `${frames[frame++ % frames.length]} ${bar(done, total)} ${counter} ${title}`;
          process.stdout.write(`\r\x1b[2K${line.slice(0, width - 1)}`);
        };
        draw();
        spinner = setInterval(draw, 100);
      }
      const clear = () => { if (tty) { clearInterval(spinner); process.stdout.write('\r\x1b[2K'); } };
      let said;
      try {
        said = await run();
      } catch (error) {
        clear();
        console.log(wrap(`${paint('1;31', '✗')} ${counter} ${title}`, ''));
        fail(`this step misbehaved: ${error.message}`);
      }
      clear();
      done += 1;
      const took = dim(`(${((Date.now() - begun) / 1000).toFixed(1)} s)`);
      console.log(`${paint('32', '✓')} ${bar(done, total)} ${counter} ${bold(title)} ${took}`);
      console.log(wrap(said, '    '));
      if (pace > 0) await new Promise((r) => setTimeout(r, pace * 1000));
    }
  }
  console.log(`\n${paint('1;32', 'Done.')} ${total} steps in ${((Date.now() - started) / 1000).toFixed(1)} s; `
    + 'every step checked the chain\'s state and events.');
} finally {
  await api.disconnect();
}
