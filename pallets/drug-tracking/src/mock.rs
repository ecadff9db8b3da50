//! A small runtime for the pallet's unit tests: real balances and timestamp pallets, the mock
//! participant registry, and tight bounds so limits are reachable.

use crate as pallet_drug_tracking;
use frame_support::{
	derive_impl,
	traits::{ConstU32, ConstU64},
};
use medchain_primitives::participants::{mock::MockParticipants, Role};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Timestamp: pallet_timestamp,
		Balances: pallet_balances,
		Tracking: pallet_drug_tracking,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

/// A day, in milliseconds.
pub const DAY: u64 = 24 * 60 * 60 * 1000;
/// The EU FMD reversal window: ten days.
pub const WINDOW: u64 = 10 * DAY;
/// The longest transit: thirty days.
pub const MAX_TRANSIT: u64 = 30 * DAY;
/// How long records are kept after expiry: a year, as the EU FMD asks.
pub const RETENTION: u64 = 365 * DAY;
/// The most records one `retire_batch` call removes: few, so tests see several calls.
pub const MAX_RETIRE_ITEMS: u32 = 8;
/// The most reported packs per batch.
pub const MAX_REPORTED: u32 = 4;

impl pallet_drug_tracking::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type Time = Timestamp;
	type Participants = MockParticipants;
	type MaxSerialsPerCall = ConstU32<8>;
	type MaxShipmentLines = ConstU32<3>;
	type MaxShipmentSerials = ConstU32<6>;
	type MaxShipmentEvents = ConstU32<3>;
	type ReversalWindow = ConstU64<WINDOW>;
	type MaxTransit = ConstU64<MAX_TRANSIT>;
	type MaxReportedPacksPerBatch = ConstU32<MAX_REPORTED>;
	type RetentionPeriod = ConstU64<RETENTION>;
	type MaxRetireItems = ConstU32<MAX_RETIRE_ITEMS>;
	type DepositBase = ConstU64<10>;
	type DepositPerByte = ConstU64<1>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

/// Registers participants in the mock registry and sets the mock chain's time.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockHelper {
	fn register(who: &u64, roles: &[Role]) {
		MockParticipants::set(*who, roles, None);
	}
	fn set_time(now: crate::Moment) {
		pallet_timestamp::Now::<Test>::put(now);
	}
}

pub const MANUFACTURER: u64 = 10;
pub const WHOLESALER: u64 = 11;
pub const PHARMACY: u64 = 12;
pub const HOSPITAL: u64 = 13;
pub const CARRIER: u64 = 14;
pub const REGULATOR: u64 = 15;
pub const HOLD_AUTHORITY: u64 = 16;
pub const OTHER_MANUFACTURER: u64 = 17;
/// No role, no funds.
pub const NOBODY: u64 = 99;

/// Every funded account's starting balance.
pub const FUNDS: u64 = 10_000_000;
/// The chain's time when a test starts: 2026-01-01T00:00:00Z.
pub const START: u64 = 1_767_225_600_000;

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let funded = [
		MANUFACTURER,
		WHOLESALER,
		PHARMACY,
		HOSPITAL,
		CARRIER,
		REGULATOR,
		HOLD_AUTHORITY,
		OTHER_MANUFACTURER,
	];
	pallet_balances::GenesisConfig::<Test> {
		balances: funded.into_iter().map(|who| (who, FUNDS)).collect(),
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	MockParticipants::clear();
	MockParticipants::set(MANUFACTURER, &[Role::Manufacturer], None);
	MockParticipants::set(OTHER_MANUFACTURER, &[Role::Manufacturer], None);
	MockParticipants::set(WHOLESALER, &[Role::Wholesaler], None);
	MockParticipants::set(PHARMACY, &[Role::Pharmacy], None);
	MockParticipants::set(HOSPITAL, &[Role::Hospital], None);
	MockParticipants::set(CARRIER, &[Role::Carrier], None);
	MockParticipants::set(REGULATOR, &[Role::Regulator], None);
	MockParticipants::set(HOLD_AUTHORITY, &[Role::HoldAuthority], None);
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Test>::put(START);
	});
	ext
}

/// Run `test` on a fresh chain, then check the pallet's invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Tracking::do_try_state().expect("invariants hold");
	});
}

/// Move the chain's clock to `now`, one block later.
pub fn set_time(now: u64) {
	System::set_block_number(System::block_number() + 1);
	pallet_timestamp::Now::<Test>::put(now);
}
