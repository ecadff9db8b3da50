//! Weights of `pallet_consent`, measured by frame-benchmarking 36.0.0 on 2026-12-01 on
//! `vm` (AMD EPYC): 50 steps, 20 repeats, Wasm execution
//! `Compiled`. Regenerate with `scripts/bench.sh pallet_consent`; do not edit.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::ParityDbWeight, Weight}};

/// The weight of each call of `pallet_consent`.
pub trait WeightInfo {
	fn grant_consent() -> Weight;
	fn revoke_consent() -> Weight;
	fn confirm_consent() -> Weight;
	fn purge_consent() -> Weight;
	fn request_consent() -> Weight;
	fn approve_request() -> Weight;
	fn deny_request() -> Weight;
	fn purge_request() -> Weight;
	fn add_guardian() -> Weight;
	fn remove_guardian() -> Weight;
	fn break_glass() -> Weight;
	fn review_break_glass() -> Weight;
	fn check_access() -> Weight;
}

/// The measured weights, with the runtime's database costs.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Consent::Guardians` (r:1 w:0)
	/// Proof: `Consent::Guardians` (`max_values`: None, `max_size`: Some(241), added: 2716, mode: `MaxEncodedLen`)
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::NextConsentId` (r:1 w:1)
	/// Proof: `Consent::NextConsentId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PatientConsents` (r:1 w:1)
	/// Proof: `Consent::PatientConsents` (`max_values`: None, `max_size`: Some(305), added: 2780, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Consents` (r:0 w:1)
	/// Proof: `Consent::Consents` (`max_values`: None, `max_size`: Some(9263), added: 11738, mode: `MaxEncodedLen`)
	/// Storage: `Consent::GranteeConsents` (r:0 w:1)
	/// Proof: `Consent::GranteeConsents` (`max_values`: None, `max_size`: Some(65), added: 2540, mode: `MaxEncodedLen`)
	fn grant_consent() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 135_281 nanoseconds.
		Weight::from_parts(137_064_000, 3770)
			.saturating_add(db.reads(7_u64))
			.saturating_add(db.writes(6_u64))
	}
	/// Storage: `Consent::Consents` (r:1 w:1)
	/// Proof: `Consent::Consents` (`max_values`: None, `max_size`: Some(9263), added: 11738, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Guardians` (r:1 w:0)
	/// Proof: `Consent::Guardians` (`max_values`: None, `max_size`: Some(241), added: 2716, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	fn revoke_consent() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 67_891 nanoseconds.
		Weight::from_parts(69_814_000, 12728)
			.saturating_add(db.reads(3_u64))
			.saturating_add(db.writes(1_u64))
	}
	/// Storage: `Consent::Consents` (r:1 w:1)
	/// Proof: `Consent::Consents` (`max_values`: None, `max_size`: Some(9263), added: 11738, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	fn confirm_consent() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 61_522 nanoseconds.
		Weight::from_parts(63_284_000, 12728)
			.saturating_add(db.reads(2_u64))
			.saturating_add(db.writes(1_u64))
	}
	/// Storage: `Consent::Consents` (r:1 w:1)
	/// Proof: `Consent::Consents` (`max_values`: None, `max_size`: Some(9263), added: 11738, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PatientConsents` (r:1 w:1)
	/// Proof: `Consent::PatientConsents` (`max_values`: None, `max_size`: Some(305), added: 2780, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Consent::GranteeConsents` (r:0 w:1)
	/// Proof: `Consent::GranteeConsents` (`max_values`: None, `max_size`: Some(65), added: 2540, mode: `MaxEncodedLen`)
	fn purge_consent() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 84_316 nanoseconds.
		Weight::from_parts(86_169_000, 12728)
			.saturating_add(db.reads(5_u64))
			.saturating_add(db.writes(5_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::NextRequestId` (r:1 w:1)
	/// Proof: `Consent::NextRequestId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PatientRequests` (r:1 w:1)
	/// Proof: `Consent::PatientRequests` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Requests` (r:16 w:17)
	/// Proof: `Consent::Requests` (`max_values`: None, `max_size`: Some(9181), added: 11656, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	fn request_consent() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 1_005_937 nanoseconds.
		Weight::from_parts(1_019_417_000, 187486)
			.saturating_add(db.reads(22_u64))
			.saturating_add(db.writes(21_u64))
	}
	/// Storage: `Consent::Requests` (r:1 w:1)
	/// Proof: `Consent::Requests` (`max_values`: None, `max_size`: Some(9181), added: 11656, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Guardians` (r:1 w:0)
	/// Proof: `Consent::Guardians` (`max_values`: None, `max_size`: Some(241), added: 2716, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `Consent::NextConsentId` (r:1 w:1)
	/// Proof: `Consent::NextConsentId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PatientConsents` (r:1 w:1)
	/// Proof: `Consent::PatientConsents` (`max_values`: None, `max_size`: Some(305), added: 2780, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PatientRequests` (r:1 w:1)
	/// Proof: `Consent::PatientRequests` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Consents` (r:0 w:1)
	/// Proof: `Consent::Consents` (`max_values`: None, `max_size`: Some(9263), added: 11738, mode: `MaxEncodedLen`)
	/// Storage: `Consent::GranteeConsents` (r:0 w:1)
	/// Proof: `Consent::GranteeConsents` (`max_values`: None, `max_size`: Some(65), added: 2540, mode: `MaxEncodedLen`)
	fn approve_request() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 166_929 nanoseconds.
		Weight::from_parts(170_714_000, 12646)
			.saturating_add(db.reads(9_u64))
			.saturating_add(db.writes(8_u64))
	}
	/// Storage: `Consent::Requests` (r:1 w:1)
	/// Proof: `Consent::Requests` (`max_values`: None, `max_size`: Some(9181), added: 11656, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Guardians` (r:1 w:0)
	/// Proof: `Consent::Guardians` (`max_values`: None, `max_size`: Some(241), added: 2716, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PatientRequests` (r:1 w:1)
	/// Proof: `Consent::PatientRequests` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	fn deny_request() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 55_433 nanoseconds.
		Weight::from_parts(57_175_000, 12646)
			.saturating_add(db.reads(4_u64))
			.saturating_add(db.writes(2_u64))
	}
	/// Storage: `Consent::Requests` (r:1 w:1)
	/// Proof: `Consent::Requests` (`max_values`: None, `max_size`: Some(9181), added: 11656, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PatientRequests` (r:1 w:1)
	/// Proof: `Consent::PatientRequests` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	fn purge_request() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 79_448 nanoseconds.
		Weight::from_parts(82_563_000, 12646)
			.saturating_add(db.reads(5_u64))
			.saturating_add(db.writes(4_u64))
	}
	/// Storage: `Consent::Guardians` (r:1 w:1)
	/// Proof: `Consent::Guardians` (`max_values`: None, `max_size`: Some(241), added: 2716, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	fn add_guardian() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 49_745 nanoseconds.
		Weight::from_parts(51_156_000, 3706)
			.saturating_add(db.reads(3_u64))
			.saturating_add(db.writes(3_u64))
	}
	/// Storage: `Consent::Guardians` (r:1 w:1)
	/// Proof: `Consent::Guardians` (`max_values`: None, `max_size`: Some(241), added: 2716, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PatientConsents` (r:1 w:0)
	/// Proof: `Consent::PatientConsents` (`max_values`: None, `max_size`: Some(305), added: 2780, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Consents` (r:32 w:32)
	/// Proof: `Consent::Consents` (`max_values`: None, `max_size`: Some(9263), added: 11738, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	fn remove_guardian() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 1_644_869 nanoseconds.
		Weight::from_parts(1_673_641_000, 376606)
			.saturating_add(db.reads(37_u64))
			.saturating_add(db.writes(35_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::BreakGlass` (r:3 w:1)
	/// Proof: `Consent::BreakGlass` (`max_values`: None, `max_size`: Some(112), added: 2587, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Episodes` (r:1 w:1)
	/// Proof: `Consent::Episodes` (`max_values`: None, `max_size`: Some(113), added: 2588, mode: `MaxEncodedLen`)
	/// Storage: `Consent::BreakGlassTallies` (r:1 w:1)
	/// Proof: `Consent::BreakGlassTallies` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Consent::NextEpisodeId` (r:1 w:1)
	/// Proof: `Consent::NextEpisodeId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	fn break_glass() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 90_284 nanoseconds.
		Weight::from_parts(92_157_000, 8751)
			.saturating_add(db.reads(10_u64))
			.saturating_add(db.writes(6_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Episodes` (r:1 w:1)
	/// Proof: `Consent::Episodes` (`max_values`: None, `max_size`: Some(113), added: 2588, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::BreakGlassTallies` (r:1 w:1)
	/// Proof: `Consent::BreakGlassTallies` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Consent::BreakGlass` (r:0 w:1)
	/// Proof: `Consent::BreakGlass` (`max_values`: None, `max_size`: Some(112), added: 2587, mode: `MaxEncodedLen`)
	fn review_break_glass() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 65_898 nanoseconds.
		Weight::from_parts(67_080_000, 3593)
			.saturating_add(db.reads(6_u64))
			.saturating_add(db.writes(5_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `Consent::BreakGlass` (r:3 w:0)
	/// Proof: `Consent::BreakGlass` (`max_values`: None, `max_size`: Some(112), added: 2587, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Episodes` (r:1 w:0)
	/// Proof: `Consent::Episodes` (`max_values`: None, `max_size`: Some(113), added: 2588, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PatientConsents` (r:1 w:0)
	/// Proof: `Consent::PatientConsents` (`max_values`: None, `max_size`: Some(305), added: 2780, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Consents` (r:32 w:0)
	/// Proof: `Consent::Consents` (`max_values`: None, `max_size`: Some(9263), added: 11738, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Guardians` (r:1 w:0)
	/// Proof: `Consent::Guardians` (`max_values`: None, `max_size`: Some(241), added: 2716, mode: `MaxEncodedLen`)
	fn check_access() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 919_809 nanoseconds.
		Weight::from_parts(927_320_000, 376606)
			.saturating_add(db.reads(39_u64))
	}
}

/// The measured weights with ParityDB's database costs, for mock runtimes.
impl WeightInfo for () {
	fn grant_consent() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 135_281 nanoseconds.
		Weight::from_parts(137_064_000, 3770)
			.saturating_add(db.reads(7_u64))
			.saturating_add(db.writes(6_u64))
	}
	fn revoke_consent() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 67_891 nanoseconds.
		Weight::from_parts(69_814_000, 12728)
			.saturating_add(db.reads(3_u64))
			.saturating_add(db.writes(1_u64))
	}
	fn confirm_consent() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 61_522 nanoseconds.
		Weight::from_parts(63_284_000, 12728)
			.saturating_add(db.reads(2_u64))
			.saturating_add(db.writes(1_u64))
	}
	fn purge_consent() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 84_316 nanoseconds.
		Weight::from_parts(86_169_000, 12728)
			.saturating_add(db.reads(5_u64))
			.saturating_add(db.writes(5_u64))
	}
	fn request_consent() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 1_005_937 nanoseconds.
		Weight::from_parts(1_019_417_000, 187486)
			.saturating_add(db.reads(22_u64))
			.saturating_add(db.writes(21_u64))
	}
	fn approve_request() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 166_929 nanoseconds.
		Weight::from_parts(170_714_000, 12646)
			.saturating_add(db.reads(9_u64))
			.saturating_add(db.writes(8_u64))
	}
	fn deny_request() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 55_433 nanoseconds.
		Weight::from_parts(57_175_000, 12646)
			.saturating_add(db.reads(4_u64))
			.saturating_add(db.writes(2_u64))
	}
	fn purge_request() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 79_448 nanoseconds.
		Weight::from_parts(82_563_000, 12646)
			.saturating_add(db.reads(5_u64))
			.saturating_add(db.writes(4_u64))
	}
	fn add_guardian() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 49_745 nanoseconds.
		Weight::from_parts(51_156_000, 3706)
			.saturating_add(db.reads(3_u64))
			.saturating_add(db.writes(3_u64))
	}
	fn remove_guardian() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 1_644_869 nanoseconds.
		Weight::from_parts(1_673_641_000, 376606)
			.saturating_add(db.reads(37_u64))
			.saturating_add(db.writes(35_u64))
	}
	fn break_glass() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 90_284 nanoseconds.
		Weight::from_parts(92_157_000, 8751)
			.saturating_add(db.reads(10_u64))
			.saturating_add(db.writes(6_u64))
	}
	fn review_break_glass() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 65_898 nanoseconds.
		Weight::from_parts(67_080_000, 3593)
			.saturating_add(db.reads(6_u64))
			.saturating_add(db.writes(5_u64))
	}
	fn check_access() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 919_809 nanoseconds.
		Weight::from_parts(927_320_000, 376606)
			.saturating_add(db.reads(39_u64))
	}
}
