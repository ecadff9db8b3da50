//! A property test of [`Pallet::check_access`] against a small reference model of the
//! decision rule.
//!
//! The model spells the rule out the slow, obvious way: every rule is expanded into the set
//! of (purpose, data class, action) triples it covers, and the decision is read off the sets
//! of live denying and permitting consents. Random consents are granted (and some revoked)
//! through the pallet's calls, random participants are suspended, and random questions at
//! random moments must get the same answer from both.

use crate::{mock::*, *};
use alloc::collections::btree_set::BTreeSet;
use frame_support::assert_ok;
use medchain_primitives::participants::{mock::MockParticipants, Role};
use proptest::prelude::*;

type Triple = (Purpose, DataClass, Action);

/// The triples a rule covers; an empty list stands for every code.
fn expand(rule: &Rule) -> BTreeSet<Triple> {
	fn or_all<X: Copy>(listed: &[X], all: &[X]) -> alloc::vec::Vec<X> {
		if listed.is_empty() {
			all.to_vec()
		} else {
			listed.to_vec()
		}
	}
	let mut covered = BTreeSet::new();
	for p in or_all(&rule.purposes, &Purpose::ALL) {
		for c in or_all(&rule.data_classes, &DataClass::ALL) {
			for a in or_all(&rule.actions, &Action::ALL) {
				covered.insert((p, c, a));
			}
		}
	}
	covered
}

/// Whether a rule's data period admits a record date; an unknown date is admitted only for
/// denials.
fn date_ok(rule: &Rule, date: Option<Moment>, denying: bool) -> bool {
	match (rule.data_period, date) {
		(None, _) => true,
		(Some(p), Some(d)) => (p.from..=p.to).contains(&d),
		(Some(_), None) => denying,
	}
}

struct ModelConsent {
	id: ConsentId,
	grantee: Grantee<u64>,
	provisions: alloc::vec::Vec<Provision>,
	start: Moment,
	end: Option<Moment>,
	revoked: bool,
}

struct World {
	consents: alloc::vec::Vec<ModelConsent>,
	guardians: alloc::vec::Vec<u64>,
	suspended: alloc::vec::Vec<u64>,
}

fn roles_of(who: u64) -> &'static [Role] {
	match who {
		HOSPITAL => &[Role::Hospital],
		RESEARCHER => &[Role::Researcher],
		CLINICIAN => &[Role::Clinician],
		_ => &[],
	}
}

fn model_decide(world: &World, accessor: u64, q: &AccessQuery, at: Moment) -> Decision {
	if accessor == PATIENT {
		return Decision::Permit(Permit::Patient);
	}
	let active = |who: u64| !roles_of(who).is_empty() && !world.suspended.contains(&who);
	let triple = (q.purpose, q.data_class, q.action);
	let mut denying = BTreeSet::new();
	let mut permitting = BTreeSet::new();
	for c in &world.consents {
		let live = !c.revoked && c.start <= at && c.end.is_none_or(|e| at < e);
		let names_accessor = match &c.grantee {
			Grantee::Account(a) => *a == accessor,
			Grantee::Participant(a) => *a == accessor && active(accessor),
			Grantee::Role(r) => active(accessor) && roles_of(accessor).contains(r),
		};
		if !live || !names_accessor {
			continue;
		}
		for p in &c.provisions {
			let base_denies = p.kind == ProvisionType::Deny;
			if !(expand(&p.rule).contains(&triple) && date_ok(&p.rule, q.record_date, base_denies))
			{
				continue;
			}
			let excepted = p
				.exceptions
				.iter()
				.any(|e| expand(e).contains(&triple) && date_ok(e, q.record_date, !base_denies));
			if base_denies != excepted {
				denying.insert(c.id);
			} else {
				permitting.insert(c.id);
			}
		}
	}
	if let Some(id) = denying.first() {
		Decision::Deny(Denial::DeniedByConsent(*id))
	} else if world.guardians.contains(&accessor) {
		Decision::Permit(Permit::Guardian)
	} else if let Some(id) = permitting.first() {
		Decision::Permit(Permit::Consent(*id))
	} else {
		Decision::Deny(Denial::NoConsent)
	}
}

fn a_rule() -> impl Strategy<Value = Rule> {
	let periods = prop::sample::select(vec![
		None,
		Some(DataPeriod { from: 1_000, to: 2_000 }),
		Some(DataPeriod { from: 1_500, to: 3_000 }),
	]);
	(
		prop::sample::subsequence(Purpose::ALL.to_vec(), 0..=2),
		prop::sample::subsequence(DataClass::ALL.to_vec(), 0..=3),
		prop::sample::subsequence(Action::ALL.to_vec(), 0..=2),
		periods,
	)
		.prop_map(|(purposes, classes, actions, data_period)| Rule {
			purposes: purposes.try_into().expect("within bounds"),
			data_classes: classes.try_into().expect("within bounds"),
			actions: actions.try_into().expect("within bounds"),
			data_period,
		})
}

fn a_provision() -> impl Strategy<Value = Provision> {
	(any::<bool>(), a_rule(), prop::collection::vec(a_rule(), 0..=2)).prop_map(
		|(permits, rule, exceptions)| Provision {
			kind: if permits { ProvisionType::Permit } else { ProvisionType::Deny },
			rule,
			exceptions: exceptions.try_into().expect("within bounds"),
		},
	)
}

fn a_grantee() -> impl Strategy<Value = Grantee<u64>> {
	prop_oneof![
		prop::sample::select(vec![HOSPITAL, NOBODY, GUARDIAN]).prop_map(Grantee::Account),
		prop::sample::select(vec![HOSPITAL, RESEARCHER]).prop_map(Grantee::Participant),
		prop::sample::select(vec![Role::Hospital, Role::Researcher, Role::Clinician])
			.prop_map(Grantee::Role),
	]
}

/// A grant: grantee, provisions, start offset in hours (none = now), length in days (none =
/// never ends), revoked afterwards?
type Grant = (Grantee<u64>, alloc::vec::Vec<Provision>, Option<u64>, Option<u32>, bool);

fn a_grant() -> impl Strategy<Value = Grant> {
	(
		a_grantee(),
		prop::collection::vec(a_provision(), 1..=3),
		prop::option::of(0u64..48),
		prop::option::of(1u32..3),
		prop::bool::weighted(0.2),
	)
}

fn a_query() -> impl Strategy<Value = (u64, AccessQuery, u64)> {
	(
		prop::sample::select(vec![HOSPITAL, RESEARCHER, CLINICIAN, NOBODY, GUARDIAN, PATIENT]),
		prop::sample::select(Purpose::ALL.to_vec()),
		prop::sample::select(DataClass::ALL.to_vec()),
		prop::sample::select(Action::ALL.to_vec()),
		prop::sample::select(vec![None, Some(500), Some(1_000), Some(1_700), Some(2_500)]),
		0u64..(5 * 24),
	)
		.prop_map(|(accessor, purpose, data_class, action, record_date, hour)| {
			(accessor, AccessQuery { purpose, data_class, action, record_date }, hour)
		})
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(256))]

	#[test]
	fn check_access_agrees_with_the_reference_model(
		grants in prop::collection::vec(a_grant(), 0..=4),
		guardian in any::<bool>(),
		suspended in prop::sample::subsequence(vec![HOSPITAL, RESEARCHER, CLINICIAN], 0..=2),
		queries in prop::collection::vec(a_query(), 24),
	) {
		const HOUR: u64 = 60 * MINUTE;
		run(|| {
			let mut world = World { consents: vec![], guardians: vec![], suspended: suspended.clone() };
			for (grantee, provisions, start_hours, days, revoke) in grants {
				let id = NextConsentId::<Test>::get();
				let starts_at = start_hours.map(|h| START + h * HOUR);
				let ends = days.map_or(Ends::Never, Ends::AfterDays);
				assert_ok!(Registry::grant_consent(
					RuntimeOrigin::signed(PATIENT),
					PATIENT,
					grantee.clone(),
					provisions.clone().try_into().expect("within bounds"),
					starts_at,
					ends,
					None,
				));
				if revoke {
					assert_ok!(Registry::revoke_consent(RuntimeOrigin::signed(PATIENT), id));
				}
				let start = starts_at.unwrap_or(START);
				world.consents.push(ModelConsent {
					id,
					grantee,
					provisions,
					start,
					end: days.map(|d| start + u64::from(d) * DAY),
					revoked: revoke,
				});
			}
			if guardian {
				assert_ok!(Registry::add_guardian(RuntimeOrigin::signed(PATIENT), GUARDIAN));
				world.guardians.push(GUARDIAN);
			}
			for who in &suspended {
				MockParticipants::set_suspended(*who, true);
			}
			for (accessor, query, hour) in &queries {
				let at = START + hour * HOUR;
				assert_eq!(
					Registry::check_access(&PATIENT, accessor, query, at),
					model_decide(&world, *accessor, query, at),
					"accessor {} asks {:?} at hour {}", accessor, query, hour
				);
			}
		});
	}
}
