//! MedChain's chain extension: the one bridge from ink! contracts to the runtime's pallets.
//!
//! Contracts reach pallets only through the functions dispatched here, never through
//! `call_runtime` (the contracts `CallFilter` lets nothing through). Every function reads at
//! most [`MAX_INPUT_LEN`](medchain_primitives::chain_extension::MAX_INPUT_LEN) bytes of input
//! and answers with a [`Status`]; the contract-side trait lives under `contracts/`, the
//! shared ids, inputs and codes in `medchain-primitives`.
//!
//! A call pays for each step before it takes it, and only for the steps it takes (see
//! [`charges`]): entering the extension, copying its input, then the benchmarked weight of
//! the pallet work, then writing its output. A refusal is charged up to the step that refused
//! it: an unknown function or an input too large only the entry, an input that does not
//! decode its copy too, a hold function called by a contract that is no hold authority the
//! role check too. A call whose gas runs out at a step traps before that step is taken, so
//! it changes nothing.
//!
//! Functions (see [`func`]):
//! - `CHECK_ACCESS` (0x0001): the consent pallet's decision, now, for a patient, an accessor
//!   and a query; output a [`Decision`](medchain_primitives::consent::Decision).
//! - `HAS_ROLE` (0x0002): whether an account is an active participant in a role; output
//!   `bool`. Contracts use it to admit providers.
//! - `SHIPMENT` (0x0003): a shipment's summary (parties, lines, times, state, hold and clone
//!   signals), or none.
//! - `VERIFY_PACK` (0x0004): the verdict on a pack, as a pharmacist's scan would get it now.
//! - `PLACE_HOLD` (0x0005) and `RELEASE_HOLD` (0x0006): only for a contract whose own
//!   account is an active `HoldAuthority` participant, decided here from the participant
//!   registry (never from anything the contract says); the hold is placed or released in
//!   the contract's name, and a refusal the contract can act on comes back named. A refused
//!   hold or release changes nothing.
//! - `HOLD` (0x0007): the hold on a shipment or batch now (who placed it, when, why), and
//!   whether a regulator lifted one the calling contract placed; open to every contract.

use crate::{AccountId, Consent, DrugTracking, Participants, Runtime, Timestamp};
use codec::{Decode, DecodeAll, Encode};
use frame_support::{storage::with_storage_layer, traits::Time};
use medchain_primitives::{
	chain_extension::{
		func, CheckAccess, HasRole, PlaceHold, ReleaseHold, ShipmentQuery, Status, VerifyPack,
		EXTENSION_ID, MAX_INPUT_LEN,
	},
	participants::{ParticipantRoles, Role},
	tracking::{HoldRefusal, HoldSubject, Verdict},
};
use pallet_consent::WeightInfo as _;
use pallet_contracts::chain_extension::{
	BufInBufOutState, ChainExtension, Environment, Ext, InitState, RetVal,
};
use pallet_drug_tracking::WeightInfo as _;
use pallet_participants::WeightInfo as _;
use sp_core::H256;
use sp_runtime::{DispatchError, DispatchResult};

const LOG_TARGET: &str = "runtime::medchain-extension";

type ConsentWeights = <Runtime as pallet_consent::Config>::WeightInfo;
type ParticipantWeights = <Runtime as pallet_participants::Config>::WeightInfo;
type TrackingWeights = <Runtime as pallet_drug_tracking::Config>::WeightInfo;

/// What the steps of a call cost that no MedChain pallet benchmarks: the host call itself
/// and the copies across the contract's memory. Each is priced as pallet-contracts prices
/// the same work for its own host functions (the runtime's `Schedule`, from
/// pallet-contracts' benchmarks), so a contract pays the same for it here as anywhere.
pub mod charges {
	use super::Runtime;
	use frame_support::weights::Weight;
	use pallet_contracts::WeightInfo as _;

	type ContractWeights = <Runtime as pallet_contracts::Config>::WeightInfo;

	/// One more repetition of a host function benchmarked `r` times: what one call costs,
	/// as pallet-contracts' `Schedule` derives it.
	fn one_more(weight: impl Fn(u32) -> Weight) -> Weight {
		weight(1).saturating_sub(weight(0))
	}

	/// Entering the extension and answering with a status: a host call that reads no
	/// storage and copies nothing, priced as `seal_input` without its bytes (the
	/// `Schedule`'s `host_fn_weights.input`). All that an unknown function, or an input too
	/// large to read, costs.
	pub fn entry() -> Weight {
		one_more(ContractWeights::seal_input)
	}

	/// Copying `len` bytes of input out of the contract's memory (and decoding them), priced
	/// as pallet-contracts prices every copy out of contract memory (`seal_return`'s per
	/// byte, the `Schedule`'s `return_per_byte`).
	pub fn copy_in(len: u32) -> Weight {
		one_more(ContractWeights::seal_return_per_byte).saturating_mul(len.into())
	}

	/// Writing one byte of output into the contract's memory, priced as pallet-contracts
	/// prices every copy into contract memory (`seal_input`'s per byte, the `Schedule`'s
	/// `input_per_byte`).
	pub fn copy_out_per_byte() -> Weight {
		one_more(ContractWeights::seal_input_per_byte)
	}
}

/// The chain extension installed in `pallet-contracts`.
#[derive(Default)]
pub struct MedChainExtension;

impl ChainExtension<Runtime> for MedChainExtension {
	fn call<E: Ext<T = Runtime>>(
		&mut self,
		mut env: Environment<E, InitState>,
	) -> Result<RetVal, DispatchError> {
		match (env.ext_id(), env.func_id()) {
			(EXTENSION_ID, func::CHECK_ACCESS) => {
				serve(env.buf_in_buf_out(), |env, input: CheckAccess| {
					// The benchmark's case: a full index of the largest consents, all read.
					env.charge_weight(ConsentWeights::check_access())?;
					Ok(Ok(Consent::check_access(
						&AccountId::from(input.patient),
						&AccountId::from(input.accessor),
						&input.query,
						<Timestamp as Time>::now(),
						// A contract's question is part of a transaction, which anyone reads:
						// it never gives a tag secret, so break-glass is not for it.
						None,
					)))
				})
			}
			(EXTENSION_ID, func::HAS_ROLE) => serve(env.buf_in_buf_out(), |env, input: HasRole| {
				env.charge_weight(ParticipantWeights::has_role())?;
				Ok(Ok(Participants::has_role(&AccountId::from(input.who), input.role)))
			}),
			(EXTENSION_ID, func::SHIPMENT) => {
				serve(env.buf_in_buf_out(), |env, id: ShipmentQuery| {
					env.charge_weight(TrackingWeights::shipment_summary())?;
					Ok(Ok(DrugTracking::shipment_summary(id)))
				})
			}
			(EXTENSION_ID, func::VERIFY_PACK) => {
				serve(env.buf_in_buf_out(), |env, pack: VerifyPack| {
					// Nothing longer than the pallet's bounds was ever commissioned: unknown,
					// and nothing is read to say so.
					let (Ok(serial), Ok(lot)) = (pack.serial.try_into(), pack.lot.try_into())
					else {
						return Ok(Ok(Verdict::Unknown));
					};
					env.charge_weight(TrackingWeights::verify_pack())?;
					let now = <Timestamp as Time>::now();
					Ok(Ok(DrugTracking::verify_pack(pack.gtin, &serial, &lot, pack.expiry, now)))
				})
			}
			(EXTENSION_ID, func::PLACE_HOLD) => {
				let contract = env.ext().address().clone();
				serve(env.buf_in_buf_out(), |env, hold: PlaceHold| {
					env.charge_weight(ParticipantWeights::has_role())?;
					if !is_hold_authority(&contract) {
						return Ok(Err(Status::NotAuthorized));
					}
					// A shipment is read whole, a batch's trail grows: each its own weight.
					env.charge_weight(DrugTracking::place_hold_weight(&hold.subject))?;
					Ok(act_on_holds(&contract, |who| {
						DrugTracking::do_place_hold(who, hold.subject, H256(hold.reason))
					}))
				})
			}
			(EXTENSION_ID, func::RELEASE_HOLD) => {
				let contract = env.ext().address().clone();
				serve(env.buf_in_buf_out(), |env, release: ReleaseHold| {
					env.charge_weight(ParticipantWeights::has_role())?;
					if !is_hold_authority(&contract) {
						return Ok(Err(Status::NotAuthorized));
					}
					env.charge_weight(TrackingWeights::release_hold())?;
					Ok(act_on_holds(&contract, |who| {
						DrugTracking::do_release_hold(
							who,
							release.subject,
							H256(release.resolution),
						)
					}))
				})
			}
			(EXTENSION_ID, func::HOLD) => {
				let contract = env.ext().address().clone();
				serve(env.buf_in_buf_out(), |env, subject: HoldSubject| {
					env.charge_weight(TrackingWeights::hold_view())?;
					Ok(Ok(DrugTracking::hold_view(subject, &contract)))
				})
			}
			(ext_id, func_id) => {
				// A contract built for another chain's extension, or for a function this
				// runtime does not have, gets a status it can handle rather than a trap. It
				// pays for the host call, so that calling nothing is not free.
				env.charge_weight(charges::entry())?;
				log::debug!(
					target: LOG_TARGET,
					"no function {ext_id:#06x}:{func_id:#06x} (this runtime serves extension {EXTENSION_ID:#06x})",
				);
				Ok(RetVal::Converging(Status::UnknownFunction.code()))
			}
		}
	}
}

/// What a function's `answer` gives: `Err` if the call must trap (its gas ran out), else its
/// output, or the status it refuses with.
type Answer<Output> = Result<Result<Output, Status>, DispatchError>;

/// Serve one function: charge the entry, read its input (at most `MAX_INPUT_LEN` bytes,
/// charged by the byte, decoded exactly), let `answer` charge for its pallet work and do it,
/// and write back its output (charged by the byte), or answer with the status it refused
/// with. Every charge comes before the step it pays for.
fn serve<E: Ext<T = Runtime>, Input: Decode, Output: Encode>(
	mut env: Environment<E, BufInBufOutState>,
	answer: impl FnOnce(&mut Environment<E, BufInBufOutState>, Input) -> Answer<Output>,
) -> Result<RetVal, DispatchError> {
	env.charge_weight(charges::entry())?;
	let answered = match read_input(&mut env)? {
		Ok(input) => answer(&mut env, input)?,
		Err(status) => Err(status),
	};
	let output = match answered {
		Ok(output) => output,
		Err(status) => return Ok(RetVal::Converging(status.code())),
	};
	env.write(&output.encode(), false, Some(charges::copy_out_per_byte()))?;
	Ok(RetVal::Converging(Status::Success.code()))
}

/// The function's input, if it is at most `MAX_INPUT_LEN` bytes and decodes. Nothing is
/// copied (or charged for copying) from an input that is too large.
fn read_input<E: Ext<T = Runtime>, Input: Decode>(
	env: &mut Environment<E, BufInBufOutState>,
) -> Answer<Input> {
	let len = env.in_len();
	if len > MAX_INPUT_LEN {
		return Ok(Err(Status::InputTooLarge));
	}
	env.charge_weight(charges::copy_in(len))?;
	let Ok(bytes) = env.read(len) else { return Ok(Err(Status::DecodeFailed)) };
	Ok(Input::decode_all(&mut &bytes[..]).map_err(|_| Status::DecodeFailed))
}

/// Whether the participant registry lists `contract` as an active hold authority: the one
/// read a hold function makes before it knows whether the caller may use it (benchmarked as
/// the participants pallet's `has_role`).
fn is_hold_authority(contract: &AccountId) -> bool {
	Participants::has_role(contract, Role::HoldAuthority)
}

/// Act on holds in `contract`'s name (the caller checked that it is a hold authority), as one
/// storage layer: a refusal leaves nothing behind, whatever the pallet wrote before it
/// refused. A refusal the contract can act on is its output; any other is `Refused`.
pub(crate) fn act_on_holds(
	contract: &AccountId,
	act: impl FnOnce(AccountId) -> DispatchResult,
) -> Result<Result<(), HoldRefusal>, Status> {
	match with_storage_layer(|| act(contract.clone())) {
		Ok(()) => Ok(Ok(())),
		Err(error) => match DrugTracking::hold_refusal(error) {
			Some(refusal) => Ok(Err(refusal)),
			None => {
				log::debug!(target: LOG_TARGET, "hold refused for {contract:?}: {error:?}");
				Err(Status::Refused)
			}
		},
	}
}
