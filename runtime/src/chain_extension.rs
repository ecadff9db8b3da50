//! MedChain's chain extension: the one bridge from ink! contracts to the runtime's pallets.
//!
//! Contracts reach pallets only through the functions dispatched here, never through
//! `call_runtime` (the contracts `CallFilter` lets nothing through). Every function
//! charges its benchmarked weight before it runs, reads at most
//! [`MAX_INPUT_LEN`](medchain_primitives::chain_extension::MAX_INPUT_LEN) bytes of input
//! and answers with a [`Status`]; the contract-side trait lives under `contracts/`, the
//! shared ids and codes in `medchain-primitives`.

use crate::Runtime;
use medchain_primitives::chain_extension::{Status, EXTENSION_ID};
use pallet_contracts::chain_extension::{ChainExtension, Environment, Ext, InitState, RetVal};
use sp_runtime::DispatchError;

const LOG_TARGET: &str = "runtime::medchain-extension";

/// The chain extension installed in `pallet-contracts`.
#[derive(Default)]
pub struct MedChainExtension;

impl ChainExtension<Runtime> for MedChainExtension {
	fn call<E: Ext<T = Runtime>>(
		&mut self,
		env: Environment<E, InitState>,
	) -> Result<RetVal, DispatchError> {
		// A contract built for another chain's extension, or for a function this runtime
		// does not have, gets a status it can handle rather than a trap.
		log::debug!(
			target: LOG_TARGET,
			"no function {:#06x}:{:#06x} (this runtime serves extension {:#06x})",
			env.ext_id(),
			env.func_id(),
			EXTENSION_ID,
		);
		Ok(RetVal::Converging(Status::UnknownFunction.code()))
	}
}
