//! Unit tests: every call's success path and errors, and the decision rule. Each test runs
//! the pallet's invariants when it ends (`mock::run`).

use crate::{mock::*, *};
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, Get, Hooks},
	weights::Weight,
};
use medchain_primitives::participants::{mock::MockParticipants, Role};
use sp_core::H256;
use sp_runtime::DispatchError;

type Codes<X, const N: u32> = frame_support::BoundedVec<X, frame_support::traits::ConstU32<N>>;

fn codes<X: Clone + core::fmt::Debug, const N: u32>(items: &[X]) -> Codes<X, N> {
	Codes::<X, N>::try_from(items.to_vec()).expect("test code lists fit")
}

fn rule(purposes: &[Purpose], classes: &[DataClass], actions: &[Action]) -> Rule {
	Rule {
		purposes: codes(purposes),
		data_classes: codes(classes),
		actions: codes(actions),
		data_period: None,
	}
}

fn provision(kind: ProvisionType, rule: Rule) -> Provision {
	Provision { kind, rule, exceptions: Default::default() }
}

fn permit(purposes: &[Purpose], classes: &[DataClass]) -> Provision {
	provision(ProvisionType::Permit, rule(purposes, classes, &[]))
}

fn deny(purposes: &[Purpose], classes: &[DataClass]) -> Provision {
	provision(ProvisionType::Deny, rule(purposes, classes, &[]))
}

fn provisions(items: Vec<Provision>) -> ProvisionsOf<Test> {
	ProvisionsOf::<Test>::try_from(items).expect("test provisions fit")
}

fn query(purpose: Purpose, data_class: DataClass, action: Action) -> AccessQuery {
	AccessQuery { purpose, data_class, action, record_date: None }
}

fn treat_observation() -> AccessQuery {
	query(Purpose::TREAT, DataClass::Observation, Action::Access)
}

/// Grant as `who` and return the new consent's number.
fn grant(
	who: u64,
	patient: u64,
	grantee: Grantee<u64>,
	items: Vec<Provision>,
	ends: Ends,
) -> ConsentId {
	let id = NextConsentId::<Test>::get();
	assert_ok!(Registry::grant_consent(
		RuntimeOrigin::signed(who),
		patient,
		grantee,
		provisions(items),
		None,
		ends,
		None
	));
	id
}

fn check(patient: u64, accessor: u64, query: AccessQuery) -> Decision {
	Registry::check_access(&patient, &accessor, &query, Timestamp::now())
}

fn now() -> u64 {
	Timestamp::now()
}

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::StorageDeposit.into(), &who)
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Registry(event) => Some(event),
			_ => None,
		})
		.collect()
}

fn last_event() -> Event<Test> {
	events().pop().expect("an event was emitted")
}

// --- grant -------------------------------------------------------------------------------

#[test]
fn grant_permits_what_it_names_and_emits_its_receipt() {
	run(|| {
		let id = grant(
			PATIENT,
			PATIENT,
			Grantee::Participant(HOSPITAL),
			vec![permit(&[Purpose::TREAT], &[DataClass::Observation])],
			Ends::AfterDays(30),
		);
		let stored = Consents::<Test>::get(id).expect("stored");
		assert_eq!(stored.period, Period { start: START, end: Some(START + 30 * DAY) });
		assert_eq!(
			last_event(),
			Event::ConsentGranted {
				consent: id,
				patient: PATIENT,
				grantee: Grantee::Participant(HOSPITAL),
				granted_by: PATIENT,
				receipt: H256(sp_io::hashing::blake2_256(&stored.encode())),
			}
		);
		assert_eq!(stored.deposit, BASE + PER_BYTE * stored.encoded_size() as u64);
		assert_eq!(held(PATIENT), stored.deposit);

		assert_eq!(
			check(PATIENT, HOSPITAL, treat_observation()),
			Decision::Permit(Permit::Consent(id))
		);
		// Every action is covered (the list is empty), nothing else is.
		assert!(check(
			PATIENT,
			HOSPITAL,
			query(Purpose::TREAT, DataClass::Observation, Action::Correct)
		)
		.is_permit());
		for other in [
			query(Purpose::HRESCH, DataClass::Observation, Action::Access),
			query(Purpose::TREAT, DataClass::Condition, Action::Access),
		] {
			assert_eq!(check(PATIENT, HOSPITAL, other), Decision::Deny(Denial::NoConsent));
		}
		// Nobody else, and no other patient.
		assert_eq!(
			check(PATIENT, RESEARCHER, treat_observation()),
			Decision::Deny(Denial::NoConsent)
		);
		assert_eq!(
			check(OTHER_PATIENT, HOSPITAL, treat_observation()),
			Decision::Deny(Denial::NoConsent)
		);

		assert_eq!(Registry::consents_of(&PATIENT, now()), vec![(id, ConsentStatus::Active)]);
		assert_eq!(Registry::consents_for(&HOSPITAL, now()), vec![(id, ConsentStatus::Active)]);
		assert!(Registry::consents_for(&RESEARCHER, now()).is_empty());
	});
}

#[test]
fn the_patient_may_always_see_their_own_data() {
	run(|| {
		grant(PATIENT, PATIENT, Grantee::Role(Role::Hospital), vec![deny(&[], &[])], Ends::Never);
		assert_eq!(check(PATIENT, PATIENT, treat_observation()), Decision::Permit(Permit::Patient));
	});
}

#[test]
fn grant_rejects_bad_input_and_changes_nothing() {
	run(|| {
		let good = || provisions(vec![permit(&[Purpose::TREAT], &[])]);
		let grant_with = |who: u64,
		                  grantee: Grantee<u64>,
		                  items: ProvisionsOf<Test>,
		                  starts_at: Option<u64>,
		                  ends: Ends| {
			Registry::grant_consent(
				RuntimeOrigin::signed(who),
				PATIENT,
				grantee,
				items,
				starts_at,
				ends,
				None,
			)
		};
		let hospital = || Grantee::Participant(HOSPITAL);
		assert_noop!(
			grant_with(HOSPITAL, hospital(), good(), None, Ends::Never),
			Error::<Test>::NotPatientOrGuardian
		);
		assert_noop!(
			grant_with(PATIENT, hospital(), provisions(vec![]), None, Ends::Never),
			Error::<Test>::NoProvisions
		);
		assert_noop!(
			grant_with(
				PATIENT,
				hospital(),
				provisions(vec![permit(&[Purpose::TREAT, Purpose::TREAT], &[])]),
				None,
				Ends::Never
			),
			Error::<Test>::DuplicateCode
		);
		let mut dup_in_exception = permit(&[Purpose::TREAT], &[]);
		dup_in_exception.exceptions =
			codes(&[rule(&[], &[DataClass::Genomics, DataClass::Genomics], &[])]);
		assert_noop!(
			grant_with(PATIENT, hospital(), provisions(vec![dup_in_exception]), None, Ends::Never),
			Error::<Test>::DuplicateCode
		);
		let mut backwards = permit(&[Purpose::TREAT], &[]);
		backwards.rule.data_period = Some(DataPeriod { from: 2, to: 1 });
		assert_noop!(
			grant_with(PATIENT, hospital(), provisions(vec![backwards]), None, Ends::Never),
			Error::<Test>::InvalidDataPeriod
		);
		assert_noop!(
			grant_with(PATIENT, hospital(), good(), Some(START - 1), Ends::Never),
			Error::<Test>::StartsInPast
		);
		assert_noop!(
			grant_with(PATIENT, hospital(), good(), None, Ends::At(START)),
			Error::<Test>::AlreadyExpired
		);
		assert_noop!(
			grant_with(PATIENT, hospital(), good(), None, Ends::AfterDays(0)),
			Error::<Test>::InvalidPeriod
		);
		assert_noop!(
			grant_with(PATIENT, hospital(), good(), Some(START + 10), Ends::At(START + 5)),
			Error::<Test>::InvalidPeriod
		);
		assert_noop!(
			grant_with(PATIENT, Grantee::Account(PATIENT), good(), None, Ends::Never),
			Error::<Test>::GranteeIsPatient
		);
		assert_noop!(
			grant_with(PATIENT, Grantee::Participant(NOBODY), good(), None, Ends::Never),
			Error::<Test>::NotAParticipant
		);
		// A patient without funds cannot pay the deposit.
		assert_noop!(
			Registry::grant_consent(
				RuntimeOrigin::signed(NOBODY),
				NOBODY,
				hospital(),
				good(),
				None,
				Ends::Never,
				None
			),
			Error::<Test>::CannotHoldDeposit
		);
		assert_noop!(
			Registry::grant_consent(
				RuntimeOrigin::none(),
				PATIENT,
				hospital(),
				good(),
				None,
				Ends::Never,
				None
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_patient_holds_at_most_the_configured_number_of_consents() {
	run(|| {
		for _ in 0..4 {
			grant(PATIENT, PATIENT, Grantee::Account(NOBODY), vec![permit(&[], &[])], Ends::Never);
		}
		assert_noop!(
			Registry::grant_consent(
				RuntimeOrigin::signed(PATIENT),
				PATIENT,
				Grantee::Account(NOBODY),
				provisions(vec![permit(&[], &[])]),
				None,
				Ends::Never,
				None
			),
			Error::<Test>::TooManyConsents
		);
		// Purging a revoked one makes room.
		assert_ok!(Registry::revoke_consent(RuntimeOrigin::signed(PATIENT), 0));
		assert_ok!(Registry::purge_consent(RuntimeOrigin::signed(NOBODY), 0));
		grant(PATIENT, PATIENT, Grantee::Account(NOBODY), vec![permit(&[], &[])], Ends::Never);
	});
}

// --- the decision rule -----------------------------------------------------------------

#[test]
fn deny_overrides_permit_across_and_within_consents() {
	run(|| {
		let everything = grant(
			PATIENT,
			PATIENT,
			Grantee::Role(Role::Hospital),
			vec![permit(&[Purpose::TREAT], &[])],
			Ends::Never,
		);
		let no_mental_health = grant(
			PATIENT,
			PATIENT,
			Grantee::Participant(HOSPITAL),
			vec![deny(&[], &[DataClass::MentalHealth])],
			Ends::Never,
		);
		assert_eq!(
			check(PATIENT, HOSPITAL, treat_observation()),
			Decision::Permit(Permit::Consent(everything))
		);
		assert_eq!(
			check(
				PATIENT,
				HOSPITAL,
				query(Purpose::TREAT, DataClass::MentalHealth, Action::Access)
			),
			Decision::Deny(Denial::DeniedByConsent(no_mental_health))
		);
		// Within one consent: the deny wins whatever the order.
		let mixed = grant(
			OTHER_PATIENT,
			OTHER_PATIENT,
			Grantee::Participant(HOSPITAL),
			vec![
				deny(&[Purpose::HMARKT], &[]),
				permit(&[Purpose::HMARKT, Purpose::TREAT], &[DataClass::Observation]),
			],
			Ends::Never,
		);
		assert_eq!(
			check(
				OTHER_PATIENT,
				HOSPITAL,
				query(Purpose::HMARKT, DataClass::Observation, Action::Use)
			),
			Decision::Deny(Denial::DeniedByConsent(mixed))
		);
		assert_eq!(
			check(OTHER_PATIENT, HOSPITAL, treat_observation()),
			Decision::Permit(Permit::Consent(mixed))
		);
	});
}

#[test]
fn exceptions_get_the_opposite_answer() {
	run(|| {
		// Treatment on everything except sexual health.
		let mut treat = permit(&[Purpose::TREAT], &[]);
		treat.exceptions = codes(&[rule(&[], &[DataClass::SexualHealth], &[])]);
		// No research, except on observations.
		let mut research = deny(&[Purpose::HRESCH], &[]);
		research.exceptions = codes(&[rule(&[], &[DataClass::Observation], &[Action::Access])]);
		let id = grant(
			PATIENT,
			PATIENT,
			Grantee::Participant(HOSPITAL),
			vec![treat, research],
			Ends::Never,
		);

		assert!(check(PATIENT, HOSPITAL, query(Purpose::TREAT, DataClass::Genomics, Action::Use))
			.is_permit());
		assert_eq!(
			check(
				PATIENT,
				HOSPITAL,
				query(Purpose::TREAT, DataClass::SexualHealth, Action::Access)
			),
			Decision::Deny(Denial::DeniedByConsent(id))
		);
		assert_eq!(
			check(
				PATIENT,
				HOSPITAL,
				query(Purpose::HRESCH, DataClass::Observation, Action::Access)
			),
			Decision::Permit(Permit::Consent(id))
		);
		assert_eq!(
			check(
				PATIENT,
				HOSPITAL,
				query(Purpose::HRESCH, DataClass::Observation, Action::Disclose)
			),
			Decision::Deny(Denial::DeniedByConsent(id))
		);
	});
}

#[test]
fn data_periods_limit_which_records_and_unknown_dates_never_widen_access() {
	run(|| {
		let mut old_labs = permit(&[Purpose::TREAT], &[DataClass::Observation]);
		old_labs.rule.data_period = Some(DataPeriod { from: 1_000, to: 2_000 });
		let mut hide_genomics = deny(&[], &[DataClass::Genomics]);
		hide_genomics.rule.data_period = Some(DataPeriod { from: 1_000, to: 2_000 });
		let mut any_genomics = permit(&[Purpose::TREAT], &[DataClass::Genomics]);
		any_genomics.rule.data_period = None;
		let id = grant(
			PATIENT,
			PATIENT,
			Grantee::Participant(HOSPITAL),
			vec![old_labs, hide_genomics, any_genomics],
			Ends::Never,
		);
		let dated = |class, date| AccessQuery {
			purpose: Purpose::TREAT,
			data_class: class,
			action: Action::Access,
			record_date: date,
		};
		use DataClass::{Genomics, Observation};
		assert!(check(PATIENT, HOSPITAL, dated(Observation, Some(1_000))).is_permit());
		assert!(check(PATIENT, HOSPITAL, dated(Observation, Some(2_000))).is_permit());
		assert_eq!(
			check(PATIENT, HOSPITAL, dated(Observation, Some(2_001))),
			Decision::Deny(Denial::NoConsent)
		);
		assert_eq!(
			check(PATIENT, HOSPITAL, dated(Observation, None)),
			Decision::Deny(Denial::NoConsent)
		);
		// The dated denial applies in its period and to records of unknown date.
		assert_eq!(
			check(PATIENT, HOSPITAL, dated(Genomics, Some(1_500))),
			Decision::Deny(Denial::DeniedByConsent(id))
		);
		assert_eq!(
			check(PATIENT, HOSPITAL, dated(Genomics, None)),
			Decision::Deny(Denial::DeniedByConsent(id))
		);
		assert_eq!(
			check(PATIENT, HOSPITAL, dated(Genomics, Some(3_000))),
			Decision::Permit(Permit::Consent(id))
		);
	});
}

#[test]
fn a_consent_is_in_force_from_its_start_to_just_before_its_end() {
	run(|| {
		let start = START + DAY;
		let end = start + 2 * DAY;
		assert_ok!(Registry::grant_consent(
			RuntimeOrigin::signed(PATIENT),
			PATIENT,
			Grantee::Participant(HOSPITAL),
			provisions(vec![permit(&[Purpose::TREAT], &[])]),
			Some(start),
			Ends::AfterDays(2),
			None
		));
		let at = |t| Registry::check_access(&PATIENT, &HOSPITAL, &treat_observation(), t);
		assert_eq!(at(start - 1), Decision::Deny(Denial::NoConsent));
		assert_eq!(Registry::consents_of(&PATIENT, start - 1), vec![(0, ConsentStatus::Scheduled)]);
		assert!(at(start).is_permit());
		assert!(at(end - 1).is_permit());
		assert_eq!(at(end), Decision::Deny(Denial::NoConsent));
		assert_eq!(Registry::consents_of(&PATIENT, end), vec![(0, ConsentStatus::Expired)]);
		// Not purgeable while in force; purgeable by anyone from its end.
		set_time(end - 1);
		assert_noop!(
			Registry::purge_consent(RuntimeOrigin::signed(NOBODY), 0),
			Error::<Test>::NotPurgeable
		);
		set_time(end);
		assert_ok!(Registry::purge_consent(RuntimeOrigin::signed(NOBODY), 0));
	});
}

#[test]
fn role_and_participant_grantees_follow_the_registry() {
	run(|| {
		let researchers = grant(
			PATIENT,
			PATIENT,
			Grantee::Role(Role::Researcher),
			vec![permit(&[Purpose::HRESCH], &[DataClass::Genomics])],
			Ends::Never,
		);
		let hospital = grant(
			PATIENT,
			PATIENT,
			Grantee::Participant(HOSPITAL),
			vec![permit(&[Purpose::TREAT], &[])],
			Ends::Never,
		);
		let family =
			grant(PATIENT, PATIENT, Grantee::Account(NOBODY), vec![permit(&[], &[])], Ends::Never);
		let research = query(Purpose::HRESCH, DataClass::Genomics, Action::Use);
		assert_eq!(
			check(PATIENT, RESEARCHER, research),
			Decision::Permit(Permit::Consent(researchers))
		);
		assert_eq!(check(PATIENT, HOSPITAL, research), Decision::Deny(Denial::NoConsent));
		assert_eq!(
			check(PATIENT, HOSPITAL, treat_observation()),
			Decision::Permit(Permit::Consent(hospital))
		);
		assert_eq!(
			check(PATIENT, NOBODY, treat_observation()),
			Decision::Permit(Permit::Consent(family))
		);
		assert_eq!(
			Registry::consents_for(&RESEARCHER, now()),
			vec![(researchers, ConsentStatus::Active)]
		);

		// Suspension takes every role and participant consent away.
		MockParticipants::set_suspended(RESEARCHER, true);
		MockParticipants::set_suspended(HOSPITAL, true);
		assert_eq!(check(PATIENT, RESEARCHER, research), Decision::Deny(Denial::NoConsent));
		assert_eq!(
			check(PATIENT, HOSPITAL, treat_observation()),
			Decision::Deny(Denial::NoConsent)
		);
		assert!(Registry::consents_for(&RESEARCHER, now()).is_empty());
		MockParticipants::set_suspended(HOSPITAL, false);
		assert!(check(PATIENT, HOSPITAL, treat_observation()).is_permit());
	});
}

// --- revoke ------------------------------------------------------------------------------

#[test]
fn revocation_takes_effect_in_the_same_block() {
	run(|| {
		let id = grant(
			PATIENT,
			PATIENT,
			Grantee::Participant(HOSPITAL),
			vec![permit(&[Purpose::TREAT], &[DataClass::Observation])],
			Ends::AfterDays(30),
		);
		assert!(check(PATIENT, HOSPITAL, treat_observation()).is_permit());
		assert_ok!(Registry::revoke_consent(RuntimeOrigin::signed(PATIENT), id));
		assert_eq!(
			check(PATIENT, HOSPITAL, treat_observation()),
			Decision::Deny(Denial::NoConsent)
		);
		let revoked = Consents::<Test>::get(id).expect("kept until purged");
		assert_eq!(revoked.state, ConsentState::Revoked { at: START, by: PATIENT });
		assert_eq!(
			last_event(),
			Event::ConsentRevoked {
				consent: id,
				patient: PATIENT,
				revoked_by: PATIENT,
				receipt: Registry::receipt(&revoked),
			}
		);
		assert_eq!(Registry::consents_of(&PATIENT, now()), vec![(id, ConsentStatus::Revoked)]);
	});
}

#[test]
fn revoke_rejects_strangers_unknown_and_revoked_consents() {
	run(|| {
		let id = grant(
			PATIENT,
			PATIENT,
			Grantee::Participant(HOSPITAL),
			vec![permit(&[], &[])],
			Ends::Never,
		);
		assert_noop!(
			Registry::revoke_consent(RuntimeOrigin::signed(HOSPITAL), id),
			Error::<Test>::NotPatientOrGuardian
		);
		assert_noop!(
			Registry::revoke_consent(RuntimeOrigin::signed(PATIENT), 7),
			Error::<Test>::UnknownConsent
		);
		assert_noop!(Registry::revoke_consent(RuntimeOrigin::none(), id), DispatchError::BadOrigin);
		assert_ok!(Registry::revoke_consent(RuntimeOrigin::signed(PATIENT), id));
		assert_noop!(
			Registry::revoke_consent(RuntimeOrigin::signed(PATIENT), id),
			Error::<Test>::AlreadyRevoked
		);
	});
}

// --- purge -------------------------------------------------------------------------------

#[test]
fn purge_refunds_the_deposit_and_clears_the_indexes() {
	run(|| {
		let id = grant(
			PATIENT,
			PATIENT,
			Grantee::Participant(HOSPITAL),
			vec![permit(&[], &[])],
			Ends::Never,
		);
		let deposit = held(PATIENT);
		assert!(deposit > BASE);
		assert_noop!(
			Registry::purge_consent(RuntimeOrigin::signed(NOBODY), id),
			Error::<Test>::NotPurgeable
		);
		assert_noop!(
			Registry::purge_consent(RuntimeOrigin::signed(NOBODY), 9),
			Error::<Test>::UnknownConsent
		);
		assert_ok!(Registry::revoke_consent(RuntimeOrigin::signed(PATIENT), id));
		assert_ok!(Registry::purge_consent(RuntimeOrigin::signed(NOBODY), id));
		assert_eq!(held(PATIENT), 0);
		assert_eq!(Balances::free_balance(PATIENT), FUNDS);
		assert_eq!(
			last_event(),
			Event::ConsentPurged { consent: id, patient: PATIENT, refunded: deposit }
		);
		assert!(!Consents::<Test>::contains_key(id));
		assert!(!PatientConsents::<Test>::contains_key(PATIENT));
		assert!(!GranteeConsents::<Test>::contains_key(Grantee::Participant(HOSPITAL), id));
		assert_noop!(Registry::purge_consent(RuntimeOrigin::none(), id), DispatchError::BadOrigin);
	});
}

#[test]
fn on_idle_purges_after_the_delay_within_its_weight_budget_and_resumes() {
	run(|| {
		// Three revoked consents, one in force, one denied request.
		for _ in 0..4 {
			grant(
				PATIENT,
				PATIENT,
				Grantee::Participant(HOSPITAL),
				vec![permit(&[], &[])],
				Ends::Never,
			);
		}
		for id in 0..3 {
			assert_ok!(Registry::revoke_consent(RuntimeOrigin::signed(PATIENT), id));
		}
		assert_ok!(Registry::request_consent(
			RuntimeOrigin::signed(RESEARCHER),
			PATIENT,
			provisions(vec![permit(&[Purpose::HRESCH], &[])]),
			None,
			Ends::Never,
			None
		));
		assert_ok!(Registry::deny_request(RuntimeOrigin::signed(PATIENT), 0));
		let plenty = Weight::from_parts(u64::MAX / 2, u64::MAX / 2);

		// Within the delay everything stays readable.
		set_time(START + DAY - 1);
		Registry::on_idle(2, plenty);
		Registry::on_idle(2, plenty);
		assert_eq!(Registry::consents_of(&PATIENT, now()).len(), 4);
		assert!(Requests::<Test>::contains_key(0));

		// Too little weight: nothing is done or charged.
		set_time(START + DAY);
		assert_eq!(Registry::on_idle(3, Weight::from_parts(1, 1)), Weight::zero());
		assert_eq!(Consents::<Test>::iter().count(), 4);

		// Room for two items: two looked at, and charged.
		let step = <() as WeightInfo>::purge_consent().max(<() as WeightInfo>::purge_request());
		let overhead = <<Test as frame_system::Config>::DbWeight as Get<
			frame_support::weights::RuntimeDbWeight,
		>>::get()
		.reads_writes(2, 1);
		let budget = overhead + step * 2;
		assert_eq!(Registry::on_idle(3, budget), budget);
		let left = Consents::<Test>::iter().count();
		assert!((2..4).contains(&left), "{left} consents left");
		// It resumes after the two it looked at: two more finish the consents.
		let looked_at = PurgeCursor::<Test>::get().consent.expect("the cursor moved");
		let order: Vec<ConsentId> = Consents::<Test>::iter_keys().collect();
		assert_eq!(Registry::on_idle(3, budget), budget);
		assert!(
			PurgeCursor::<Test>::get().consents_done
				|| PurgeCursor::<Test>::get().consent != Some(looked_at),
			"the cursor moved on from {looked_at} ({order:?})"
		);

		// Plenty of weight: the revoked ones go, the one in force stays; the request stays
		// until its answer window and the delay are over.
		Registry::on_idle(4, plenty);
		Registry::on_idle(5, plenty);
		assert_eq!(Consents::<Test>::iter_keys().collect::<Vec<_>>(), vec![3]);
		assert_eq!(held(PATIENT), Consents::<Test>::get(3).expect("kept").deposit);
		assert!(Requests::<Test>::contains_key(0));
		set_time(START + REQUEST_LIFETIME + DAY);
		Registry::on_idle(6, plenty);
		Registry::on_idle(7, plenty);
		assert!(!Requests::<Test>::contains_key(0));
		assert_eq!(held(RESEARCHER), 0);
	});
}

// --- guardians ---------------------------------------------------------------------------

#[test]
fn a_guardian_acts_for_the_patient() {
	run(|| {
		assert_ok!(Registry::add_guardian(RuntimeOrigin::signed(PATIENT), GUARDIAN));
		assert_eq!(last_event(), Event::GuardianAdded { patient: PATIENT, guardian: GUARDIAN });
		let guardian_deposit = held(PATIENT);
		assert!(guardian_deposit > 0);

		// The guardian grants (and pays), and may revoke.
		let id = grant(
			GUARDIAN,
			PATIENT,
			Grantee::Participant(HOSPITAL),
			vec![permit(&[Purpose::TREAT], &[])],
			Ends::Never,
		);
		assert_eq!(Consents::<Test>::get(id).map(|c| c.granted_by), Some(GUARDIAN));
		assert!(held(GUARDIAN) > 0);
		assert!(check(PATIENT, HOSPITAL, treat_observation()).is_permit());
		assert_ok!(Registry::revoke_consent(RuntimeOrigin::signed(GUARDIAN), id));
		assert_eq!(
			check(PATIENT, HOSPITAL, treat_observation()),
			Decision::Deny(Denial::NoConsent)
		);
		assert_ok!(Registry::purge_consent(RuntimeOrigin::signed(NOBODY), id));
		assert_eq!(held(GUARDIAN), 0);

		// The guardian may see the data, unless the patient denies it to them.
		assert_eq!(
			check(PATIENT, GUARDIAN, treat_observation()),
			Decision::Permit(Permit::Guardian)
		);
		let private = grant(
			PATIENT,
			PATIENT,
			Grantee::Account(GUARDIAN),
			vec![deny(&[], &[DataClass::SexualHealth])],
			Ends::Never,
		);
		assert_eq!(
			check(
				PATIENT,
				GUARDIAN,
				query(Purpose::TREAT, DataClass::SexualHealth, Action::Access)
			),
			Decision::Deny(Denial::DeniedByConsent(private))
		);

		// A guardian cannot lift a denial aimed at them, nor grant themselves access.
		assert_noop!(
			Registry::revoke_consent(RuntimeOrigin::signed(GUARDIAN), private),
			Error::<Test>::ConflictOfInterest
		);
		assert_noop!(
			Registry::grant_consent(
				RuntimeOrigin::signed(GUARDIAN),
				PATIENT,
				Grantee::Account(GUARDIAN),
				provisions(vec![permit(&[], &[])]),
				None,
				Ends::Never,
				None
			),
			Error::<Test>::ConflictOfInterest
		);
		// Nor through a role they hold.
		MockParticipants::set(GUARDIAN, &[Role::Researcher], None);
		assert_noop!(
			Registry::grant_consent(
				RuntimeOrigin::signed(GUARDIAN),
				PATIENT,
				Grantee::Role(Role::Researcher),
				provisions(vec![permit(&[], &[])]),
				None,
				Ends::Never,
				None
			),
			Error::<Test>::ConflictOfInterest
		);
		let own = request(GUARDIAN, PATIENT);
		assert_noop!(
			Registry::approve_request(RuntimeOrigin::signed(GUARDIAN), own),
			Error::<Test>::ConflictOfInterest
		);
		// The patient may.
		assert_ok!(Registry::approve_request(RuntimeOrigin::signed(PATIENT), own));

		// Removed, the guardian can do nothing more.
		assert_ok!(Registry::remove_guardian(RuntimeOrigin::signed(PATIENT), GUARDIAN));
		assert_eq!(last_event(), Event::GuardianRemoved { patient: PATIENT, guardian: GUARDIAN });
		// What stays held from the patient is the deposits of the consents they granted.
		let consent_deposits: u64 = Consents::<Test>::iter()
			.filter(|(_, c)| c.granted_by == PATIENT)
			.map(|(_, c)| c.deposit)
			.sum();
		assert_eq!(held(PATIENT), consent_deposits);
		assert_eq!(
			check(PATIENT, GUARDIAN, treat_observation()),
			Decision::Deny(Denial::NoConsent)
		);
		assert_noop!(
			Registry::grant_consent(
				RuntimeOrigin::signed(GUARDIAN),
				PATIENT,
				Grantee::Participant(HOSPITAL),
				provisions(vec![permit(&[], &[])]),
				None,
				Ends::Never,
				None
			),
			Error::<Test>::NotPatientOrGuardian
		);
	});
}

#[test]
fn guardian_calls_reject_bad_input() {
	run(|| {
		assert_noop!(
			Registry::add_guardian(RuntimeOrigin::signed(PATIENT), PATIENT),
			Error::<Test>::CannotGuardSelf
		);
		assert_ok!(Registry::add_guardian(RuntimeOrigin::signed(PATIENT), GUARDIAN));
		assert_noop!(
			Registry::add_guardian(RuntimeOrigin::signed(PATIENT), GUARDIAN),
			Error::<Test>::AlreadyGuardian
		);
		assert_ok!(Registry::add_guardian(RuntimeOrigin::signed(PATIENT), OTHER_PATIENT));
		assert_noop!(
			Registry::add_guardian(RuntimeOrigin::signed(PATIENT), NOBODY),
			Error::<Test>::TooManyGuardians
		);
		assert_noop!(
			Registry::remove_guardian(RuntimeOrigin::signed(PATIENT), NOBODY),
			Error::<Test>::NotAGuardian
		);
		assert_noop!(
			Registry::remove_guardian(RuntimeOrigin::signed(GUARDIAN), PATIENT),
			Error::<Test>::NotAGuardian
		);
		assert_noop!(
			Registry::add_guardian(RuntimeOrigin::signed(NOBODY), PATIENT),
			Error::<Test>::CannotHoldDeposit
		);
		assert_noop!(
			Registry::add_guardian(RuntimeOrigin::none(), GUARDIAN),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Registry::remove_guardian(RuntimeOrigin::root(), GUARDIAN),
			DispatchError::BadOrigin
		);
	});
}

// --- requests ----------------------------------------------------------------------------

fn request(requester: u64, patient: u64) -> RequestId {
	let id = NextRequestId::<Test>::get();
	assert_ok!(Registry::request_consent(
		RuntimeOrigin::signed(requester),
		patient,
		provisions(vec![permit(&[Purpose::HRESCH], &[DataClass::Genomics])]),
		None,
		Ends::AfterDays(365),
		None
	));
	id
}

#[test]
fn an_approved_request_becomes_a_consent_for_the_requester() {
	run(|| {
		let id = request(RESEARCHER, PATIENT);
		assert_eq!(
			last_event(),
			Event::ConsentRequested {
				request: id,
				requester: RESEARCHER,
				patient: PATIENT,
				expires_at: START + REQUEST_LIFETIME,
			}
		);
		assert_eq!(PatientRequests::<Test>::get(PATIENT).into_inner(), vec![id]);
		let research = query(Purpose::HRESCH, DataClass::Genomics, Action::Use);
		assert_eq!(check(PATIENT, RESEARCHER, research), Decision::Deny(Denial::NoConsent));
		let request_deposit = held(RESEARCHER);
		assert!(request_deposit > 0);

		// Approved a day later: the consent runs for a year from then.
		set_time(START + DAY);
		assert_ok!(Registry::approve_request(RuntimeOrigin::signed(PATIENT), id));
		let consent = 0;
		assert_eq!(
			last_event(),
			Event::RequestApproved { request: id, requester: RESEARCHER, consent }
		);
		let granted = Consents::<Test>::get(consent).expect("granted");
		assert_eq!(granted.grantee, Grantee::Participant(RESEARCHER));
		assert_eq!(granted.request, Some(id));
		assert_eq!(granted.period, Period { start: START + DAY, end: Some(START + 366 * DAY) });
		assert_eq!(
			check(PATIENT, RESEARCHER, research),
			Decision::Permit(Permit::Consent(consent))
		);
		// Both sides see the state until it is purged.
		assert_eq!(
			Requests::<Test>::get(id).map(|r| r.state),
			Some(RequestState::Approved(consent))
		);
		assert!(PatientRequests::<Test>::get(PATIENT).is_empty());
		assert_noop!(
			Registry::approve_request(RuntimeOrigin::signed(PATIENT), id),
			Error::<Test>::RequestSettled
		);

		assert_ok!(Registry::purge_request(RuntimeOrigin::signed(NOBODY), id));
		assert_eq!(last_event(), Event::RequestPurged { request: id, requester: RESEARCHER });
		assert_eq!(held(RESEARCHER), 0);
	});
}

#[test]
fn a_denied_or_expired_request_grants_nothing() {
	run(|| {
		let denied = request(RESEARCHER, PATIENT);
		assert_noop!(
			Registry::deny_request(RuntimeOrigin::signed(HOSPITAL), denied),
			Error::<Test>::NotPatientOrGuardian
		);
		assert_ok!(Registry::deny_request(RuntimeOrigin::signed(PATIENT), denied));
		assert_eq!(
			last_event(),
			Event::RequestDenied { request: denied, requester: RESEARCHER, patient: PATIENT }
		);
		assert_eq!(Requests::<Test>::get(denied).map(|r| r.state), Some(RequestState::Denied));
		assert_noop!(
			Registry::deny_request(RuntimeOrigin::signed(PATIENT), denied),
			Error::<Test>::RequestSettled
		);

		// A guardian may answer too; past the deadline nobody can.
		assert_ok!(Registry::add_guardian(RuntimeOrigin::signed(PATIENT), GUARDIAN));
		let late = request(HOSPITAL, PATIENT);
		assert_noop!(
			Registry::purge_request(RuntimeOrigin::signed(NOBODY), late),
			Error::<Test>::RequestPending
		);
		set_time(START + REQUEST_LIFETIME - 1);
		assert_noop!(
			Registry::purge_request(RuntimeOrigin::signed(NOBODY), late),
			Error::<Test>::RequestPending
		);
		set_time(START + REQUEST_LIFETIME);
		assert_noop!(
			Registry::approve_request(RuntimeOrigin::signed(GUARDIAN), late),
			Error::<Test>::RequestExpired
		);
		assert_ok!(Registry::purge_request(RuntimeOrigin::signed(NOBODY), late));
		assert!(PatientRequests::<Test>::get(PATIENT).is_empty());
		assert!(Consents::<Test>::iter().next().is_none());

		let on_time = request(HOSPITAL, PATIENT);
		assert_ok!(Registry::approve_request(RuntimeOrigin::signed(GUARDIAN), on_time));
		assert_eq!(Consents::<Test>::get(0).map(|c| c.granted_by), Some(GUARDIAN));
	});
}

#[test]
fn request_calls_reject_bad_input() {
	run(|| {
		let ask = |who: u64, patient: u64, items: Vec<Provision>| {
			Registry::request_consent(
				RuntimeOrigin::signed(who),
				patient,
				provisions(items),
				None,
				Ends::Never,
				None,
			)
		};
		let research = || vec![permit(&[Purpose::HRESCH], &[])];
		assert_noop!(ask(NOBODY, PATIENT, research()), Error::<Test>::NotAParticipant);
		assert_noop!(ask(RESEARCHER, RESEARCHER, research()), Error::<Test>::GranteeIsPatient);
		assert_noop!(ask(RESEARCHER, PATIENT, vec![]), Error::<Test>::NoProvisions);
		assert_noop!(
			ask(RESEARCHER, PATIENT, vec![deny(&[], &[])]),
			Error::<Test>::RequestMustPermit
		);
		assert_noop!(
			Registry::request_consent(
				RuntimeOrigin::signed(RESEARCHER),
				PATIENT,
				provisions(research()),
				None,
				Ends::At(START - 1),
				None
			),
			Error::<Test>::AlreadyExpired
		);
		request(RESEARCHER, PATIENT);
		request(HOSPITAL, PATIENT);
		assert_noop!(ask(CLINICIAN, PATIENT, research()), Error::<Test>::TooManyRequests);
		assert_noop!(
			Registry::approve_request(RuntimeOrigin::signed(PATIENT), 9),
			Error::<Test>::UnknownRequest
		);
		assert_noop!(
			Registry::deny_request(RuntimeOrigin::signed(PATIENT), 9),
			Error::<Test>::UnknownRequest
		);
		assert_noop!(
			Registry::purge_request(RuntimeOrigin::signed(PATIENT), 9),
			Error::<Test>::UnknownRequest
		);
		assert_noop!(
			Registry::approve_request(RuntimeOrigin::signed(OTHER_PATIENT), 0),
			Error::<Test>::NotPatientOrGuardian
		);
		assert_noop!(
			Registry::request_consent(
				RuntimeOrigin::none(),
				PATIENT,
				provisions(research()),
				None,
				Ends::Never,
				None
			),
			DispatchError::BadOrigin
		);
		assert_noop!(Registry::approve_request(RuntimeOrigin::none(), 0), DispatchError::BadOrigin);
		assert_noop!(Registry::deny_request(RuntimeOrigin::none(), 0), DispatchError::BadOrigin);
		assert_noop!(Registry::purge_request(RuntimeOrigin::none(), 0), DispatchError::BadOrigin);
	});
}

// --- break-glass -------------------------------------------------------------------------

#[test]
fn break_glass_gives_bounded_emergency_access_and_tells_the_patient() {
	run(|| {
		// The patient denies the clinician everything; the emergency overrides it.
		let denial =
			grant(PATIENT, PATIENT, Grantee::Account(CLINICIAN), vec![deny(&[], &[])], Ends::Never);
		assert_ok!(Registry::break_glass(
			RuntimeOrigin::signed(CLINICIAN),
			PATIENT,
			EmergencyReason::ETREAT,
			60
		));
		let until = START + 60 * MINUTE;
		assert_eq!(
			last_event(),
			Event::BreakGlassDeclared {
				episode: 0,
				patient: PATIENT,
				clinician: CLINICIAN,
				reason: EmergencyReason::ETREAT,
				until,
			}
		);
		let emergency = query(Purpose::ETREAT, DataClass::AllergyIntolerance, Action::Access);
		assert_eq!(check(PATIENT, CLINICIAN, emergency), Decision::Permit(Permit::BreakGlass(0)));
		assert!(check(PATIENT, CLINICIAN, query(Purpose::BTG, DataClass::Medication, Action::Use))
			.is_permit());
		// Only emergency purposes, only reading and using.
		assert_eq!(
			check(PATIENT, CLINICIAN, treat_observation()),
			Decision::Deny(Denial::DeniedByConsent(denial))
		);
		assert_eq!(
			check(
				PATIENT,
				CLINICIAN,
				query(Purpose::ETREAT, DataClass::Observation, Action::Disclose)
			),
			Decision::Deny(Denial::DeniedByConsent(denial))
		);
		// Only that clinician, only that patient.
		assert_eq!(check(PATIENT, CLINICIAN_2, emergency), Decision::Deny(Denial::NoConsent));
		assert_eq!(check(OTHER_PATIENT, CLINICIAN, emergency), Decision::Deny(Denial::NoConsent));
		// Not after the end, nor once the clinician is suspended.
		assert_eq!(
			Registry::check_access(&PATIENT, &CLINICIAN, &emergency, until),
			Decision::Deny(Denial::DeniedByConsent(denial))
		);
		MockParticipants::set_suspended(CLINICIAN, true);
		assert!(!check(PATIENT, CLINICIAN, emergency).is_permit());
		MockParticipants::set_suspended(CLINICIAN, false);

		assert_eq!(Registry::unreviewed_episodes().len(), 1);
		assert!(held(CLINICIAN) > 0);
	});
}

#[test]
fn an_auditor_reviews_an_ended_episode() {
	run(|| {
		assert_ok!(Registry::break_glass(
			RuntimeOrigin::signed(CLINICIAN),
			PATIENT,
			EmergencyReason::BTG,
			30
		));
		let report = H256::repeat_byte(7);
		let review = |who: u64| {
			Registry::review_break_glass(RuntimeOrigin::signed(who), 0, Finding::Justified, report)
		};
		assert_noop!(review(AUDITOR), Error::<Test>::EpisodeNotEnded);
		set_time(START + 30 * MINUTE);
		assert_noop!(review(HOSPITAL), Error::<Test>::NotAnAuditor);
		assert_noop!(
			Registry::review_break_glass(
				RuntimeOrigin::signed(AUDITOR),
				5,
				Finding::Justified,
				report
			),
			Error::<Test>::UnknownEpisode
		);
		assert_noop!(
			Registry::review_break_glass(RuntimeOrigin::none(), 0, Finding::Justified, report),
			DispatchError::BadOrigin
		);
		// A new episode may start once the last has ended, reviewed or not.
		assert_ok!(Registry::break_glass(
			RuntimeOrigin::signed(CLINICIAN),
			PATIENT,
			EmergencyReason::BTG,
			5
		));
		assert_eq!(Registry::unreviewed_episodes().len(), 2);

		assert_ok!(review(AUDITOR));
		assert_eq!(
			last_event(),
			Event::BreakGlassReviewed {
				episode: 0,
				patient: PATIENT,
				clinician: CLINICIAN,
				auditor: AUDITOR,
				finding: Finding::Justified,
				report_hash: report,
			}
		);
		assert_eq!(
			Registry::unreviewed_episodes().iter().map(|(id, _)| *id).collect::<Vec<_>>(),
			vec![1]
		);
		// The newer episode's access is untouched by the older one's review.
		let emergency = query(Purpose::ETREAT, DataClass::Observation, Action::Access);
		assert_eq!(check(PATIENT, CLINICIAN, emergency), Decision::Permit(Permit::BreakGlass(1)));
		assert_noop!(review(AUDITOR), Error::<Test>::UnknownEpisode);
	});
}

#[test]
fn break_glass_rejects_bad_input() {
	run(|| {
		let declare = |who: u64, patient: u64, minutes: u32| {
			Registry::break_glass(
				RuntimeOrigin::signed(who),
				patient,
				EmergencyReason::ETREAT,
				minutes,
			)
		};
		assert_noop!(declare(HOSPITAL, PATIENT, 10), Error::<Test>::NotAClinician);
		assert_noop!(declare(CLINICIAN, CLINICIAN, 10), Error::<Test>::OwnRecords);
		assert_noop!(declare(CLINICIAN, PATIENT, 0), Error::<Test>::InvalidDuration);
		assert_noop!(declare(CLINICIAN, PATIENT, 241), Error::<Test>::InvalidDuration);
		MockParticipants::set_suspended(CLINICIAN, true);
		assert_noop!(declare(CLINICIAN, PATIENT, 10), Error::<Test>::NotAClinician);
		MockParticipants::set_suspended(CLINICIAN, false);
		assert_ok!(declare(CLINICIAN, PATIENT, 240));
		assert_noop!(declare(CLINICIAN, PATIENT, 10), Error::<Test>::BreakGlassOpen);
		assert_noop!(
			Registry::break_glass(RuntimeOrigin::none(), PATIENT, EmergencyReason::ETREAT, 10),
			DispatchError::BadOrigin
		);
		// A clinician who is also an auditor cannot review their own episode.
		assert_ok!(declare(CLINICIAN_2, PATIENT, 1));
		set_time(START + MINUTE);
		assert_noop!(
			Registry::review_break_glass(
				RuntimeOrigin::signed(CLINICIAN_2),
				1,
				Finding::Unjustified,
				H256::zero()
			),
			Error::<Test>::CannotReviewOwn
		);
	});
}

#[test]
fn on_idle_purges_expired_consents_a_delay_after_their_end() {
	run(|| {
		let id = grant(
			PATIENT,
			PATIENT,
			Grantee::Account(NOBODY),
			vec![permit(&[], &[])],
			Ends::AfterDays(2),
		);
		let plenty = Weight::from_parts(u64::MAX / 2, u64::MAX / 2);
		set_time(START + 3 * DAY - 1);
		Registry::on_idle(2, plenty);
		Registry::on_idle(2, plenty);
		assert_eq!(Registry::consents_of(&PATIENT, now()), vec![(id, ConsentStatus::Expired)]);
		set_time(START + 3 * DAY);
		Registry::on_idle(3, plenty);
		Registry::on_idle(3, plenty);
		assert!(Registry::consents_of(&PATIENT, now()).is_empty());
		assert_eq!(held(PATIENT), 0);
	});
}

#[test]
fn a_consent_may_end_at_a_given_time_and_is_judged_as_it_stood_at_the_moment_asked() {
	run(|| {
		let end = START + 5 * DAY;
		let id = grant(
			PATIENT,
			PATIENT,
			Grantee::Account(NOBODY),
			vec![permit(&[], &[])],
			Ends::At(end),
		);
		assert_eq!(
			Consents::<Test>::get(id).map(|c| c.period),
			Some(Period { start: START, end: Some(end) })
		);
		set_time(START + DAY);
		assert_ok!(Registry::revoke_consent(RuntimeOrigin::signed(PATIENT), id));
		let at = |t| Registry::check_access(&PATIENT, &NOBODY, &treat_observation(), t);
		// Before its revocation it was in force; from then on it is not.
		assert_eq!(at(START + DAY - 1), Decision::Permit(Permit::Consent(id)));
		assert_eq!(at(START + DAY), Decision::Deny(Denial::NoConsent));
	});
}

#[test]
fn a_request_starts_when_asked_or_when_approved_if_later() {
	run(|| {
		assert_ok!(Registry::request_consent(
			RuntimeOrigin::signed(RESEARCHER),
			PATIENT,
			provisions(vec![permit(&[Purpose::HRESCH], &[])]),
			Some(START + DAY),
			Ends::AfterDays(10),
			None
		));
		assert_ok!(Registry::request_consent(
			RuntimeOrigin::signed(HOSPITAL),
			PATIENT,
			provisions(vec![permit(&[Purpose::TREAT], &[])]),
			Some(START + DAY),
			Ends::AfterDays(10),
			None
		));
		assert_ok!(Registry::approve_request(RuntimeOrigin::signed(PATIENT), 0));
		assert_eq!(
			Consents::<Test>::get(0).map(|c| c.period),
			Some(Period { start: START + DAY, end: Some(START + 11 * DAY) })
		);
		// Approved after the start asked for: it starts at approval.
		set_time(START + 2 * DAY);
		assert_ok!(Registry::approve_request(RuntimeOrigin::signed(PATIENT), 1));
		assert_eq!(
			Consents::<Test>::get(1).map(|c| c.period),
			Some(Period { start: START + 2 * DAY, end: Some(START + 12 * DAY) })
		);
	});
}

#[test]
fn expired_requests_give_way_and_suspended_requesters_cannot_be_approved() {
	run(|| {
		let first = request(RESEARCHER, PATIENT);
		request(HOSPITAL, PATIENT);
		let ask = || {
			Registry::request_consent(
				RuntimeOrigin::signed(CLINICIAN),
				PATIENT,
				provisions(vec![permit(&[Purpose::TREAT], &[])]),
				None,
				Ends::Never,
				None,
			)
		};
		assert_noop!(ask(), Error::<Test>::TooManyRequests);
		set_time(START + REQUEST_LIFETIME);
		assert!(Registry::pending_requests(&PATIENT, now()).is_empty());
		assert_ok!(ask());
		// The expired ones were purged and their deposits returned.
		assert!(!Requests::<Test>::contains_key(first));
		assert_eq!(held(RESEARCHER), 0);
		assert_eq!(Registry::pending_requests(&PATIENT, now()), vec![2]);

		MockParticipants::set_suspended(CLINICIAN, true);
		assert_noop!(
			Registry::approve_request(RuntimeOrigin::signed(PATIENT), 2),
			Error::<Test>::NotAParticipant
		);
	});
}
