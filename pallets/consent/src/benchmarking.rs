//! Benchmarks of every call, and of `check_access` for the chain extension, each at its most
//! expensive: the largest consents (every provision with every code, the most tags and every exception, a
//! policy), a patient's index one short of full, the signer a guardian at the end
//! of a full guardian list; removing a guardian revokes a full index of consents it granted;
//! breaking the glass meets the most unreviewed episodes and the day's count one short of
//! their caps. No call iterates over anything unbounded, so none has a component.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_system::RawOrigin;
use medchain_primitives::participants::Role;
use sp_core::H256;
use sp_runtime::traits::Saturating;

/// The chain's time during the benchmarks: 2026-01-01.
const NOW: Moment = 1_767_225_600_000;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	fund::<T>(&who);
	who
}

/// Enough for every deposit a benchmark holds, with no risk of overflowing the issuance.
fn fund<T: Config>(who: &T::AccountId) {
	let plenty = T::Currency::minimum_balance().saturating_mul(1_000_000_000u32.into());
	T::Currency::set_balance(who, plenty);
}

/// As many distinct tags as there are data classes (what tags they are does not matter to
/// the registry, which only compares them).
fn all_tags() -> alloc::vec::Vec<DataTag> {
	(0..DataClass::ALL.len()).map(|i| DataTag([i as u8; 16])).collect()
}

/// A rule naming every code and a data period.
fn full_rule() -> Rule {
	Rule {
		purposes: Purpose::ALL.to_vec().try_into().expect("every purpose fits"),
		data_tags: all_tags().try_into().expect("every class's tag fits"),
		actions: Action::ALL.to_vec().try_into().expect("every action fits"),
		data_period: Some(DataPeriod { from: 0, to: Moment::MAX }),
	}
}

/// The largest provisions: all permits, whose exceptions cover records of no date, so that a
/// decision must look at every one of them.
fn full_provisions<T: Config>() -> ProvisionsOf<T> {
	let mut exception = full_rule();
	exception.data_period = Some(DataPeriod { from: 0, to: 0 });
	let provision = Provision {
		kind: ProvisionType::Permit,
		rule: full_rule(),
		exceptions: alloc::vec![exception; MAX_EXCEPTIONS as usize]
			.try_into()
			.expect("the most exceptions fit"),
	};
	alloc::vec![provision; T::MaxProvisions::get() as usize]
		.try_into()
		.expect("the most provisions fit")
}

fn full_policy() -> Option<PolicyRef> {
	Some(PolicyRef { hash: H256::repeat_byte(1) })
}

/// A patient with a full guardian list; returns the patient and its last guardian.
fn guarded_patient<T: Config>() -> (T::AccountId, T::AccountId) {
	T::BenchmarkHelper::set_time(NOW);
	let patient = funded::<T>("patient", 0);
	let mut last = patient.clone();
	for i in 0..T::MaxGuardians::get() {
		last = funded::<T>("guardian", i);
		Pallet::<T>::do_add_guardian(patient.clone(), last.clone()).expect("room for guardians");
	}
	(patient, last)
}

/// A hospital participant.
fn hospital<T: Config>() -> T::AccountId {
	let who = funded::<T>("hospital", 0);
	T::BenchmarkHelper::register(&who, &[Role::Hospital]);
	who
}

/// Fill the patient's index with the largest consents to `grantee`, leaving `free` places.
fn fill_consents<T: Config>(patient: &T::AccountId, grantee: &GranteeOf<T>, free: u32) {
	fill_consents_as::<T>(patient, patient, grantee, free)
}

/// Fill the patient's index with the largest consents to `grantee` granted by `by`, leaving
/// `free` places.
fn fill_consents_as<T: Config>(
	by: &T::AccountId,
	patient: &T::AccountId,
	grantee: &GranteeOf<T>,
	free: u32,
) {
	for _ in 0..T::MaxConsentsPerPatient::get().saturating_sub(free) {
		Pallet::<T>::do_grant(
			by.clone(),
			patient.clone(),
			grantee.clone(),
			full_provisions::<T>(),
			None,
			Ends::Never,
			full_policy(),
		)
		.expect("room for consents");
	}
}

/// Fill the patient's pending requests, leaving `free` places; returns the last request.
fn fill_requests<T: Config>(patient: &T::AccountId, free: u32) -> Option<RequestId> {
	let requester = hospital::<T>();
	let mut last = None;
	for _ in 0..T::MaxPendingRequests::get().saturating_sub(free) {
		last = Some(
			Pallet::<T>::do_request(
				requester.clone(),
				patient.clone(),
				full_provisions::<T>(),
				None,
				Ends::Never,
				full_policy(),
			)
			.expect("room for requests"),
		);
	}
	last
}

/// A benchmark patient's emergency handle (what it is does not matter to the registry).
fn handle(i: u8) -> EmergencyHandle {
	EmergencyHandle([i; 32])
}

/// Let `clinician` break the glass `count` times for a minute each with each of the patients
/// whose handles are `subjects` in turn, each episode ended before the next; returns the
/// chain's time after the last.
fn ended_episodes<T: Config>(
	clinician: &T::AccountId,
	subjects: &[EmergencyHandle],
	count: u32,
	mut now: Moment,
) -> Moment {
	for i in 0..count {
		T::BenchmarkHelper::set_time(now);
		let subject = subjects[i as usize % subjects.len()];
		Pallet::<T>::do_break_glass(clinician.clone(), subject, EmergencyReason::BTG, 1)
			.expect("a clinician may break the glass");
		now += MINUTE;
	}
	T::BenchmarkHelper::set_time(now);
	now
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn grant_consent() {
		let (patient, guardian) = guarded_patient::<T>();
		let grantee = Grantee::Participant(hospital::<T>());
		fill_consents::<T>(&patient, &grantee, 1);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(guardian),
			patient.clone(),
			grantee,
			full_provisions::<T>(),
			None,
			Ends::Never,
			full_policy(),
		);

		assert_eq!(
			PatientConsents::<T>::get(&patient).len() as u32,
			T::MaxConsentsPerPatient::get()
		);
	}

	#[benchmark]
	fn revoke_consent() {
		let (patient, guardian) = guarded_patient::<T>();
		let grantee = Grantee::Participant(hospital::<T>());
		fill_consents::<T>(&patient, &grantee, 0);
		let last = NextConsentId::<T>::get() - 1;

		#[extrinsic_call]
		_(RawOrigin::Signed(guardian), last);

		assert_eq!(
			Consents::<T>::get(last).map(|c| c.status_at(NOW)),
			Some(ConsentStatus::Revoked)
		);
	}

	/// The largest consent a guardian granted, confirmed by the patient.
	#[benchmark]
	fn confirm_consent() {
		let (patient, guardian) = guarded_patient::<T>();
		let grantee = Grantee::Participant(hospital::<T>());
		fill_consents_as::<T>(&guardian, &patient, &grantee, 0);
		let last = NextConsentId::<T>::get() - 1;

		#[extrinsic_call]
		_(RawOrigin::Signed(patient), last);

		assert_eq!(Consents::<T>::get(last).and_then(|c| c.confirmed_at), Some(NOW));
	}

	#[benchmark]
	fn purge_consent() {
		let (patient, _) = guarded_patient::<T>();
		let grantee = Grantee::Participant(hospital::<T>());
		fill_consents::<T>(&patient, &grantee, 0);
		let last = NextConsentId::<T>::get() - 1;
		Pallet::<T>::do_revoke(patient.clone(), last).expect("granted");
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), last);

		assert!(!Consents::<T>::contains_key(last));
	}

	/// The patient's pending requests are all expired: each gives way to the new one.
	#[benchmark]
	fn request_consent() {
		let (patient, _) = guarded_patient::<T>();
		fill_requests::<T>(&patient, 0);
		T::BenchmarkHelper::set_time(NOW + T::RequestLifetime::get());
		let requester = hospital::<T>();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(requester),
			patient.clone(),
			full_provisions::<T>(),
			None,
			Ends::Never,
			full_policy(),
		);

		assert_eq!(PatientRequests::<T>::get(&patient).len(), 1);
	}

	#[benchmark]
	fn approve_request() {
		let (patient, guardian) = guarded_patient::<T>();
		let request = fill_requests::<T>(&patient, 0).expect("at least one request");
		fill_consents::<T>(&patient, &Grantee::Role(Role::Researcher), 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(guardian), request);

		assert!(matches!(
			Requests::<T>::get(request).map(|r| r.state),
			Some(RequestState::Approved(_))
		));
	}

	#[benchmark]
	fn deny_request() {
		let (patient, guardian) = guarded_patient::<T>();
		let request = fill_requests::<T>(&patient, 0).expect("at least one request");

		#[extrinsic_call]
		_(RawOrigin::Signed(guardian), request);

		assert_eq!(Requests::<T>::get(request).map(|r| r.state), Some(RequestState::Denied));
	}

	#[benchmark]
	fn purge_request() {
		let (patient, _) = guarded_patient::<T>();
		let request = fill_requests::<T>(&patient, 0).expect("at least one request");
		// Expired while pending: it must also leave the pending index.
		T::BenchmarkHelper::set_time(NOW + T::RequestLifetime::get());
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), request);

		assert!(!Requests::<T>::contains_key(request));
	}

	#[benchmark]
	fn add_guardian() {
		T::BenchmarkHelper::set_time(NOW);
		let patient = funded::<T>("patient", 0);
		for i in 1..T::MaxGuardians::get() {
			Pallet::<T>::do_add_guardian(patient.clone(), account("guardian", i, 0))
				.expect("room for guardians");
		}
		let guardian: T::AccountId = account("guardian", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), guardian.clone());

		assert!(Pallet::<T>::is_guardian(&patient, &guardian));
	}

	/// The guardian granted every consent in the patient's full index, none confirmed: each
	/// is revoked.
	#[benchmark]
	fn remove_guardian() {
		let (patient, guardian) = guarded_patient::<T>();
		let grantee = Grantee::Participant(hospital::<T>());
		fill_consents_as::<T>(&guardian, &patient, &grantee, 0);
		assert_eq!(
			Pallet::<T>::guardian_granted(&patient).len() as u32,
			T::MaxConsentsPerPatient::get()
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), guardian.clone());

		assert!(!Pallet::<T>::is_guardian(&patient, &guardian));
		assert!(PatientConsents::<T>::get(&patient).into_iter().all(|id| {
			Consents::<T>::get(id).is_some_and(|c| c.status_at(NOW) == ConsentStatus::Revoked)
		}));
	}

	/// The clinician has one fewer unreviewed episodes with the patient than allowed, all
	/// ended, and has begun one fewer episodes today than allowed (the rest with other
	/// patients).
	#[benchmark]
	fn break_glass() {
		let patient = handle(0);
		let clinician = funded::<T>("clinician", 0);
		T::BenchmarkHelper::register(&clinician, &[Role::Clinician]);
		let per_patient = T::MaxUnreviewedBreakGlass::get().saturating_sub(1);
		let per_day = T::MaxBreakGlassPerDay::get().saturating_sub(1);
		let now = ended_episodes::<T>(&clinician, &[patient], per_patient.min(per_day), NOW);
		let others: alloc::vec::Vec<EmergencyHandle> =
			(1..=per_day).map(|i| handle(i as u8)).collect();
		let now =
			ended_episodes::<T>(&clinician, &others, per_day.saturating_sub(per_patient), now);
		assert_eq!(day_of(now), day_of(NOW), "every episode began on the same day");

		#[extrinsic_call]
		_(
			RawOrigin::Signed(clinician.clone()),
			patient,
			EmergencyReason::ETREAT,
			T::MaxBreakGlassMinutes::get(),
		);

		assert_eq!(
			Pallet::<T>::unreviewed_with(&patient, &clinician).len() as u32,
			per_patient.min(per_day) + 1
		);
		assert_eq!(BreakGlassTallies::<T>::get(&clinician).map(|t| t.count), Some(per_day + 1));
	}

	#[benchmark]
	fn review_break_glass() {
		T::BenchmarkHelper::set_time(NOW);
		let patient = handle(0);
		let clinician = funded::<T>("clinician", 0);
		T::BenchmarkHelper::register(&clinician, &[Role::Clinician]);
		let auditor = funded::<T>("auditor", 0);
		T::BenchmarkHelper::register(&auditor, &[Role::Auditor]);
		let episode = Pallet::<T>::do_break_glass(
			clinician.clone(),
			patient,
			EmergencyReason::ETREAT,
			T::MaxBreakGlassMinutes::get(),
		)
		.expect("a clinician may break the glass");
		T::BenchmarkHelper::set_time(NOW + Moment::from(T::MaxBreakGlassMinutes::get()) * MINUTE);

		#[extrinsic_call]
		_(RawOrigin::Signed(auditor), episode, Finding::Justified, H256::repeat_byte(2));

		assert!(Episodes::<T>::get(episode).is_none());
	}

	/// The decision at its most expensive: a clinician with the most unreviewed break-glass
	/// episodes with the patient, all ended, asked about with the patient's handle (so the
	/// index and the latest episode are read),
	/// asks about a patient whose index is full of consents naming it by role, each of which
	/// must be read and every provision and exception of which must be evaluated, for the
	/// codes listed last; and it is the last of the patient's guardians.
	#[benchmark]
	fn check_access() {
		let (patient, _) = guarded_patient::<T>();
		let accessor: T::AccountId = account("guardian", T::MaxGuardians::get() - 1, 0);
		T::BenchmarkHelper::register(&accessor, &[Role::Clinician, Role::Hospital]);
		fill_consents::<T>(&patient, &Grantee::Role(Role::Hospital), 0);
		let episodes = T::MaxUnreviewedBreakGlass::get().min(T::MaxBreakGlassPerDay::get());
		let secret: TagSecret = [7; 32];
		let subject = Pallet::<T>::emergency_handle(&secret, &patient);
		let at = ended_episodes::<T>(&accessor, &[subject], episodes, NOW);
		let query = AccessQuery {
			purpose: Purpose::BTG,
			// The last tag of every list: each is read to the end.
			data_tag: DataTag([DataClass::ALL.len() as u8 - 1; 16]),
			action: Action::Use,
			record_date: Some(NOW),
		};

		#[block]
		{
			Pallet::<T>::check_access(&patient, &accessor, &query, at, Some(&secret));
		}

		let decision = Pallet::<T>::check_access(&patient, &accessor, &query, at, Some(&secret));
		assert_eq!(decision, Decision::Permit(Permit::Guardian));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
