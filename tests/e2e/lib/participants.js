// Registering participants through sudo, the dev chain's governance.
import { sendAndWait } from './node.js';
import { eventOf } from './contracts.js';

/**
 * Register `address` with `roles` (no GLN) through `sudo`; throws with the pallet's error
 * name if governance's call failed (sudo itself succeeds either way).
 */
export async function registerParticipant(api, sudo, address, roles, nameHash = `0x${'00'.repeat(32)}`) {
  const call = api.tx.participants.register(address, roles, null, nameHash);
  const { events } = await sendAndWait(api, api.tx.sudo.sudo(call), sudo);
  const result = eventOf(events, api.events.sudo.Sudid).data.sudoResult;
  if (result.isErr) {
    const error = result.asErr;
    const name = error.isModule ? api.registry.findMetaError(error.asModule).name : error.type;
    throw new Error(`registering ${address} failed: ${name}`);
  }
}

/**
 * What a hold authority's account is given to pay the deposits of the holds it places (and
 * of a batch hold's trail steps): a hold costs about 0.03 MED until it is released.
 */
export const HOLD_AUTHORITY_FUNDS = 100n * 10n ** 12n;

/**
 * Make the contract at `address` a hold authority through `sudo`, and give it
 * `HOLD_AUTHORITY_FUNDS` from `sudo` for the deposits its holds take.
 */
export async function makeHoldAuthority(api, sudo, address) {
  await registerParticipant(api, sudo, address, ['HoldAuthority']);
  await sendAndWait(api, api.tx.balances.transferKeepAlive(address, HOLD_AUTHORITY_FUNDS), sudo);
}
