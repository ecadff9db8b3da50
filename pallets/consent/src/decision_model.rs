//! A property test of [`Pallet::check_access`] against a small reference model of the
//! decision rule.
//!
//! The model spells the rule out the slow, obvious way: every rule is expanded into the set
//! of (purpose, data class, action) triples it covers, and the decision is read off the sets
//! of live denying and permitting consents. Random consents are granted through the pallet's
//! calls and some revoked hours later, random participants are suspended, and random
//! questions at random moments must get the same answer from both.
//!
//! The questions are biased toward the cases that decide something: most are asked by a
//! consent's grantee, about codes one of its provisions (or exceptions) lists, for records
//! dated at or just beside the edges of its data periods, at or just beside the moments it
//! starts, ends or was revoked, so that consents are also judged as they stood before their
//! revocation. The test prints the mix of answers and fails if a main answer is rare.

use crate::{mock::*, *};
use alloc::{collections::btree_set::BTreeSet, vec::Vec};
use frame_support::assert_ok;
use medchain_primitives::participants::{mock::MockParticipants, Role};
use proptest::{prelude::*, sample::Index};

type Triple = (Purpose, DataTag, Action);

/// The data classes of the model's patient, as tags: the registry compares tags only, so the
/// model's universe of classes is the patient's twelve tags.
fn all_tags() -> Vec<DataTag> {
	DataClass::ALL.iter().map(|class| class.tag(&[3; 32])).collect()
}

const HOUR: u64 = 60 * MINUTE;

/// The triples a rule covers; an empty list stands for every code.
fn expand(rule: &Rule) -> BTreeSet<Triple> {
	fn or_all<X: Copy>(listed: &[X], all: &[X]) -> Vec<X> {
		if listed.is_empty() {
			all.to_vec()
		} else {
			listed.to_vec()
		}
	}
	let mut covered = BTreeSet::new();
	for p in or_all(&rule.purposes, &Purpose::ALL) {
		for c in or_all(&rule.data_tags, &all_tags()) {
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
	provisions: Vec<Provision>,
	start: Moment,
	end: Option<Moment>,
	revoked_at: Option<Moment>,
}

impl ModelConsent {
	fn live_at(&self, at: Moment) -> bool {
		self.revoked_at.is_none_or(|r| at < r)
			&& self.start <= at
			&& self.end.is_none_or(|e| at < e)
	}

	/// Every data period any of its rules is limited to.
	fn periods(&self) -> Vec<DataPeriod> {
		self.provisions
			.iter()
			.flat_map(|p| core::iter::once(&p.rule).chain(p.exceptions.iter()))
			.filter_map(|r| r.data_period)
			.collect()
	}
}

struct World {
	consents: Vec<ModelConsent>,
	guardians: Vec<u64>,
	suspended: Vec<u64>,
}

fn roles_of(who: u64) -> &'static [Role] {
	match who {
		HOSPITAL => &[Role::Hospital],
		RESEARCHER => &[Role::Researcher],
		CLINICIAN => &[Role::Clinician],
		_ => &[],
	}
}

/// Someone who holds `role` in the mock registry.
fn holder_of(role: Role) -> u64 {
	match role {
		Role::Hospital => HOSPITAL,
		Role::Researcher => RESEARCHER,
		_ => CLINICIAN,
	}
}

fn model_decide(world: &World, accessor: u64, q: &AccessQuery, at: Moment) -> Decision {
	if accessor == PATIENT {
		return Decision::Permit(Permit::Patient);
	}
	let registered = |role: &Role| roles_of(accessor).contains(role);
	let active = !roles_of(accessor).is_empty() && !world.suspended.contains(&accessor);
	let triple = (q.purpose, q.data_tag, q.action);
	let mut denying = BTreeSet::new();
	let mut permitting = BTreeSet::new();
	for c in &world.consents {
		// A deny reaches the accessor whatever its standing in the registry; a permit through
		// a participant or a role only while it is active.
		let (deny_reaches, permit_reaches) = match &c.grantee {
			Grantee::Account(a) => (*a == accessor, *a == accessor),
			Grantee::Participant(a) => (*a == accessor, *a == accessor && active),
			Grantee::Role(r) => (registered(r), registered(r) && active),
		};
		if !c.live_at(at) {
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
				if deny_reaches {
					denying.insert(c.id);
				}
			} else if permit_reaches {
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

/// The data periods rules are limited to; their edges are where dates are asked about.
const PERIODS: [DataPeriod; 2] =
	[DataPeriod { from: 1_000, to: 2_000 }, DataPeriod { from: 1_500, to: 3_000 }];

fn a_rule() -> impl Strategy<Value = Rule> {
	let periods = prop_oneof![
		2 => Just(None),
		1 => Just(Some(PERIODS[0])),
		1 => Just(Some(PERIODS[1])),
	];
	(
		prop::sample::subsequence(Purpose::ALL.to_vec(), 0..=2),
		prop::sample::subsequence(all_tags(), 0..=3),
		prop::sample::subsequence(Action::ALL.to_vec(), 0..=2),
		periods,
	)
		.prop_map(|(purposes, classes, actions, data_period)| Rule {
			purposes: purposes.try_into().expect("within bounds"),
			data_tags: classes.try_into().expect("within bounds"),
			actions: actions.try_into().expect("within bounds"),
			data_period,
		})
}

fn a_provision() -> impl Strategy<Value = Provision> {
	(prop::bool::weighted(0.6), a_rule(), prop::collection::vec(a_rule(), 0..=2)).prop_map(
		|(permits, rule, exceptions)| Provision {
			kind: if permits { ProvisionType::Permit } else { ProvisionType::Deny },
			rule,
			exceptions: exceptions.try_into().expect("within bounds"),
		},
	)
}

fn a_grantee() -> impl Strategy<Value = Grantee<u64>> {
	prop_oneof![
		prop::sample::select(vec![HOSPITAL, RESEARCHER, NOBODY, GUARDIAN])
			.prop_map(Grantee::Account),
		prop::sample::select(vec![HOSPITAL, RESEARCHER]).prop_map(Grantee::Participant),
		prop::sample::select(vec![Role::Hospital, Role::Researcher, Role::Clinician])
			.prop_map(Grantee::Role),
	]
}

/// A grant: grantee, provisions, start offset in hours (none = now), length in days (none =
/// never ends), revoked how many hours after the grant (none = never).
type Grant = (Grantee<u64>, Vec<Provision>, Option<u64>, Option<u32>, Option<u64>);

fn a_grant() -> impl Strategy<Value = Grant> {
	(
		a_grantee(),
		prop::collection::vec(a_provision(), 1..=3),
		prop::option::of(0u64..48),
		prop::option::of(1u32..3),
		prop::option::weighted(0.35, 0u64..72),
	)
}

/// Who asks.
#[derive(Clone, Debug)]
enum Who {
	/// This account.
	Named(u64),
	/// The grantee of the consent in focus (for a role, one who holds it).
	Grantee,
}

/// About which codes.
#[derive(Clone, Debug)]
enum Codes {
	/// These.
	Named(Purpose, DataTag, Action),
	/// Codes a rule of a provision of the consent in focus lists (the provision's own, or
	/// one of its exceptions if `exception` is some); from every code where it lists none.
	FromRule { provision: Index, exception: Option<Index>, picks: (Index, Index, Index) },
}

/// For records of which date.
#[derive(Clone, Debug)]
enum RecordDate {
	/// This one.
	Named(Option<Moment>),
	/// At or just beside an edge of the data period of the rule the codes come from (or of
	/// one of the consent in focus, or any): its first day, the day before it, its last day
	/// or the day after.
	PeriodEdge { period: Index, edge: usize },
	/// Within the data period of the rule the codes come from (none if it has no period).
	Within(u64),
}

/// Which moment in a consent's life.
#[derive(Clone, Copy, Debug)]
enum Edge {
	Start,
	End,
	Revoked,
}

/// When.
#[derive(Clone, Debug)]
enum When {
	/// This many hours after the grants.
	Hour(u64),
	/// A millisecond before, at or after a moment in the life of the consent in focus.
	Beside { edge: Edge, offset: i8 },
	/// This many thousandths into the consent in focus's time in force (up to five days).
	Inside(u64),
}

/// A question: the consent it is mostly about, who asks, about what, and when.
type QuerySpec = (Index, Who, Codes, RecordDate, When);

fn a_query() -> impl Strategy<Value = QuerySpec> {
	let who = prop_oneof![
		1 => prop::sample::select(vec![HOSPITAL, RESEARCHER, CLINICIAN, NOBODY, GUARDIAN, PATIENT])
			.prop_map(Who::Named),
		4 => Just(Who::Grantee),
	];
	let codes = prop_oneof![
		1 => (
			prop::sample::select(Purpose::ALL.to_vec()),
			prop::sample::select(all_tags()),
			prop::sample::select(Action::ALL.to_vec()),
		)
			.prop_map(|(p, c, a)| Codes::Named(p, c, a)),
		4 => (
			any::<Index>(),
			prop::option::weighted(0.25, any::<Index>()),
			any::<(Index, Index, Index)>(),
		)
			.prop_map(|(provision, exception, picks)| Codes::FromRule {
				provision,
				exception,
				picks
			}),
	];
	let date = prop_oneof![
		1 => prop::sample::select(vec![None, Some(500), Some(1_700), Some(2_500), Some(4_000)])
			.prop_map(RecordDate::Named),
		2 => (any::<Index>(), 0usize..4)
			.prop_map(|(period, edge)| RecordDate::PeriodEdge { period, edge }),
		3 => (0u64..=1_000).prop_map(RecordDate::Within),
	];
	let when = prop_oneof![
		1 => (0u64..(5 * 24)).prop_map(When::Hour),
		2 => (prop::sample::select(vec![Edge::Start, Edge::End, Edge::Revoked]), -1i8..=1)
			.prop_map(|(edge, offset)| When::Beside { edge, offset }),
		3 => (0u64..1_000).prop_map(When::Inside),
	];
	(any::<Index>(), who, codes, date, when)
}

/// A query spelled out against the consents granted: who asks, what, and when.
fn resolve(world: &World, spec: &QuerySpec) -> (u64, AccessQuery, Moment) {
	let (focus, who, codes, date, when) = spec;
	let focus = (!world.consents.is_empty()).then(|| focus.get(&world.consents));
	let accessor = match (who, focus.map(|c| &c.grantee)) {
		(Who::Named(account), _) => *account,
		(Who::Grantee, Some(Grantee::Account(a) | Grantee::Participant(a))) => *a,
		(Who::Grantee, Some(Grantee::Role(role))) => holder_of(*role),
		(Who::Grantee, None) => HOSPITAL,
	};
	let rule = match (codes, focus) {
		(Codes::FromRule { provision, exception, .. }, Some(c)) => {
			let p = provision.get(&c.provisions);
			Some(match exception {
				Some(i) if !p.exceptions.is_empty() => i.get(&p.exceptions),
				_ => &p.rule,
			})
		}
		_ => None,
	};
	let (purpose, data_tag, action) = match (codes, rule) {
		(Codes::Named(p, c, a), _) => (*p, *c, *a),
		(Codes::FromRule { picks, .. }, Some(rule)) => {
			fn pick<X: Copy>(listed: &[X], all: &[X], i: &Index) -> X {
				if listed.is_empty() {
					*i.get(all)
				} else {
					*i.get(listed)
				}
			}
			(
				pick(&rule.purposes, &Purpose::ALL, &picks.0),
				pick(&rule.data_tags, &all_tags(), &picks.1),
				pick(&rule.actions, &Action::ALL, &picks.2),
			)
		}
		(Codes::FromRule { .. }, None) => (Purpose::TREAT, all_tags()[0], Action::Access),
	};
	let record_date = match date {
		RecordDate::Named(date) => *date,
		RecordDate::PeriodEdge { period, edge } => {
			let periods = match rule.and_then(|r| r.data_period) {
				Some(p) => vec![p],
				None => focus.map(|c| c.periods()).unwrap_or_default(),
			};
			let p = if periods.is_empty() { *period.get(&PERIODS) } else { *period.get(&periods) };
			Some([p.from - 1, p.from, p.to, p.to + 1][*edge])
		}
		RecordDate::Within(thousandths) => {
			rule.and_then(|r| r.data_period).map(|p| p.from + (p.to - p.from) * thousandths / 1_000)
		}
	};
	let at = match (when, focus) {
		(When::Hour(hour), _) => START + hour * HOUR,
		(When::Beside { edge, offset }, Some(c)) => {
			let moment = match edge {
				Edge::Start => c.start,
				Edge::End => c.end.unwrap_or(c.start),
				Edge::Revoked => c.revoked_at.or(c.end).unwrap_or(c.start),
			};
			moment.saturating_add_signed(i64::from(*offset))
		}
		(When::Inside(thousandths), Some(c)) => {
			let last = [c.end, c.revoked_at, Some(c.start + 5 * DAY)]
				.into_iter()
				.flatten()
				.min()
				.unwrap_or(c.start)
				.max(c.start);
			c.start + (last - c.start) * thousandths / 1_000
		}
		(_, None) => START,
	};
	(accessor, AccessQuery { purpose, data_tag, action, record_date }, at)
}

/// How often each answer came up, over every query of every case, and how often the
/// interesting cases were met.
#[derive(Default, Debug)]
struct Mix {
	patient: u32,
	consent: u32,
	guardian: u32,
	denied: u32,
	no_consent: u32,
	other: u32,
	/// Decided by a consent that was revoked later than the moment asked about.
	before_revocation: u32,
	/// Decided by a consent for a record dated exactly on the edge of one of its periods.
	period_edge: u32,
	/// Decided, or not, at the very first or last moment of a consent's period.
	validity_edge: u32,
}

impl Mix {
	fn count(&mut self, world: &World, decision: &Decision, query: &AccessQuery, at: Moment) {
		match decision {
			Decision::Permit(Permit::Patient) => self.patient += 1,
			Decision::Permit(Permit::Consent(_)) => self.consent += 1,
			Decision::Permit(Permit::Guardian) => self.guardian += 1,
			Decision::Deny(Denial::DeniedByConsent(_)) => self.denied += 1,
			Decision::Deny(Denial::NoConsent) => self.no_consent += 1,
			_ => self.other += 1,
		}
		let decider = match decision {
			Decision::Permit(Permit::Consent(id)) | Decision::Deny(Denial::DeniedByConsent(id)) => {
				world.consents.iter().find(|c| c.id == *id)
			}
			_ => None,
		};
		if let Some(c) = decider {
			if c.revoked_at.is_some_and(|r| at < r) {
				self.before_revocation += 1;
			}
			if query
				.record_date
				.is_some_and(|d| c.periods().iter().any(|p| d == p.from || d == p.to))
			{
				self.period_edge += 1;
			}
		}
		if world
			.consents
			.iter()
			.any(|c| at == c.start || c.end.is_some_and(|e| at + 1 == e || at == e))
		{
			self.validity_edge += 1;
		}
	}

	fn total(&self) -> u32 {
		self.patient + self.consent + self.guardian + self.denied + self.no_consent + self.other
	}

	/// Print the mix and check that each main answer, and each interesting case, is a
	/// healthy share of it.
	fn report_and_check(&self) {
		let total = self.total().max(1);
		let share = |n: u32| f64::from(n) * 100.0 / f64::from(total);
		println!(
			"outcome mix over {total} queries: Permit(Consent) {:.1}%, Deny(DeniedByConsent) \
			 {:.1}%, Deny(NoConsent) {:.1}%, Permit(Guardian) {:.1}%, Permit(Patient) {:.1}%, \
			 other {:.1}%; decided by a consent revoked later {:.1}%, for a record on a data \
			 period's edge {:.1}%; asked at a validity edge {:.1}%",
			share(self.consent),
			share(self.denied),
			share(self.no_consent),
			share(self.guardian),
			share(self.patient),
			share(self.other),
			share(self.before_revocation),
			share(self.period_edge),
			share(self.validity_edge),
		);
		for (name, n, least) in [
			("Permit(Consent)", self.consent, 10.0),
			("Deny(DeniedByConsent)", self.denied, 10.0),
			("Deny(NoConsent)", self.no_consent, 10.0),
			("Permit(Guardian)", self.guardian, 1.0),
			("Permit(Patient)", self.patient, 1.0),
			("decided by a consent revoked later", self.before_revocation, 2.0),
			("decided for a record on a period's edge", self.period_edge, 2.0),
			("asked at a validity edge", self.validity_edge, 10.0),
		] {
			assert!(share(n) >= least, "{name} is {:.1}% of the answers, under {least}%", share(n));
		}
	}
}

#[test]
fn check_access_agrees_with_the_reference_model() {
	use proptest::test_runner::{Config, TestRunner};
	let mix = core::cell::RefCell::new(Mix::default());
	let cases = (
		prop::collection::vec(a_grant(), 1..=4),
		any::<bool>(),
		prop::sample::subsequence(vec![HOSPITAL, RESEARCHER, CLINICIAN], 0..=2),
		prop::collection::vec(a_query(), 24),
	);
	// A fixed seed: the outcome mix asserted below is a property of these cases, not of the
	// luck of one run.
	let config = Config::with_cases(512);
	let rng = proptest::test_runner::TestRng::deterministic_rng(config.rng_algorithm);
	let mut runner = TestRunner::new_with_rng(config, rng);
	let outcome = runner.run(&cases, |(grants, guardian, suspended, queries)| {
		run(|| {
			let mut world =
				World { consents: vec![], guardians: vec![], suspended: suspended.clone() };
			let mut revocations = vec![];
			for (grantee, provisions, start_hours, days, revoke_after) in grants {
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
				let start = starts_at.unwrap_or(START);
				let revoked_at = revoke_after.map(|h| START + h * HOUR);
				revocations.extend(revoked_at.map(|at| (at, id)));
				world.consents.push(ModelConsent {
					id,
					grantee,
					provisions,
					start,
					end: days.map(|d| start + u64::from(d) * DAY),
					revoked_at,
				});
			}
			// Revoked as the chain's clock passes each moment, so a consent is also asked about
			// as it stood before its revocation.
			revocations.sort();
			for (at, id) in revocations {
				set_time(at);
				assert_ok!(Registry::revoke_consent(RuntimeOrigin::signed(PATIENT), id));
			}
			if guardian {
				assert_ok!(Registry::add_guardian(RuntimeOrigin::signed(PATIENT), GUARDIAN));
				world.guardians.push(GUARDIAN);
			}
			for who in &suspended {
				MockParticipants::set_suspended(*who, true);
			}
			for spec in &queries {
				let (accessor, query, at) = resolve(&world, spec);
				let decision = Registry::check_access(&PATIENT, &accessor, &query, at, None);
				assert_eq!(
					decision,
					model_decide(&world, accessor, &query, at),
					"accessor {} asks {:?} at {} (START + {} ms)",
					accessor,
					query,
					at,
					at as i64 - START as i64
				);
				mix.borrow_mut().count(&world, &decision, &query, at);
			}
		});
		Ok(())
	});
	if let Err(failure) = outcome {
		panic!("{failure}");
	}
	mix.borrow().report_and_check();
}
