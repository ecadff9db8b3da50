// Gas of access-grants' messages on a live dev node, as dry runs report it (gasRequired:
// ref_time and proof_size), with the real pallets behind the chain extension. Run by
// scripts/bench-contracts.sh; prints a table.
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, connect, sendAndWait } from '../lib/node.js';
import { deployBundle } from '../lib/contracts.js';
import { tagSecret, dataTag } from '../lib/keys.js';

await cryptoWaitReady();
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const patient = keyring.addFromUri('//Eve//stash');
// The patient's Genomics tag (the class blinded with her tag secret).
const GENOMICS = dataTag(tagSecret('//Eve//stash'), 'Genomics');
const hospital = keyring.addFromUri('//Bob');
const researcher = keyring.addFromUri('//Bob//stash');
const admin = keyring.addFromUri('//Alice');
const node = await startNode(['--dev'], { name: 'gas' });
const api = await connect(node.url);
const rows = [];
try {
  const { contract, options } = await deployBundle(api, process.env.ACCESS_GRANTS, hospital, admin.address);
  // Measure a message by dry run, record its gas, then send it with that limit.
  const measure = async (label, who, message, ...args) => {
    const { gasRequired, output, result } = await contract.query[message](who.address, options, ...args);
    if (!result.isOk) throw new Error(`${message}: ${result.toString()}`);
    rows.push({ message: label, refTime: gasRequired.refTime.toBigInt(), proofSize: gasRequired.proofSize.toBigInt() });
    await sendAndWait(api, contract.tx[message]({ gasLimit: gasRequired, storageDepositLimit: null }, ...args), who);
    return output.toJSON().ok;
  };
  const record = await measure('register_record', hospital, 'registerRecord', patient.address, GENOMICS, `0x${'ab'.repeat(32)}`);
  const now = (await api.query.timestamp.now()).toNumber();
  const terms = { expiresAt: now + 86_400_000, maxUses: 10, reshareDepth: 1, envelope: `0x${'11'.repeat(128)}` };
  const grant = await measure('grant (1 record, 128-byte envelope)', patient, 'grant', researcher.address, [record], 'HRESCH', terms);
  await measure('access (refused: no pallet consent)', researcher, 'access', grant, record, 'HRESCH');
  const provisions = [{ kind: 'Permit', rule: { purposes: ['HRESCH'], dataTags: [GENOMICS], actions: [], dataPeriod: null }, exceptions: [] }];
  await sendAndWait(api, api.tx.consent.grantConsent(patient.address, { Role: 'Researcher' }, provisions, null, { AfterDays: 30 }, null), patient);
  await measure('access (granted)', researcher, 'access', grant, record, 'HRESCH');
  await measure('revoke', patient, 'revoke', grant);
} finally {
  await api.disconnect();
  await node.stop();
}
console.log('| message | ref_time | proof_size |');
console.log('|---|---|---|');
for (const row of rows) console.log(`| ${row.message} | ${row.refTime} | ${row.proofSize} |`);
