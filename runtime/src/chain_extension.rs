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
//! - `SHIPMENT` (0x0003): a shipment's summary (parties, lines, times, state, hold and clone
//!   signals), or none.
//! - `VERIFY_PACK` (0x0004): the verdict on a pack, as a pharmacist's scan would get it now.
//! - `PLACE_HOLD` (0x0005) and `RELEASE_HOLD` (0x0006): only for a contract whose own
//!   account is an active `HoldAuthority` participant, decided here from the participant
//!   registry (never from anything the contract says); the hold is placed or released in
//!   the contract's name, and a refusal the contract can act on comes back named.

use crate::{AccountId, Consent, DrugTracking, Participants, Runtime, Timestamp};
use codec::{Decode, DecodeAll, Encode};
use frame_support::{traits::Time, weights::Weight};
use medchain_primitives::{
	chain_extension::{
		func, CheckAccess, HasRole, PlaceHold, ReleaseHold, ShipmentQuery, Status, VerifyPack,
		EXTENSION_ID, MAX_INPUT_LEN,
	},
	participants::{ParticipantRoles, Role},
	tracking::{HoldRefusal, Verdict},
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
				serve(env.buf_in_buf_out(), ConsentWeights::check_access(), |input: CheckAccess| {
					Ok(Consent::check_access(
						&AccountId::from(input.patient),
						&AccountId::from(input.accessor),
						&input.query,
						<Timestamp as Time>::now(),
					))
				})
			}
			(EXTENSION_ID, func::HAS_ROLE) => {
				serve(env.buf_in_buf_out(), ParticipantWeights::has_role(), |input: HasRole| {
					Ok(Participants::has_role(&AccountId::from(input.who), input.role))
				})
			}
			(EXTENSION_ID, func::SHIPMENT) => serve(
				env.buf_in_buf_out(),
				TrackingWeights::shipment_summary(),
				|id: ShipmentQuery| Ok(DrugTracking::shipment_summary(id)),
			),
			(EXTENSION_ID, func::VERIFY_PACK) => {
				serve(env.buf_in_buf_out(), TrackingWeights::verify_pack(), |pack: VerifyPack| {
					// Nothing longer than the pallet's bounds was ever commissioned.
					let (Ok(serial), Ok(lot)) = (pack.serial.try_into(), pack.lot.try_into())
					else {
						return Ok(Verdict::Unknown);
					};
					let now = <Timestamp as Time>::now();
					Ok(DrugTracking::verify_pack(pack.gtin, &serial, &lot, pack.expiry, now))
				})
			}
			(EXTENSION_ID, func::PLACE_HOLD) => {
				let contract = env.ext().address().clone();
				// The larger of the two hold paths: the input is not read yet.
				let weight = ParticipantWeights::has_role()
					.saturating_add(TrackingWeights::place_hold())
					.max(
						ParticipantWeights::has_role()
							.saturating_add(TrackingWeights::place_shipment_hold()),
					);
				serve(env.buf_in_buf_out(), weight, |hold: PlaceHold| {
					as_hold_authority(&contract, |who| {
						DrugTracking::do_place_hold(who, hold.subject, H256(hold.reason))
					})
				})
			}
			(EXTENSION_ID, func::RELEASE_HOLD) => {
				let contract = env.ext().address().clone();
				let weight =
					ParticipantWeights::has_role().saturating_add(TrackingWeights::release_hold());
				serve(env.buf_in_buf_out(), weight, |release: ReleaseHold| {
					as_hold_authority(&contract, |who| {
						DrugTracking::do_release_hold(
							who,
							release.subject,
							H256(release.resolution),
						)
					})
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
/// (at most `MAX_INPUT_LEN` bytes, decoded exactly), and write back `answer(input)`, or
/// answer with the status it fails with.
fn serve<E: Ext<T = Runtime>, Input: Decode, Output: Encode>(
	mut env: Environment<E, BufInBufOutState>,
	weight: Weight,
	answer: impl FnOnce(Input) -> Result<Output, Status>,
) -> Result<RetVal, DispatchError> {
	env.charge_weight(weight)?;
	let output = match read_input(&mut env).and_then(answer) {
		Ok(output) => output,
		Err(status) => return Ok(RetVal::Converging(status.code())),
	};
	env.write(&output.encode(), false, None)?;
	Ok(RetVal::Converging(Status::Success.code()))
}

/// Act on holds in `contract`'s name if, and only if, the participant registry says it is an
/// active hold authority. A refusal the contract can act on is its output; any other is
/// `Refused`.
fn as_hold_authority(
	contract: &AccountId,
	act: impl FnOnce(AccountId) -> DispatchResult,
) -> Result<Result<(), HoldRefusal>, Status> {
	if !Participants::has_role(contract, Role::HoldAuthority) {
		return Err(Status::NotAuthorized);
	}
	match act(contract.clone()) {
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
