//! The MedChain runtime.
//!
//! One FRAME runtime holds the whole chain: the base pallets (accounts, fees, consensus,
//! governance tools), `pallet-contracts` for the ink! contracts and, in later parts, the
//! participants, consent and drug-tracking pallets. Pallet configuration lives in
//! [`configs`], one file per concern; the runtime APIs in [`apis`]; the genesis presets in
//! [`genesis_config_presets`]; the bridge from contracts to pallets in [`chain_extension`].
#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` recurses deeply.
#![recursion_limit = "256"]

// The Wasm binary built by substrate-wasm-builder, for the node's chain specs.
#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;
// `construct_runtime!` and `impl_opaque_keys!` expand to code naming these unqualified.
#[allow(unused_imports)]
use alloc::{boxed::Box, vec::Vec};

#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod chain_extension;
pub mod configs;
#[cfg(test)]
mod fuzz;
#[cfg(feature = "std")]
pub mod genesis_config_presets;
#[cfg(test)]
mod tests;

use frame_support::construct_runtime;
use sp_runtime::{
	create_runtime_str, generic,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
#[cfg(feature = "std")]
use sp_version::NativeVersion;
use sp_version::RuntimeVersion;

pub use apis::RuntimeApi;
pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(feature = "std")]
pub use sp_runtime::BuildStorage;
pub use sp_runtime::{Perbill, Permill};

/// A block number.
pub type BlockNumber = u32;
/// The signature scheme of transactions (sr25519, ed25519 or ecdsa).
pub type Signature = MultiSignature;
/// An account: the public key of the signature scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// An amount of MED, in plancks (12 decimals).
pub type Balance = u128;
/// The number of transactions an account has sent.
pub type Nonce = u32;
/// A block or state hash.
pub type Hash = sp_core::H256;
/// A time in milliseconds since the Unix epoch.
pub type Moment = u64;

/// Amounts: 1 MED is 10^12 plancks.
pub const UNIT: Balance = 1_000_000_000_000;
pub const MILLI_UNIT: Balance = UNIT / 1_000;
pub const MICRO_UNIT: Balance = MILLI_UNIT / 1_000;
/// The smallest balance an account may hold; below it the account is removed.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// The deposit for keeping `items` storage items of `bytes` bytes in total.
///
/// One price for every pallet that stores data for a user (contracts, proxies, multisigs
/// and our own registries), so that state cannot grow unpaid.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	items as Balance * 20 * MILLI_UNIT + (bytes as Balance) * 100 * MICRO_UNIT
}

/// Target block time of an Aura network; also the Aura slot length.
pub const MILLI_SECS_PER_BLOCK: u64 = 6_000;
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
pub const HOURS: BlockNumber = MINUTES * 60;
pub const DAYS: BlockNumber = HOURS * 24;

/// Types the node needs without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	use sp_runtime::impl_opaque_keys;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	pub type BlockId = generic::BlockId<Block>;

	impl_opaque_keys! {
		/// The keys a validator holds: Aura for authoring, GRANDPA for finality.
		pub struct SessionKeys {
			pub aura: Aura,
			pub grandpa: Grandpa,
		}
	}
}

#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: create_runtime_str!("medchain"),
	impl_name: create_runtime_str!("medchain"),
	authoring_version: 1,
	// 101: consents, requests and records hold data tags, policies only hashes, episodes an
	// emergency handle (issue 18). No migration: no network runs 100's layout (the dev and
	// local chains start from genesis), and a chain that did would need its patients to move
	// to new accounts anyway (docs/privacy.md).
	spec_version: 101,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	// 2: `consent.grant_consent`, `request_consent` and `break_glass` take new argument types.
	transaction_version: 2,
	state_version: 1,
};

/// The version of the runtime compiled into the node.
#[cfg(feature = "std")]
pub fn native_version() -> NativeVersion {
	NativeVersion { runtime_version: VERSION, can_author_with: Default::default() }
}

// Pallet indices are fixed: clients, signed payloads and contracts' `call_runtime` encode
// them, so an index never changes or gets reused.
construct_runtime!(
	pub enum Runtime {
		System: frame_system = 0,
		Timestamp: pallet_timestamp = 1,
		Aura: pallet_aura = 2,
		Grandpa: pallet_grandpa = 3,
		Balances: pallet_balances = 4,
		TransactionPayment: pallet_transaction_payment = 5,
		Sudo: pallet_sudo = 6,
		Utility: pallet_utility = 7,
		Proxy: pallet_proxy = 8,
		Multisig: pallet_multisig = 9,
		RandomnessCollectiveFlip: pallet_insecure_randomness_collective_flip = 10,
		Contracts: pallet_contracts = 11,
		Council: pallet_collective::<Instance1> = 12,
		CouncilMembership: pallet_membership::<Instance1> = 13,

		// MedChain's own pallets.
		Participants: pallet_participants = 20,
		Consent: pallet_consent = 21,
		DrugTracking: pallet_drug_tracking = 22,
	}
);

/// How an extrinsic names an account.
pub type Address = MultiAddress<AccountId, ()>;
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// The checks every signed transaction goes through.
pub type SignedExtra = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
);
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, SignedExtra>;
pub type SignedPayload = generic::SignedPayload<RuntimeCall, SignedExtra>;
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
>;
