// The two journeys the mission is for, on a live dev node with the contracts deployed as
// scripts/dev-chain.sh deploys them, through @polkadot/api and @polkadot/api-contract with no
// custom types. Each step is a subtest; scripts/demo.sh narrates the same steps.
import { test, before, after } from 'node:test';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, connect } from './lib/node.js';
import { deployAsDevChain } from './lib/contracts.js';
import { devAccounts, relationshipAccount } from './lib/accounts.js';
import { testJourney } from './lib/journey.js';
import { JOURNEYS } from './lib/journeys/index.js';
import { fileTimeout } from './lib/deadline.js';
import { startGateway } from './lib/gateway.js';

// One time limit for the file (about 3× its 20 s run on a shared machine): a hung step fails it
// instead of stalling the run.
const limit = fileTimeout(90_000);

let node;
let api;
let accounts;
let contracts;
let gateway; // the hospital's record gateway, as scripts/dev-chain.sh starts it

before(async () => {
  await cryptoWaitReady();
  accounts = devAccounts();
  node = await startNode(['--dev'], { name: 'journeys' });
  api = await connect(node.url);
  contracts = await deployAsDevChain(api, accounts.regulator);
  // The patient deals with the hospital under their account for it (docs/privacy.md).
  accounts.patient = await relationshipAccount(api, accounts.patient, accounts.hospital);
  gateway = await startGateway({ url: node.url, contract: contracts.accessGrants.address.toString(), providerSuri: accounts.hospital.suri });
}, limit);

after(async () => {
  await gateway?.stop();
  await api?.disconnect();
  await node?.stop();
}, limit);

// No oracle runs here: the carrier's report must open the case itself.
test('the patient journey', limit, (t) => testJourney(t, JOURNEYS.patient({ api, accounts, contracts, gateway: gateway.base, runId: 'e2e' })));

test('the pharma partner journey', limit, (t) => testJourney(t, JOURNEYS.pharma({ api, accounts, contracts, runId: 'e2e' })));
