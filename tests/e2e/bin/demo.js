// Run the patient journey and the pharma partner journey against a running dev chain and
// say what happens, in plain words, for a person watching. scripts/demo.sh runs it:
//   node tests/e2e/bin/demo.js [--url ws://127.0.0.1:9944] [--pace SECONDS] [patient|pharma]...
// --pace is the pause after each step, to read it (default 1.5 s on a terminal, else 0).
// ACCESS_GRANTS and SHIPMENT_HOLDS name the contracts' .contract bundles; the deployed
// contracts are found on chain by their code hash.
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { ContractPromise } from '@polkadot/api-contract';
import { connect } from '../lib/node.js';
import { readBundle } from '../lib/contracts.js';
import { devAccounts } from '../lib/accounts.js';
import { patientJourney } from '../lib/journeys/patient.js';
import { pharmaJourney } from '../lib/journeys/pharma.js';

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

/**
 * The contract on chain whose code is `bundle`'s; with several, the first that `prefer`
 * picks, else the first.
 */
async function findContract(api, bundle, name, prefer = async () => true) {
  const hash = bundle.source.hash;
  const entries = await api.query.contracts.contractInfoOf.entries();
  const addresses = entries
    .filter(([, info]) => info.isSome && info.unwrap().codeHash.toHex() === hash)
    .map(([key]) => key.args[0].toString());
  if (addresses.length === 0) {
    fail(`no ${name} contract on ${url} with the code of ${bundle.contract.name} ${bundle.contract.version} `
      + `(code hash ${hash}). Start the chain with scripts/dev-chain.sh, which deploys it.`);
  }
  for (const address of addresses) {
    if (await prefer(address)) return new ContractPromise(api, bundle, address);
  }
  return new ContractPromise(api, bundle, addresses[0]);
}

const args = process.argv.slice(2);
const urlAt = args.indexOf('--url');
const url = urlAt >= 0 ? args.splice(urlAt, 2)[1] : 'ws://127.0.0.1:9944';
const paceAt = args.indexOf('--pace');
const pace = paceAt >= 0 ? Number(args.splice(paceAt, 2)[1]) : (tty ? 1.5 : 0);
if (!(pace >= 0)) fail('--pace takes a number of seconds');
const chosen = args.length > 0 ? args : ['patient', 'pharma'];
for (const name of chosen) {
  if (!['patient', 'pharma'].includes(name)) fail(`no journey "${name}": name patient or pharma, or none for both`);
}

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
  const roles = (await api.query.participants.participants(accounts.manufacturer.address)).unwrapOr(null);
  if (!roles?.roles.toJSON().includes('Manufacturer')) {
    fail(`${url} is not a dev chain: Charlie is no manufacturer there. The journeys use the dev accounts' roles.`);
  }

  const accessGrants = await findContract(api, readBundle(process.env.ACCESS_GRANTS), 'access-grants');
  const shipmentHolds = await findContract(api, readBundle(process.env.SHIPMENT_HOLDS), 'shipment-holds',
    async (address) => ((await api.query.participants.participants(address)).unwrapOr(null)?.roles.toJSON() ?? [])
      .includes('HoldAuthority'));
  // This run's own product, lot, serials and locators, so the demo runs again and again.
  const runId = Date.now().toString(36);
  const journeys = chosen.map((name) => (name === 'patient'
    ? patientJourney({ api, accounts, accessGrants, runId })
    : pharmaJourney({ api, accounts, shipmentHolds, runId })));
  const total = journeys.reduce((n, j) => n + j.steps.length, 0);

  console.log(bold(`MedChain demo on ${(await api.rpc.system.chain()).toString()} at ${url}`));
  console.log(dim(`access-grants ${accessGrants.address}, shipment-holds ${shipmentHolds.address}; run ${runId}`));
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
      let said;
      try {
        said = await run();
      } catch (error) {
        if (tty) { clearInterval(spinner); process.stdout.write('\r\x1b[2K'); }
        console.log(wrap(`${paint('1;31', '✗')} ${counter} ${title}`, ''));
        fail(`this step misbehaved: ${error.message}`);
      }
      if (tty) { clearInterval(spinner); process.stdout.write('\r\x1b[2K'); }
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
