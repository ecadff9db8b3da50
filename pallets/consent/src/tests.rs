//! Unit tests: every call's success path and errors, and the decision rule. Each test runs
//! the pallet's invariants when it ends (`mock::run`).

use crate::{mock::*, *};
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, Get, Hooks},
	weights::Weight,
};
use medchain_primitives::paging::MAX_PAGE;
use medchain_primitives::participants::{mock::MockParticipants, Role};
use sp_core::H256;
use sp_runtime::DispatchError;

type Codes<X, const N: u32> = frame_support::BoundedVec<X, frame_support::traits::ConstU32<N>>;

fn codes<X: Clone + core::fmt::Debug, const N: u32>(items: &[X]) -> Codes<X, N> {
	Codes::<X, N>::try_from(items.to_vec()).expect("test code lists fit")
}

/// The tag secret of the tests' patients: the registry never sees it, only the tags.
const SECRET: medchain_primitives::consent::TagSecret = [7; 32];

/// A class as the patient's provider and consents name it: blinded with the patient's secret.
fn tag(class: DataClass) -> DataTag {
	class.tag(&SECRET)
}

fn rule(purposes: &[Purpose], classes: &[DataClass], actions: &[Action]) -> Rule {
	let tags: Vec<DataTag> = classes.iter().map(|c| tag(*c)).collect();
	Rule {
		purposes: codes(purposes),
		data_tags: codes(&tags),
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
	AccessQuery { purpose, data_tag: tag(data_class), action, record_date: None }
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

/// The registry's decision now, asked as the record gateway asks: with the patient's tag
/// secret, which only a break-glass episode looks at.
fn check(patient: u64, accessor: u64, query: AccessQuery) -> Decision {
	Registry::check_access(&patient, &accessor, &query, Timestamp::now(), Some(&secret_of(patient)))
}

/// A test patient's tag secret (one per patient here).
fn secret_of(patient: u64) -> TagSecret {
	[patient as u8; 32]
}

/// A test patient's emergency handle, from its tag secret and account.
fn handle(patient: u64) -> EmergencyHandle {
	EmergencyHandle::of(&secret_of(patient), &codec::Encode::encode(&patient))
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
		assert_eq!(stored.deposit, expected_consent_deposit(id));
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
		assert_eq!(
			Registry::consents_for(&HOSPITAL, now(), None, MAX_PAGE).items,
			vec![(id, ConsentStatus::Active)]
		);
		assert!(Registry::consents_for(&RESEARCHER, now(), None, MAX_PAGE).items.is_empty());
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
			data_tag: tag(class),
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
		let at = |t| Registry::check_access(&PATIENT, &HOSPITAL, &treat_observation(), t, None);
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
			Registry::consents_for(&RESEARCHER, now(), None, MAX_PAGE).items,
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
		assert!(Registry::consents_for(&RESEARCHER, now(), None, MAX_PAGE).items.is_empty());
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
			handle(PATIENT),
			EmergencyReason::ETREAT,
			60
		));
		let until = START + 60 * MINUTE;
		assert_eq!(
			last_event(),
			Event::BreakGlassDeclared {
				episode: 0,
				subject: handle(PATIENT),
				clinician: CLINICIAN,
				reason: EmergencyReason::ETREAT,
				until,
				earlier_unreviewed: 0,
				previous: None,
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
		// Only to a question that gives the patient's tag secret: a contract's, asked without
		// one, and one giving another patient's secret get the consents' answer.
		assert_eq!(
			Registry::check_access(&PATIENT, &CLINICIAN, &emergency, now(), None),
			Decision::Deny(Denial::DeniedByConsent(denial))
		);
		assert_eq!(
			Registry::check_access(
				&PATIENT,
				&CLINICIAN,
				&emergency,
				now(),
				Some(&secret_of(OTHER_PATIENT))
			),
			Decision::Deny(Denial::DeniedByConsent(denial))
		);
		// The episode is bound to its patient: asked about another patient with this patient's
		// secret (a gateway mixing them up, or a clinician who learned it), nothing is permitted.
		assert_eq!(
			Registry::check_access(
				&OTHER_PATIENT,
				&CLINICIAN,
				&emergency,
				now(),
				Some(&secret_of(PATIENT))
			),
			Decision::Deny(Denial::NoConsent)
		);
		// Not after the end, nor once the clinician is suspended.
		assert_eq!(
			Registry::check_access(
				&PATIENT,
				&CLINICIAN,
				&emergency,
				until,
				Some(&secret_of(PATIENT))
			),
			Decision::Deny(Denial::DeniedByConsent(denial))
		);
		MockParticipants::set_suspended(CLINICIAN, true);
		assert!(!check(PATIENT, CLINICIAN, emergency).is_permit());
		MockParticipants::set_suspended(CLINICIAN, false);

		assert_eq!(Registry::unreviewed_episodes(None, MAX_PAGE).items.len(), 1);
		assert!(held(CLINICIAN) > 0);
	});
}

#[test]
fn an_auditor_reviews_an_ended_episode() {
	run(|| {
		assert_ok!(Registry::break_glass(
			RuntimeOrigin::signed(CLINICIAN),
			handle(PATIENT),
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
			handle(PATIENT),
			EmergencyReason::BTG,
			5
		));
		assert_eq!(Registry::unreviewed_episodes(None, MAX_PAGE).items.len(), 2);

		assert_ok!(review(AUDITOR));
		assert_eq!(
			last_event(),
			Event::BreakGlassReviewed {
				episode: 0,
				subject: handle(PATIENT),
				clinician: CLINICIAN,
				auditor: AUDITOR,
				finding: Finding::Justified,
				report_hash: report,
			}
		);
		assert_eq!(
			Registry::unreviewed_episodes(None, MAX_PAGE)
				.items
				.iter()
				.map(|(id, _)| *id)
				.collect::<Vec<_>>(),
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
				handle(patient),
				EmergencyReason::ETREAT,
				minutes,
			)
		};
		assert_noop!(declare(HOSPITAL, PATIENT, 10), Error::<Test>::NotAClinician);
		assert_noop!(declare(CLINICIAN, PATIENT, 0), Error::<Test>::InvalidDuration);
		assert_noop!(declare(CLINICIAN, PATIENT, 241), Error::<Test>::InvalidDuration);
		MockParticipants::set_suspended(CLINICIAN, true);
		assert_noop!(declare(CLINICIAN, PATIENT, 10), Error::<Test>::NotAClinician);
		MockParticipants::set_suspended(CLINICIAN, false);
		assert_ok!(declare(CLINICIAN, PATIENT, 240));
		assert_noop!(declare(CLINICIAN, PATIENT, 10), Error::<Test>::BreakGlassOpen);
		assert_noop!(
			Registry::break_glass(
				RuntimeOrigin::none(),
				handle(PATIENT),
				EmergencyReason::ETREAT,
				10
			),
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
		let at = |t| Registry::check_access(&PATIENT, &NOBODY, &treat_observation(), t, None);
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

// --- security review, issue 16 ---------------------------------------------------------

/// What a consent's deposit pays for, counted here by hand: the consent as large as it may
/// grow (revoked: variant, time and account; confirmed: a time), its place in the patient's
/// index (a number) and its entry in the grantee index (the whole storage key, no value).
fn expected_consent_deposit(id: ConsentId) -> u64 {
	let consent = Consents::<Test>::get(id).expect("stored");
	let revoked_state = 1 + 8 + 8;
	let confirmed = 1 + 8;
	let record = consent.encoded_size() - consent.state.encoded_size() + revoked_state
		- consent.confirmed_at.encoded_size()
		+ confirmed;
	let grantee_key = GranteeConsents::<Test>::hashed_key_for(&consent.grantee, id).len();
	BASE + PER_BYTE * (record + 8 + grantee_key) as u64
}

/// What an episode's deposit pays for, counted here by hand: the episode at its largest, its
/// break-glass index entry (the whole key, no value) and the clinician's tally (key and three
/// numbers).
fn expected_episode_deposit(id: EpisodeId) -> u64 {
	use codec::MaxEncodedLen;
	let episode = Episodes::<Test>::get(id).expect("stored");
	let index_key =
		BreakGlass::<Test>::hashed_key_for((episode.subject, episode.clinician, id)).len();
	let tally = BreakGlassTallies::<Test>::hashed_key_for(episode.clinician).len() + 3 * 4;
	BASE + PER_BYTE * (EpisodeOf::<Test>::max_encoded_len() + index_key + tally) as u64
}

/// Item 6: suspending a participant never turns a deny aimed at it into a permit.
#[test]
fn suspension_never_lifts_a_deny() {
	run(|| {
		let genomics = query(Purpose::HRESCH, DataClass::Genomics, Action::Use);
		// The patient denies researchers (by role) and the hospital (by name) their genomics,
		// and gives both accounts everything else through account grants.
		let by_role = grant(
			PATIENT,
			PATIENT,
			Grantee::Role(Role::Researcher),
			vec![deny(&[], &[DataClass::Genomics])],
			Ends::Never,
		);
		let by_name = grant(
			PATIENT,
			PATIENT,
			Grantee::Participant(HOSPITAL),
			vec![deny(&[], &[DataClass::Genomics])],
			Ends::Never,
		);
		let researcher_app = grant(
			PATIENT,
			PATIENT,
			Grantee::Account(RESEARCHER),
			vec![permit(&[], &[])],
			Ends::Never,
		);
		grant(PATIENT, PATIENT, Grantee::Account(HOSPITAL), vec![permit(&[], &[])], Ends::Never);
		assert_eq!(
			check(PATIENT, RESEARCHER, genomics),
			Decision::Deny(Denial::DeniedByConsent(by_role))
		);
		assert_eq!(
			check(PATIENT, HOSPITAL, genomics),
			Decision::Deny(Denial::DeniedByConsent(by_name))
		);

		MockParticipants::set_suspended(RESEARCHER, true);
		MockParticipants::set_suspended(HOSPITAL, true);
		assert_eq!(
			check(PATIENT, RESEARCHER, genomics),
			Decision::Deny(Denial::DeniedByConsent(by_role))
		);
		assert_eq!(
			check(PATIENT, HOSPITAL, genomics),
			Decision::Deny(Denial::DeniedByConsent(by_name))
		);
		// What the account grants permit and nothing denies stays permitted.
		assert_eq!(
			check(PATIENT, RESEARCHER, treat_observation()),
			Decision::Permit(Permit::Consent(researcher_app))
		);
		// A role's deny does not reach someone never registered with the role.
		assert_eq!(check(PATIENT, CLINICIAN, genomics), Decision::Deny(Denial::NoConsent));

		// A suspended participant gets nothing through a role or participant permit.
		grant(
			OTHER_PATIENT,
			OTHER_PATIENT,
			Grantee::Role(Role::Researcher),
			vec![permit(&[], &[])],
			Ends::Never,
		);
		MockParticipants::set_suspended(HOSPITAL, false);
		grant(
			OTHER_PATIENT,
			OTHER_PATIENT,
			Grantee::Participant(HOSPITAL),
			vec![permit(&[], &[])],
			Ends::Never,
		);
		MockParticipants::set_suspended(HOSPITAL, true);
		for who in [RESEARCHER, HOSPITAL] {
			assert_eq!(check(OTHER_PATIENT, who, genomics), Decision::Deny(Denial::NoConsent));
		}

		// A guardian who is a suspended researcher is still denied what researchers are.
		assert_ok!(Registry::add_guardian(RuntimeOrigin::signed(OTHER_PATIENT), RESEARCHER));
		let no_genomics = grant(
			OTHER_PATIENT,
			OTHER_PATIENT,
			Grantee::Role(Role::Researcher),
			vec![deny(&[], &[DataClass::Genomics])],
			Ends::Never,
		);
		assert_eq!(
			check(OTHER_PATIENT, RESEARCHER, genomics),
			Decision::Deny(Denial::DeniedByConsent(no_genomics))
		);
		assert_eq!(
			check(OTHER_PATIENT, RESEARCHER, treat_observation()),
			Decision::Permit(Permit::Guardian)
		);
		// Nor may that guardian, suspended, lift the deny aimed at their role.
		assert_noop!(
			Registry::revoke_consent(RuntimeOrigin::signed(RESEARCHER), no_genomics),
			Error::<Test>::ConflictOfInterest
		);
	});
}

/// Item 7: what a guardian granted stops when the patient removes the guardian.
#[test]
fn removing_a_guardian_revokes_the_consents_it_granted() {
	run(|| {
		assert_ok!(Registry::add_guardian(RuntimeOrigin::signed(PATIENT), GUARDIAN));
		// The guardian grants everything to an account it controls, and approves a request.
		let to_own_app =
			grant(GUARDIAN, PATIENT, Grantee::Account(NOBODY), vec![permit(&[], &[])], Ends::Never);
		let asked = request(RESEARCHER, PATIENT);
		assert_ok!(Registry::approve_request(RuntimeOrigin::signed(GUARDIAN), asked));
		let approved = to_own_app + 1;
		let by_patient = grant(
			PATIENT,
			PATIENT,
			Grantee::Participant(HOSPITAL),
			vec![permit(&[Purpose::TREAT], &[])],
			Ends::Never,
		);
		assert!(check(PATIENT, NOBODY, treat_observation()).is_permit());
		// The patient sees what stands on the guardian's word.
		assert_eq!(
			Registry::guardian_granted(&PATIENT),
			vec![(to_own_app, GUARDIAN), (approved, GUARDIAN)]
		);

		set_time(START + MINUTE);
		System::reset_events();
		assert_ok!(Registry::remove_guardian(RuntimeOrigin::signed(PATIENT), GUARDIAN));
		for id in [to_own_app, approved] {
			let revoked = Consents::<Test>::get(id).expect("kept until purged");
			assert_eq!(revoked.state, ConsentState::Revoked { at: START + MINUTE, by: PATIENT });
			assert!(events().contains(&Event::ConsentRevoked {
				consent: id,
				patient: PATIENT,
				revoked_by: PATIENT,
				receipt: Registry::receipt(&revoked),
			}));
		}
		assert_eq!(check(PATIENT, NOBODY, treat_observation()), Decision::Deny(Denial::NoConsent));
		assert_eq!(
			check(PATIENT, RESEARCHER, query(Purpose::HRESCH, DataClass::Genomics, Action::Use)),
			Decision::Deny(Denial::NoConsent)
		);
		// What the patient granted themselves stands.
		assert_eq!(
			check(PATIENT, HOSPITAL, treat_observation()),
			Decision::Permit(Permit::Consent(by_patient))
		);
		assert_eq!(last_event(), Event::GuardianRemoved { patient: PATIENT, guardian: GUARDIAN });
		assert!(Registry::guardian_granted(&PATIENT).is_empty());
		// The guardian's deposits come back when the revoked consents are purged.
		for id in [to_own_app, approved] {
			assert_ok!(Registry::purge_consent(RuntimeOrigin::signed(NOBODY), id));
		}
		assert_eq!(held(GUARDIAN), 0);
	});
}

/// Item 7: a consent the patient confirmed stays when its guardian is removed.
#[test]
fn a_confirmed_consent_outlives_its_guardian() {
	run(|| {
		assert_ok!(Registry::add_guardian(RuntimeOrigin::signed(PATIENT), GUARDIAN));
		assert_ok!(Registry::add_guardian(RuntimeOrigin::signed(PATIENT), OTHER_PATIENT));
		let confirmed = grant(
			GUARDIAN,
			PATIENT,
			Grantee::Participant(HOSPITAL),
			vec![permit(&[Purpose::TREAT], &[])],
			Ends::Never,
		);
		let unconfirmed =
			grant(GUARDIAN, PATIENT, Grantee::Account(NOBODY), vec![permit(&[], &[])], Ends::Never);
		// Another guardian's grant is not touched by this guardian's removal.
		let by_other = grant(
			OTHER_PATIENT,
			PATIENT,
			Grantee::Role(Role::Researcher),
			vec![permit(&[Purpose::HRESCH], &[])],
			Ends::Never,
		);
		let deposit = Consents::<Test>::get(confirmed).expect("stored").deposit;

		set_time(START + MINUTE);
		assert_ok!(Registry::confirm_consent(RuntimeOrigin::signed(PATIENT), confirmed));
		let stored = Consents::<Test>::get(confirmed).expect("stored");
		assert_eq!(stored.confirmed_at, Some(START + MINUTE));
		assert_eq!(stored.deposit, deposit, "the deposit already paid for the confirmation");
		assert_eq!(
			last_event(),
			Event::ConsentConfirmed {
				consent: confirmed,
				patient: PATIENT,
				granted_by: GUARDIAN,
				receipt: Registry::receipt(&stored),
			}
		);
		assert_eq!(
			Registry::guardian_granted(&PATIENT),
			vec![(unconfirmed, GUARDIAN), (by_other, OTHER_PATIENT)]
		);

		assert_ok!(Registry::remove_guardian(RuntimeOrigin::signed(PATIENT), GUARDIAN));
		assert_eq!(
			check(PATIENT, HOSPITAL, treat_observation()),
			Decision::Permit(Permit::Consent(confirmed))
		);
		assert_eq!(check(PATIENT, NOBODY, treat_observation()), Decision::Deny(Denial::NoConsent));
		assert_eq!(
			Registry::consents_of(&PATIENT, now()),
			vec![
				(confirmed, ConsentStatus::Active),
				(unconfirmed, ConsentStatus::Revoked),
				(by_other, ConsentStatus::Active)
			]
		);
		assert_eq!(Registry::guardian_granted(&PATIENT), vec![(by_other, OTHER_PATIENT)]);
	});
}

/// Item 7: confirming is the patient's alone, and only for a guardian's consent in force.
#[test]
fn confirm_consent_rejects_bad_input_and_changes_nothing() {
	run(|| {
		assert_ok!(Registry::add_guardian(RuntimeOrigin::signed(PATIENT), GUARDIAN));
		let own =
			grant(PATIENT, PATIENT, Grantee::Account(NOBODY), vec![permit(&[], &[])], Ends::Never);
		let by_guardian = grant(
			GUARDIAN,
			PATIENT,
			Grantee::Account(NOBODY),
			vec![permit(&[], &[])],
			Ends::AfterDays(1),
		);
		let revoked = grant(
			GUARDIAN,
			PATIENT,
			Grantee::Account(HOSPITAL),
			vec![permit(&[], &[])],
			Ends::Never,
		);
		assert_ok!(Registry::revoke_consent(RuntimeOrigin::signed(PATIENT), revoked));
		let confirm =
			|who: u64, id: ConsentId| Registry::confirm_consent(RuntimeOrigin::signed(who), id);
		assert_noop!(confirm(PATIENT, 9), Error::<Test>::UnknownConsent);
		assert_noop!(confirm(GUARDIAN, by_guardian), Error::<Test>::NotPatient);
		assert_noop!(confirm(OTHER_PATIENT, by_guardian), Error::<Test>::NotPatient);
		assert_noop!(confirm(PATIENT, own), Error::<Test>::NotGrantedByGuardian);
		assert_noop!(confirm(PATIENT, revoked), Error::<Test>::AlreadyRevoked);
		assert_noop!(
			Registry::confirm_consent(RuntimeOrigin::none(), by_guardian),
			DispatchError::BadOrigin
		);
		assert_ok!(confirm(PATIENT, by_guardian));
		assert_noop!(confirm(PATIENT, by_guardian), Error::<Test>::AlreadyConfirmed);
		let expiring = grant(
			GUARDIAN,
			PATIENT,
			Grantee::Account(GUARDIAN + 100),
			vec![permit(&[], &[])],
			Ends::AfterDays(1),
		);
		set_time(START + DAY);
		assert_noop!(confirm(PATIENT, expiring), Error::<Test>::AlreadyExpired);
	});
}

/// Item 8: a clinician cannot renew break-glass without end while episodes await review,
/// and the patient is told of every renewal.
#[test]
fn break_glass_is_capped_per_patient_while_unreviewed() {
	run(|| {
		let declare = |patient: u64| {
			Registry::break_glass(
				RuntimeOrigin::signed(CLINICIAN),
				handle(patient),
				EmergencyReason::ETREAT,
				1,
			)
		};
		for i in 0..3u64 {
			set_time(START + 2 * i * MINUTE);
			assert_ok!(declare(PATIENT));
			assert_eq!(
				last_event(),
				Event::BreakGlassDeclared {
					episode: i,
					subject: handle(PATIENT),
					clinician: CLINICIAN,
					reason: EmergencyReason::ETREAT,
					until: START + (2 * i + 1) * MINUTE,
					earlier_unreviewed: i as u32,
					previous: i.checked_sub(1),
				}
			);
			assert_eq!(
				Episodes::<Test>::get(i).map(|e| e.deposit),
				Some(expected_episode_deposit(i))
			);
		}
		set_time(START + 6 * MINUTE);
		assert_noop!(declare(PATIENT), Error::<Test>::TooManyUnreviewedEpisodes);
		// Another clinician is not held back by these.
		assert_ok!(Registry::break_glass(
			RuntimeOrigin::signed(CLINICIAN_2),
			handle(PATIENT),
			EmergencyReason::BTG,
			1
		));

		// Once an auditor has reviewed one, the clinician may break the glass again, and the
		// patient is told of the two still unreviewed.
		assert_ok!(Registry::review_break_glass(
			RuntimeOrigin::signed(AUDITOR),
			1,
			Finding::Justified,
			H256::zero()
		));
		set_time(START + 8 * MINUTE);
		assert_ok!(declare(PATIENT));
		assert!(matches!(
			last_event(),
			Event::BreakGlassDeclared { earlier_unreviewed: 2, previous: Some(2), .. }
		));
	});
}

/// Item 8: a clinician breaks the glass at most so many times a day.
#[test]
fn break_glass_is_capped_per_clinician_per_day() {
	run(|| {
		let declare = |patient: u64| {
			Registry::break_glass(
				RuntimeOrigin::signed(CLINICIAN),
				handle(patient),
				EmergencyReason::ETREAT,
				1,
			)
		};
		for (i, patient) in [PATIENT, OTHER_PATIENT, GUARDIAN, NOBODY].into_iter().enumerate() {
			set_time(START + 2 * i as u64 * MINUTE);
			assert_ok!(declare(patient));
		}
		assert_eq!(
			BreakGlassTallies::<Test>::get(CLINICIAN),
			Some(BreakGlassTally { day: day_of(START), count: 4, unreviewed: 4 })
		);
		set_time(START + 10 * MINUTE);
		assert_noop!(declare(RESEARCHER), Error::<Test>::BreakGlassDailyLimit);
		// Reviewing one does not give the day's episodes back.
		assert_ok!(Registry::review_break_glass(
			RuntimeOrigin::signed(AUDITOR),
			0,
			Finding::Justified,
			H256::zero()
		));
		assert_noop!(declare(PATIENT), Error::<Test>::BreakGlassDailyLimit);
		// The next day (UTC) the count starts again.
		set_time(START + DAY);
		assert_ok!(declare(RESEARCHER));
		assert_eq!(
			BreakGlassTallies::<Test>::get(CLINICIAN),
			Some(BreakGlassTally { day: day_of(START) + 1, count: 1, unreviewed: 4 })
		);
		// The tally goes with the last unreviewed episode, whose deposit paid for it.
		set_time(START + DAY + MINUTE);
		for id in 1..=4 {
			assert_ok!(Registry::review_break_glass(
				RuntimeOrigin::signed(AUDITOR),
				id,
				Finding::Justified,
				H256::zero()
			));
		}
		assert_eq!(BreakGlassTallies::<Test>::get(CLINICIAN), None);
		assert_eq!(held(CLINICIAN), 0);
	});
}

/// Item 9: a consent's deposit pays for its index entries, and a request's for its place in
/// the pending list.
#[test]
fn a_consent_deposit_pays_for_its_index_entries() {
	run(|| {
		let id = grant(
			PATIENT,
			PATIENT,
			Grantee::Participant(HOSPITAL),
			vec![permit(&[], &[])],
			Ends::Never,
		);
		let stored = Consents::<Test>::get(id).expect("stored");
		let entry = GranteeConsents::<Test>::hashed_key_for(Grantee::Participant(HOSPITAL), id);
		assert!(stored.deposit >= BASE + PER_BYTE * (stored.encoded_size() + entry.len()) as u64);
		assert_eq!(stored.deposit, expected_consent_deposit(id));
		assert_eq!(held(PATIENT), stored.deposit);
		// Revoked, it is no larger than its deposit paid for.
		assert_ok!(Registry::revoke_consent(RuntimeOrigin::signed(PATIENT), id));
		let revoked = Consents::<Test>::get(id).expect("kept until purged");
		assert_eq!(revoked.deposit, expected_consent_deposit(id));

		let asked = request(RESEARCHER, PATIENT);
		let pending = Requests::<Test>::get(asked).expect("stored");
		let approved_state = 1 + 8;
		let record = pending.encoded_size() - pending.state.encoded_size() + approved_state;
		assert_eq!(pending.deposit, BASE + PER_BYTE * (record + 8) as u64);
	});
}

/// Item 9: an episode's deposit pays for its index entry and the clinician's tally too.
#[test]
fn an_episode_deposit_pays_for_its_index_entry() {
	run(|| {
		assert_ok!(Registry::break_glass(
			RuntimeOrigin::signed(CLINICIAN),
			handle(PATIENT),
			EmergencyReason::BTG,
			10
		));
		let episode = Episodes::<Test>::get(0).expect("stored");
		use codec::MaxEncodedLen;
		assert!(episode.deposit > BASE + PER_BYTE * EpisodeOf::<Test>::max_encoded_len() as u64);
		assert_eq!(episode.deposit, expected_episode_deposit(0));
		assert_eq!(held(CLINICIAN), episode.deposit);
	});
}

/// Item 9: try_state checks that each deposit covers its record and index entries, not only
/// that the holds add up.
#[test]
fn try_state_checks_each_deposit_exactly() {
	run(|| {
		let id = grant(
			PATIENT,
			PATIENT,
			Grantee::Participant(HOSPITAL),
			vec![permit(&[], &[])],
			Ends::Never,
		);
		assert_ok!(Registry::break_glass(
			RuntimeOrigin::signed(CLINICIAN),
			handle(PATIENT),
			EmergencyReason::BTG,
			10
		));
		assert_ok!(Registry::do_try_state());
		use frame_support::traits::{fungible::MutateHold, tokens::Precision};
		let reason = HoldReason::StorageDeposit.into();
		// One unit less recorded and held: the holds still add up, the deposit is short.
		Consents::<Test>::mutate(id, |c| c.as_mut().expect("stored").deposit -= 1);
		assert_ok!(Balances::release(&reason, &PATIENT, 1, Precision::Exact));
		assert!(Registry::do_try_state().is_err(), "a short consent deposit is caught");
		Consents::<Test>::mutate(id, |c| c.as_mut().expect("stored").deposit += 1);
		assert_ok!(Balances::hold(&reason, &PATIENT, 1));
		assert_ok!(Registry::do_try_state());

		Episodes::<Test>::mutate(0, |e| e.as_mut().expect("stored").deposit -= 1);
		assert_ok!(Balances::release(&reason, &CLINICIAN, 1, Precision::Exact));
		assert!(Registry::do_try_state().is_err(), "a short episode deposit is caught");
		Episodes::<Test>::mutate(0, |e| e.as_mut().expect("stored").deposit += 1);
		assert_ok!(Balances::hold(&reason, &CLINICIAN, 1));
	});
}
