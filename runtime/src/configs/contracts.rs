//! pallet-contracts, configured for ink! 5 contracts, and its randomness source.

use crate::{
	chain_extension::MedChainExtension, deposit, Balance, Balances, RandomnessCollectiveFlip,
	Runtime, RuntimeCall, RuntimeEvent, RuntimeHoldReason, Timestamp,
};
use frame_support::{
	parameter_types,
	traits::{ConstBool, ConstU32, Nothing},
};
use frame_system::EnsureSigned;
use sp_runtime::Perbill;

/// Dry runs over RPC (`ContractsApi`) return the contract's debug buffer, which ink! fills
/// with the reason for a revert; on-chain execution never records it.
pub const CONTRACTS_DEBUG_OUTPUT: pallet_contracts::DebugInfo =
	pallet_contracts::DebugInfo::UnsafeDebug;
/// Dry runs over RPC also return the events a call would emit.
pub const CONTRACTS_EVENTS: pallet_contracts::CollectEvents =
	pallet_contracts::CollectEvents::UnsafeCollect;

parameter_types! {
	pub const DepositPerItem: Balance = deposit(1, 0);
	pub const DepositPerByte: Balance = deposit(0, 1);
	pub const DefaultDepositLimit: Balance = deposit(1024, 1024 * 1024);
	pub Schedule: pallet_contracts::Schedule<Runtime> = Default::default();
	// Code a contract depends on through `delegate_call` is locked with this share of its
	// deposit, so it cannot be removed from under the contract.
	pub const CodeHashLockupDepositPercent: Perbill = Perbill::from_percent(30);
}

impl pallet_insecure_randomness_collective_flip::Config for Runtime {}

impl pallet_contracts::Config for Runtime {
	type Time = Timestamp;
	// Predictable to validators: fine for salts and ids, never for secrets or lotteries.
	type Randomness = RandomnessCollectiveFlip;
	type Currency = Balances;
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	/// Contracts may not dispatch runtime calls (`call_runtime`). A dispatchable exposed to
	/// contracts becomes an API that can never change, and every capability contracts need
	/// goes through the narrow, audited chain extension instead.
	type CallFilter = Nothing;
	type WeightPrice = pallet_transaction_payment::Pallet<Self>;
	type WeightInfo = pallet_contracts::weights::SubstrateWeight<Self>;
	type ChainExtension = MedChainExtension;
	type Schedule = Schedule;
	// Five nested calls are plenty for our contracts, and a shallow stack lets MaxCodeLen be
	// larger within the runtime's memory (see pallet-contracts' integrity test).
	type CallStack = [pallet_contracts::Frame<Self>; 5];
	type DepositPerByte = DepositPerByte;
	type DefaultDepositLimit = DefaultDepositLimit;
	type DepositPerItem = DepositPerItem;
	type CodeHashLockupDepositPercent = CodeHashLockupDepositPercent;
	type AddressGenerator = pallet_contracts::DefaultAddressGenerator;
	// ink! 5 release builds of our contracts are tens of KiB; 128 KiB leaves room.
	type MaxCodeLen = ConstU32<{ 128 * 1024 }>;
	type MaxStorageKeyLen = ConstU32<128>;
	type MaxDelegateDependencies = ConstU32<32>;
	// Only the stable host API: contracts we deploy must keep working across upgrades.
	type UnsafeUnstableInterface = ConstBool<false>;
	type MaxDebugBufferLen = ConstU32<{ 2 * 1024 * 1024 }>;
	type UploadOrigin = EnsureSigned<Self::AccountId>;
	type InstantiateOrigin = EnsureSigned<Self::AccountId>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Migrations = ();
	type Debug = ();
	type Environment = ();
	type ApiVersion = ();
	type Xcm = ();
}
