// The dev chain's well-known accounts, by the role its genesis gives them
// (runtime/src/genesis_config_presets.rs; the README lists them).
import { Keyring } from '@polkadot/keyring';

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
