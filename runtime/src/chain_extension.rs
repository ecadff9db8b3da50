//! MedChain's chain extension: the one bridge from ink! contracts to the runtime's pallets.
//!
//! Contracts reach pallets only through the functions dispatched here, never through
//! `call_runtime` (the contracts `CallFilter` lets nothing through). Every function
//! charges its benchmarked weight before it runs, reads at most
//! [`MAX_INPUT_LEN`](medchain_primitives::chain_extension::MAX_INPUT_LEN) bytes of input
//! and answers with a [`Status`]; the contract-side trait lives under `contracts/`, the
//! shared ids, inputs and codes in `medchain-primitives`.
//!
//! Functions (see [`func`]):
//! - `CHECK_ACCESS` (0x0001): the consent pallet's decision, now, for a patient, an accessor
//!   and a query; output a [`Decision`](medchain_primitives::consent::Decision).
//! - `HAS_ROLE` (0x0002): whether an account is an active participant in a role; output
//!   `bool`. Contracts use it to admit providers.

use crate::{AccountId, Consent, Participants, Runtime, Timestamp};
use codec::{Decode, DecodeAll, Encode};
use frame_support::{traits::Time, weights::Weight};
use medchain_primitives::{
	chain_extension::{func, CheckAccess, HasRole, Status, EXTENSION_ID, MAX_INPUT_LEN},
	participants::ParticipantRoles,
};
use pallet_consent::WeightInfo as _;
use pallet_contracts::chain_extension::{
	BufInBufOutState, ChainExtension, Environment, Ext, InitState, RetVal,
};
use pallet_participants::WeightInfo as _;
use sp_runtime::DispatchError;

const LOG_TARGET: &str = "runtime::medchain-extension";

type ConsentWeights = <Runtime as pallet_consent::Config>::WeightInfo;
type ParticipantWeights = <Runtime as pallet_participants::Config>::WeightInfo;

/// The chain extension installed in `pallet-contracts`.
#[derive(Default)]
pub struct MedChainExtension;

impl ChainExtension<Runtime> for MedChainExtension {
	fn call<E: Ext<T = Runtime>>(
		&mut self,
		env: Environment<E, InitState>,
	) -> Result<RetVal, DispatchError> {
		match (env.ext_id(), env.func_id()) {
			(EXTENSION_ID, func::CHECK_ACCESS) => {
				serve(env.buf_in_buf_out(), ConsentWeights::check_access(), |input: CheckAccess| {
					Consent::check_access(
						&AccountId::from(input.patient),
						&AccountId::from(input.accessor),
						&input.query,
						<Timestamp as Time>::now(),
					)
				})
			}
			(EXTENSION_ID, func::HAS_ROLE) => {
				serve(env.buf_in_buf_out(), ParticipantWeights::has_role(), |input: HasRole| {
					Participants::has_role(&AccountId::from(input.who), input.role)
				})
			}
			(ext_id, func_id) => {
				// A contract built for another chain's extension, or for a function this
				// runtime does not have, gets a status it can handle rather than a trap.
				log::debug!(
					target: LOG_TARGET,
					"no function {ext_id:#06x}:{func_id:#06x} (this runtime serves extension {EXTENSION_ID:#06x})",
				);
				Ok(RetVal::Converging(Status::UnknownFunction.code()))
			}
		}
	}
}

/// Serve one function: charge its benchmarked `weight` before anything runs, read its input
/// (at most `MAX_INPUT_LEN` bytes, decoded exactly), and write back `answer(input)`.
fn serve<E: Ext<T = Runtime>, Input: Decode, Output: Encode>(
	mut env: Environment<E, BufInBufOutState>,
	weight: Weight,
	answer: impl FnOnce(Input) -> Output,
) -> Result<RetVal, DispatchError> {
	env.charge_weight(weight)?;
	let input = match read_input(&mut env) {
		Ok(input) => input,
		Err(status) => return Ok(RetVal::Converging(status.code())),
	};
	env.write(&answer(input).encode(), false, None)?;
	Ok(RetVal::Converging(Status::Success.code()))
}

/// The function's input, if it is at most `MAX_INPUT_LEN` bytes and decodes.
fn read_input<E: Ext<T = Runtime>, Input: Decode>(
	env: &mut Environment<E, BufInBufOutState>,
) -> Result<Input, Status> {
	let len = env.in_len();
	if len > MAX_INPUT_LEN {
		return Err(Status::InputTooLarge);
	}
	let bytes = env.read(len).map_err(|_| Status::DecodeFailed)?;
	Input::decode_all(&mut &bytes[..]).map_err(|_| Status::DecodeFailed)
}
