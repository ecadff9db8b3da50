// A patient's data-class tags, for consenting by hand in polkadot.js (docs/privacy.md):
// the chain is given a class only as the patient's tag, the class blinded with a secret
// derived from the patient's key, so the patient (or their portal) computes it.
//
//   node tests/e2e/bin/tag.js SURI [CLASS ...]    each class's tag (default: every class)
//   node tests/e2e/bin/tag.js SURI --secret       the tag secret, to give a provider
//
// SURI is the patient's secret URI (a mnemonic or a dev URI such as //Dave//stash, with any
// derivation path). It is read from the command line and never leaves this process.
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { DATA_CLASSES as CLASSES, tagSecret, dataTag } from '../lib/keys.js';

const [suri, ...asked] = process.argv.slice(2);
if (!suri || suri === '--help') {
  console.error('usage: tag.js SURI [CLASS ...] | tag.js SURI --secret');
  console.error(`classes: ${CLASSES.join(', ')}`);
  process.exit(2);
}
await cryptoWaitReady();
const secret = tagSecret(suri);
if (asked.includes('--secret')) {
  console.log(u8aToHex(secret));
  process.exit(0);
}
const unknown = asked.filter((c) => !CLASSES.includes(c));
if (unknown.length) {
  console.error(`not a data class: ${unknown.join(', ')} (classes: ${CLASSES.join(', ')})`);
  process.exit(2);
}
for (const code of asked.length ? asked : CLASSES) console.log(`${code.padEnd(18)} ${dataTag(secret, code)}`);
