//! The pallets `medchain-node benchmark pallet` measures (built with
//! `--features runtime-benchmarks`); their results become the pallets' `weights.rs`.

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_utility, Utility]
	[pallet_proxy, Proxy]
	[pallet_multisig, Multisig]
	[pallet_participants, Participants]
	[pallet_consent, Consent]
	[pallet_drug_tracking, DrugTracking]
);

impl frame_system_benchmarking::Config for crate::Runtime {}
