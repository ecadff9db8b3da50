// Register an account as a participant with roles, through sudo (the dev chain's governance):
//   node tests/e2e/bin/register-participant.js <ws-url> <address> <Role>...
// scripts/dev-chain.sh uses it to make a deployed contract a HoldAuthority, which also gets
// the funds its holds' deposits take (HOLD_AUTHORITY_FUNDS).
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { connect } from '../lib/node.js';
import { HOLD_AUTHORITY_FUNDS, makeHoldAuthority, registerParticipant } from '../lib/participants.js';

const [url, address, ...roles] = process.argv.slice(2);
if (!url || !address || roles.length === 0) {
  console.error('usage: register-participant.js <ws-url> <address> <Role>...');
  process.exit(2);
}
await cryptoWaitReady();
const sudo = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
const api = await connect(url);
try {
  if (roles.length === 1 && roles[0] === 'HoldAuthority') {
    await makeHoldAuthority(api, sudo, address);
    console.log(`registered ${address} as HoldAuthority, funded with ${HOLD_AUTHORITY_FUNDS / 10n ** 12n} MED`);
  } else {
    await registerParticipant(api, sudo, address, roles);
    console.log(`registered ${address} as ${roles.join(', ')}`);
  }
} finally {
  await api.disconnect();
}
