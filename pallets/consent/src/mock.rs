//! A small runtime for the pallet's unit tests: real balances and timestamp pallets, the mock
//! participant registry, and tight bounds so limits are reachable.

use crate as pallet_consent;
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
		Registry: pallet_consent,
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

/// The deposit base and per-byte price.
pub const BASE: u64 = 100;
pub const PER_BYTE: u64 = 1;
/// A patient's time to answer a request: one week.
pub const REQUEST_LIFETIME: u64 = 7 * crate::DAY;

impl pallet_consent::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type Time = Timestamp;
	type Participants = MockParticipants;
	type MaxConsentsPerPatient = ConstU32<4>;
	type MaxProvisions = ConstU32<3>;
	type MaxGuardians = ConstU32<2>;
	type MaxPendingRequests = ConstU32<2>;
	type RequestLifetime = ConstU64<REQUEST_LIFETIME>;
	type AutoPurgeDelay = ConstU64<{ crate::DAY }>;
	type MaxBreakGlassMinutes = ConstU32<240>;
	type MaxUnreviewedBreakGlass = ConstU32<3>;
	type MaxBreakGlassPerDay = ConstU32<4>;
	type DepositBase = ConstU64<BASE>;
	type DepositPerByte = ConstU64<PER_BYTE>;
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

/// Patients.
pub const PATIENT: u64 = 1;
pub const OTHER_PATIENT: u64 = 2;
/// A patient's guardian (not a participant).
pub const GUARDIAN: u64 = 3;
/// A hospital.
pub const HOSPITAL: u64 = 10;
/// A clinician (also at the hospital).
pub const CLINICIAN: u64 = 11;
/// Another clinician.
pub const CLINICIAN_2: u64 = 12;
/// A researcher.
pub const RESEARCHER: u64 = 13;
/// An auditor.
pub const AUDITOR: u64 = 14;
/// An account with no role and no funds.
pub const NOBODY: u64 = 99;

/// Every funded account's starting balance.
pub const FUNDS: u64 = 1_000_000;
/// The chain's time when a test starts: 2026-01-01T00:00:00Z.
pub const START: u64 = 1_767_225_600_000;

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [
			PATIENT,
			OTHER_PATIENT,
			GUARDIAN,
			HOSPITAL,
			CLINICIAN,
			CLINICIAN_2,
			RESEARCHER,
			AUDITOR,
		]
		.into_iter()
		.map(|who| (who, FUNDS))
		.collect(),
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	MockParticipants::clear();
	MockParticipants::set(HOSPITAL, &[Role::Hospital], None);
	MockParticipants::set(CLINICIAN, &[Role::Clinician], None);
	MockParticipants::set(CLINICIAN_2, &[Role::Clinician, Role::Auditor], None);
	MockParticipants::set(RESEARCHER, &[Role::Researcher], None);
	MockParticipants::set(AUDITOR, &[Role::Auditor], None);
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
		Registry::do_try_state().expect("invariants hold");
	});
}

/// Move the chain's clock to `now`, one block later.
pub fn set_time(now: u64) {
	System::set_block_number(System::block_number() + 1);
	pallet_timestamp::Now::<Test>::put(now);
}
