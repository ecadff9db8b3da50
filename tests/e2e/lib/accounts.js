// The dev chain's well-known accounts, by the role its genesis gives them
// (runtime/src/genesis_config_presets.rs; the README lists them).
import { Keyring } from '@polkadot/keyring';
import { sendAndWait } from './node.js';
import { relationshipPair, relationshipSuri } from './keys.js';

const ROLES = {
  regulator: '//Alice',
  auditor: '//Alice//stash',
  hospital: '//Bob', // a hospital and a clinician
  manufacturer: '//Charlie',
  wholesaler: '//Dave',
  carrier: '//Eve',
  pharmacy: '//Ferdie',
  patient: '//Ferdie//stash', // no role: a patient
};

/**
 * Key pairs of the dev accounts by role; each has a `label`, its name in polkadot.js apps
 * (`Bob`, `Ferdie//stash`), and its `suri`. Call after `cryptoWaitReady()`.
 */
export function devAccounts() {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return Object.fromEntries(Object.entries(ROLES).map(([role, uri]) => {
    const pair = keyring.addFromUri(uri);
    pair.label = uri.slice(2);
    pair.suri = uri; // its key material, from which it derives its tag secret (lib/keys.js)
    return [role, pair];
  }));
}

/**
 * The account under which `patient` (a pair with its `suri`) deals with `provider` (a
 * pair): hard-derived from the patient's key for that provider alone (lib/keys.js), so no
 * two providers' patient lists share an account and none shows the patient's own
 * (docs/privacy.md). The provider funds it with `funds` if it has less, so no transfer links
 * it to the patient's own account. Returns the pair, with its `label` and `suri`.
 */
export async function relationshipAccount(api, patient, provider, funds = 10n ** 13n) {
  const pair = relationshipPair(patient.suri, provider.address);
  pair.suri = relationshipSuri(patient.suri, provider.address);
  pair.label = `${patient.label} at ${provider.label ?? provider.address}`;
  const { free } = (await api.query.system.account(pair.address)).data;
  if (free.toBigInt() < funds) {
    await sendAndWait(api, api.tx.balances.transferKeepAlive(pair.address, funds - free.toBigInt()), provider);
  }
  return pair;
}
