//! A minimal runtime for the pallet's unit tests: Root is governance.

use crate as pallet_participants;
use frame_support::{derive_impl, traits::ConstU32};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Participants: pallet_participants,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl pallet_participants::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type GovernanceOrigin = frame_system::EnsureRoot<u64>;
	type ContractAccounts = MockContracts;
	type MaxParticipants = ConstU32<4>;
	type WeightInfo = ();
}

/// The first account number the mock treats as a contract.
pub const FIRST_CONTRACT: u64 = 1_000;

/// Accounts from [`FIRST_CONTRACT`] on are contracts.
pub struct MockContracts;
impl frame_support::traits::Contains<u64> for MockContracts {
	fn contains(who: &u64) -> bool {
		*who >= FIRST_CONTRACT
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Run `test` on a fresh chain, then check the pallet's invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		pallet_participants::Pallet::<Test>::do_try_state().expect("invariants hold");
	});
}
