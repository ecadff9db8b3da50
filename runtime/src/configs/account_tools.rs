//! Tools account holders use to act safely: batching (utility), delegation (proxy) and
//! shared control (multisig), e.g. a hospital's signing officers or a regulator's board.

use crate::{deposit, Balance, Balances, OriginCaller, Runtime, RuntimeCall, RuntimeEvent};
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{
	parameter_types,
	traits::{ConstU32, InstanceFilter},
};
use scale_info::TypeInfo;
use sp_runtime::{traits::BlakeTwo256, RuntimeDebug};

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	// A proxy record is an account id plus a small enum and a block number.
	pub const ProxyDepositBase: Balance = deposit(1, 8);
	pub const ProxyDepositFactor: Balance = deposit(0, 33);
	pub const AnnouncementDepositBase: Balance = deposit(1, 8);
	pub const AnnouncementDepositFactor: Balance = deposit(0, 66);
	// A multisig operation stores its call hash, approvals and deposit.
	pub const MultisigDepositBase: Balance = deposit(1, 88);
	pub const MultisigDepositFactor: Balance = deposit(0, 32);
}

/// What a proxy may do for the account that appointed it.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	RuntimeDebug,
	MaxEncodedLen,
	TypeInfo,
	Default,
)]
pub enum ProxyType {
	/// Anything the account itself could do.
	#[default]
	Any,
	/// Anything except moving funds: no balance calls, and no contract call or
	/// instantiation that sends value.
	NonTransfer,
	/// Only cancel announced proxy calls (a safety net for time-delayed proxies).
	CancelProxy,
	/// Only use contracts: call, instantiate, upload and remove code, sending no value.
	Contracts,
}

/// Whether `call` moves the signer's funds: any balance call, or a contract call or
/// instantiation that sends value along. (A storage deposit is not a transfer: it is held,
/// and comes back when the storage goes.)
#[allow(deprecated)] // The `*_old_weight` calls are deprecated, but still dispatchable.
fn moves_funds(call: &RuntimeCall) -> bool {
	use pallet_contracts::Call as C;
	match call {
		RuntimeCall::Balances(..) => true,
		RuntimeCall::Contracts(
			C::call { value, .. }
			| C::call_old_weight { value, .. }
			| C::instantiate { value, .. }
			| C::instantiate_old_weight { value, .. }
			| C::instantiate_with_code { value, .. }
			| C::instantiate_with_code_old_weight { value, .. },
		) => *value > 0,
		_ => false,
	}
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, call: &RuntimeCall) -> bool {
		match self {
			ProxyType::Any => true,
			ProxyType::NonTransfer => !moves_funds(call),
			ProxyType::CancelProxy => matches!(
				call,
				RuntimeCall::Proxy(pallet_proxy::Call::reject_announcement { .. })
					| RuntimeCall::Utility(..)
					| RuntimeCall::Multisig(..)
			),
			ProxyType::Contracts => {
				matches!(
					call,
					RuntimeCall::Contracts(..)
						| RuntimeCall::Utility(..)
						| RuntimeCall::Multisig(..)
				) && !moves_funds(call)
			}
		}
	}

	fn is_superset(&self, other: &Self) -> bool {
		match (self, other) {
			(ProxyType::Any, _) => true,
			(_, ProxyType::Any) => false,
			(ProxyType::NonTransfer, _) => true,
			_ => self == other,
		}
	}
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	type MaxProxies = ConstU32<32>;
	type WeightInfo = pallet_proxy::weights::SubstrateWeight<Runtime>;
	type MaxPending = ConstU32<32>;
	type CallHasher = BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
}

impl pallet_multisig::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type DepositBase = MultisigDepositBase;
	type DepositFactor = MultisigDepositFactor;
	type MaxSignatories = ConstU32<32>;
	type WeightInfo = pallet_multisig::weights::SubstrateWeight<Runtime>;
}
