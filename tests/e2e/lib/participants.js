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
