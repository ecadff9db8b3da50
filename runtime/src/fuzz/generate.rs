//! The calls the fuzz signs: each kind picks a signer and arguments from the current state,
//! so most calls are ones that can succeed (a batch the sender holds, a pack it has, a
//! consent of the signer's patient), and about one in eight is spoiled on purpose: a signer in
//! the wrong role or with no standing, or an argument out of bounds.

use super::state::{PackKey, Snapshot};
use crate::{AccountId, BalancesCall, Runtime, RuntimeCall, UNIT};
use codec::Encode;
use frame_support::weights::Weight;
use medchain_primitives::{
	chain_extension::{func, PlaceHold, ReleaseHold, EXTENSION_ID},
	consent::{Action, DataClass, DataTag, EmergencyHandle, EmergencyReason, Purpose},
	participants::{gs1_check_digit, Role},
};
use pallet_consent::{
	ConsentState, DataPeriod, Ends, Finding, Grantee, Provision, ProvisionType, RequestState, Rule,
};
use pallet_drug_tracking::{
	BatchId, BizStep, DecommissionReason, Disposition, EventSubject, HoldSubject, NewEvent, PackId,
	RecallClass, SensorSummary, SerialState, ShipmentLine, ShipmentStatus, TemperatureRange,
};
use pallet_participants::ParticipantStatus;
use sp_core::H256;
use sp_runtime::MultiAddress;

type Dt = pallet_drug_tracking::Call<Runtime>;
type Cs = pallet_consent::Call<Runtime>;

const HOUR: u64 = 60 * 60 * 1000;
const DAY: u64 = 24 * HOUR;

/// The date of `at` (ms since the Unix epoch) as GS1 writes an expiry, YYMMDD (civil from
/// days, proleptic Gregorian).
fn yymmdd(at: u64) -> u32 {
	let z = (at / DAY) as i64 + 719_468;
	let era = z.div_euclid(146_097);
	let doe = z - era * 146_097;
	let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
	let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	let mp = (5 * doy + 2) / 153;
	let day = doy - (153 * mp + 2) / 5 + 1;
	let month = if mp < 10 { mp + 3 } else { mp - 9 };
	let year = yoe + era * 400 + i64::from(month <= 2);
	((year - 2000) * 10_000 + month * 100 + day) as u32
}

/// A small, seeded generator (SplitMix64): the same seed gives the same run.
pub struct Rng(u64);

impl Rng {
	pub fn new(seed: u64) -> Self {
		Rng(seed)
	}

	pub fn next_u64(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
		z ^ (z >> 31)
	}

	/// A number in `lo ..= hi`.
	pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
		if hi <= lo {
			return lo;
		}
		lo + self.next_u64() % (hi - lo + 1)
	}

	pub fn chance(&mut self, percent: u64) -> bool {
		self.next_u64() % 100 < percent
	}

	pub fn pick<T: Clone>(&mut self, items: &[T]) -> Option<T> {
		if items.is_empty() {
			return None;
		}
		let i = self.next_u64() % items.len() as u64;
		Some(items[i as usize].clone())
	}

	/// Up to `n` distinct items.
	pub fn sample<T: Clone>(&mut self, items: &[T], n: usize) -> Vec<T> {
		let mut pool = items.to_vec();
		let mut out = Vec::new();
		while out.len() < n && !pool.is_empty() {
			let i = (self.next_u64() % pool.len() as u64) as usize;
			out.push(pool.swap_remove(i));
		}
		out
	}
}

/// An open council motion the fuzz proposed.
#[derive(Clone, Debug)]
pub struct Motion {
	pub hash: H256,
	pub index: u32,
	pub len: u32,
	/// The participant its call is about.
	pub target: AccountId,
}

/// One call to sign.
pub struct Planned {
	/// The kind of call, for the outcome report.
	pub kind: &'static str,
	pub signer: AccountId,
	pub call: RuntimeCall,
	/// The participant a governance call may change (see `rules::CallContext`).
	pub registry_target: Option<AccountId>,
	/// For a proposal: the participant its motion is about.
	pub motion_target: Option<AccountId>,
}

/// What the generator sees: the state, who takes part, and the open motions.
pub struct World<'a> {
	pub snap: &'a Snapshot,
	pub actors: &'a [AccountId],
	pub contract: &'a AccountId,
	pub sudo: &'a AccountId,
	pub council: &'a [AccountId],
	pub newcomers: &'a [AccountId],
	pub motions: &'a [Motion],
}

/// The generator: a seeded random source and counters for fresh names.
pub struct Generator {
	pub rng: Rng,
	fresh: u64,
}

/// How often each kind of call is made (relative weights), and its generator.
type Make = fn(&mut Generator, &World) -> Option<Planned>;
const KINDS: &[(u64, Make)] = &[
	(30, Generator::transfer),
	(8, Generator::propose),
	(30, Generator::vote),
	(15, Generator::close),
	(5, Generator::sudo),
	(90, Generator::grant_consent),
	(30, Generator::revoke_consent),
	(20, Generator::purge_consent),
	(30, Generator::request_consent),
	(25, Generator::answer_request),
	(10, Generator::purge_request),
	(20, Generator::add_guardian),
	(10, Generator::remove_guardian),
	(30, Generator::break_glass),
	(20, Generator::review_break_glass),
	(10, Generator::confirm_consent),
	(15, Generator::register_product),
	(40, Generator::create_batch),
	(50, Generator::commission_serials),
	(90, Generator::ship),
	(60, Generator::receive),
	(15, Generator::reject),
	(30, Generator::record_event),
	(40, Generator::decommission),
	(10, Generator::reverse_decommission),
	(60, Generator::scan),
	(2, Generator::recall),
	(12, Generator::place_hold),
	(20, Generator::release_hold),
	(10, Generator::override_hold),
	(10, Generator::clear_suspect),
	(7, Generator::confirm_clone_report),
	(5, Generator::clear_batch_suspects),
	(8, Generator::contract_place_hold),
	(12, Generator::contract_release_hold),
];

fn bounded<T, S: sp_core::Get<u32>>(items: Vec<T>) -> frame_support::BoundedVec<T, S> {
	items.try_into().unwrap_or_else(|_| panic!("the generator stays within bounds"))
}

fn text<S: sp_core::Get<u32>>(s: &str) -> frame_support::BoundedVec<u8, S> {
	bounded(s.as_bytes().to_vec())
}

impl Generator {
	pub fn new(seed: u64) -> Self {
		Generator { rng: Rng::new(seed), fresh: 0 }
	}

	/// The next call: a kind by weight, then that kind's call (another kind if this one has
	/// nothing to act on yet).
	pub fn next(&mut self, world: &World) -> Planned {
		let total: u64 = KINDS.iter().map(|(w, _)| w).sum();
		loop {
			let mut roll = self.rng.range(1, total);
			for (weight, make) in KINDS {
				if roll <= *weight {
					// Only actors sign: the contract account may hold goods or take part in
					// a shipment (the council can give it roles), but it has no key.
					if let Some(planned) =
						make(self, world).filter(|p| world.actors.contains(&p.signer))
					{
						return planned;
					}
					break;
				}
				roll -= weight;
			}
		}
	}

	fn fresh(&mut self) -> u64 {
		self.fresh += 1;
		self.fresh
	}

	/// One call in eight is spoiled on purpose.
	fn spoil(&mut self) -> bool {
		self.rng.chance(12)
	}

	fn hash(&mut self) -> H256 {
		H256::from_low_u64_be(self.rng.next_u64())
	}

	fn actor(&mut self, world: &World) -> AccountId {
		self.rng.pick(world.actors).expect("there are actors")
	}

	/// Registered participants (suspended ones too: they try as well) holding any of `roles`,
	/// that sign (not the contract).
	fn with_role(&self, world: &World, roles: &[Role]) -> Vec<AccountId> {
		world
			.snap
			.participants
			.iter()
			.filter(|(who, p)| {
				world.actors.contains(who) && roles.iter().any(|r| p.roles.contains(r))
			})
			.map(|(who, _)| who.clone())
			.collect()
	}

	fn active_with_role(&self, world: &World, roles: &[Role]) -> Vec<AccountId> {
		world
			.snap
			.participants
			.iter()
			.filter(|(_, p)| {
				p.status == ParticipantStatus::Active && roles.iter().any(|r| p.roles.contains(r))
			})
			.map(|(who, _)| who.clone())
			.collect()
	}

	/// A signer in one of `roles` (now and then a suspended one), or (spoiled) anyone.
	fn signer_in(&mut self, world: &World, roles: &[Role], spoil: bool) -> Option<AccountId> {
		if spoil {
			return Some(self.actor(world));
		}
		let active: Vec<AccountId> = self
			.active_with_role(world, roles)
			.into_iter()
			.filter(|who| world.actors.contains(who))
			.collect();
		if active.is_empty() || self.rng.chance(10) {
			return self.rng.pick(&self.with_role(world, roles));
		}
		self.rng.pick(&active)
	}

	/// Whether `who` is an active participant.
	fn is_active(world: &World, who: &AccountId) -> bool {
		world.snap.participants.get(who).is_some_and(|p| p.status == ParticipantStatus::Active)
	}

	/// Patients: the actors who are not participants (and now and then anyone).
	fn patient(&mut self, world: &World) -> AccountId {
		if self.rng.chance(10) {
			return self.actor(world);
		}
		let patients: Vec<AccountId> = world
			.actors
			.iter()
			.filter(|a| !world.snap.participants.contains_key(*a))
			.cloned()
			.collect();
		self.rng.pick(&patients).unwrap_or_else(|| self.actor(world))
	}

	/// The patient, or (if they have one) sometimes a guardian of theirs, to act for `patient`.
	fn patient_side(&mut self, world: &World, patient: &AccountId, spoil: bool) -> AccountId {
		if spoil {
			return self.actor(world);
		}
		let guardians: Vec<AccountId> = world
			.snap
			.guardians
			.get(patient)
			.map(|gs| gs.iter().map(|g| g.account.clone()).collect())
			.unwrap_or_default();
		if !guardians.is_empty() && self.rng.chance(30) {
			return self.rng.pick(&guardians).expect("not empty");
		}
		patient.clone()
	}

	fn plan(kind: &'static str, signer: AccountId, call: RuntimeCall) -> Option<Planned> {
		Some(Planned { kind, signer, call, registry_target: None, motion_target: None })
	}

	// --- balances and governance -----------------------------------------------------------

	fn transfer(&mut self, world: &World) -> Option<Planned> {
		let from = self.actor(world);
		let to = if self.rng.chance(5) { world.contract.clone() } else { self.actor(world) };
		let value = if self.spoil() {
			10_000_000 * UNIT // more than anyone has
		} else {
			u128::from(self.rng.range(1, 1_000)) * UNIT
		};
		let call = if self.rng.chance(70) {
			BalancesCall::transfer_keep_alive { dest: MultiAddress::Id(to), value }
		} else {
			BalancesCall::transfer_allow_death { dest: MultiAddress::Id(to), value }
		};
		Self::plan("balances.transfer", from, RuntimeCall::Balances(call))
	}

	/// A participants call governance could make, and who it is about.
	fn registry_call(
		&mut self,
		world: &World,
	) -> Option<(pallet_participants::Call<Runtime>, AccountId)> {
		use pallet_participants::Call as P;
		let participants = &world.snap.participants;
		let active: Vec<AccountId> = participants
			.iter()
			.filter(|(_, p)| p.status == ParticipantStatus::Active)
			.map(|(w, _)| w.clone())
			.collect();
		let suspended: Vec<AccountId> = participants
			.iter()
			.filter(|(_, p)| p.status == ParticipantStatus::Suspended)
			.map(|(w, _)| w.clone())
			.collect();
		// A few participants are suspended at any time: they keep trying, and must fail.
		let roll = match suspended.len() {
			0 | 1 => self.rng.range(1, 45),
			2 | 3 => self.rng.range(1, 100),
			_ => self.rng.range(46, 100),
		};
		if roll <= 45 {
			let who = self.rng.pick(&active)?;
			Some((P::suspend { who: who.clone() }, who))
		} else if roll <= 80 {
			let who = if self.rng.chance(90) { self.rng.pick(&suspended) } else { None };
			let who = who.or_else(|| self.rng.pick(&active))?;
			Some((P::reinstate { who: who.clone() }, who))
		} else if roll <= 90 {
			// One role more or less (never the hold authority's, which needs a contract).
			let who = self.rng.pick(&active)?;
			let current = participants.get(&who)?;
			let mut roles: Vec<Role> = current.roles.iter().copied().collect();
			let role = self.rng.pick(&Role::ALL[..10])?;
			if let Some(i) = roles.iter().position(|r| *r == role) {
				if roles.len() > 1 {
					roles.remove(i);
				}
			} else {
				roles.push(role);
			}
			let gln = current.gln.map(|g| g.get());
			Some((
				P::update {
					who: who.clone(),
					roles: bounded(roles),
					gln,
					name_commitment: current.name_commitment,
				},
				who,
			))
		} else {
			let who = self.rng.pick(world.newcomers)?;
			if participants.contains_key(&who) {
				Some((P::remove { who: who.clone() }, who))
			} else {
				let role = self.rng.pick(&[Role::Researcher, Role::Pharmacy, Role::Clinician])?;
				let gln = (role == Role::Pharmacy).then_some(4_006_381_000_048);
				Some((
					P::register {
						who: who.clone(),
						roles: bounded(vec![role]),
						gln,
						name_commitment: self.hash(),
					},
					who,
				))
			}
		}
	}

	fn propose(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let member = if spoil { self.actor(world) } else { self.rng.pick(world.council)? };
		let (call, target) = self.registry_call(world)?;
		let proposal = RuntimeCall::Participants(call);
		let length_bound = proposal.encoded_size() as u32;
		// Two of three pass a motion; a threshold of one executes at once, as one member.
		let threshold = if self.rng.chance(5) { 1 } else { 2 };
		let call = RuntimeCall::Council(pallet_collective::Call::propose {
			threshold,
			proposal: Box::new(proposal),
			length_bound,
		});
		Some(Planned {
			kind: "council.propose",
			signer: member,
			call,
			registry_target: None,
			motion_target: Some(target),
		})
	}

	fn vote(&mut self, world: &World) -> Option<Planned> {
		let motion = self.rng.pick(world.motions)?;
		let voter = if self.spoil() { self.actor(world) } else { self.rng.pick(world.council)? };
		let approve = self.rng.chance(85);
		let call = RuntimeCall::Council(pallet_collective::Call::vote {
			proposal: motion.hash,
			index: motion.index,
			approve,
		});
		Self::plan("council.vote", voter, call)
	}

	fn close(&mut self, world: &World) -> Option<Planned> {
		let motion = self.rng.pick(world.motions)?;
		let closer =
			if self.rng.chance(70) { self.rng.pick(world.council)? } else { self.actor(world) };
		let call = RuntimeCall::Council(pallet_collective::Call::close {
			proposal_hash: motion.hash,
			index: motion.index,
			proposal_weight_bound: Weight::from_parts(10_000_000_000, 1_000_000),
			length_bound: motion.len,
		});
		Some(Planned {
			kind: "council.close",
			signer: closer,
			call,
			registry_target: Some(motion.target.clone()),
			motion_target: None,
		})
	}

	fn sudo(&mut self, world: &World) -> Option<Planned> {
		let signer = if self.spoil() { self.actor(world) } else { world.sudo.clone() };
		let (call, target) = self.registry_call(world)?;
		let call = RuntimeCall::Sudo(pallet_sudo::Call::sudo {
			call: Box::new(RuntimeCall::Participants(call)),
		});
		Some(Planned {
			kind: "sudo(participants)",
			signer,
			call,
			registry_target: Some(target),
			motion_target: None,
		})
	}

	// --- consent ---------------------------------------------------------------------------

	fn codes<T: Copy + PartialEq>(&mut self, all: &[T], spoil: bool) -> Vec<T> {
		let n = self.rng.range(0, 2) as usize;
		let mut codes = self.rng.sample(all, n);
		if spoil && !codes.is_empty() {
			codes.push(codes[0]); // a code twice
		}
		codes
	}

	fn rule(&mut self, now: u64, spoil: bool) -> Rule {
		let data_period = self.rng.chance(20).then(|| {
			let from = now.saturating_sub(self.rng.range(0, 365) * DAY);
			let to = from + self.rng.range(0, 400) * DAY;
			if spoil {
				DataPeriod { from: to + 1, to: from }
			} else {
				DataPeriod { from, to }
			}
		});
		Rule {
			purposes: bounded(self.codes(&Purpose::ALL, spoil)),
			data_tags: bounded(self.codes(&tags(), false)),
			actions: bounded(self.codes(&Action::ALL, false)),
			data_period,
		}
	}

	fn provisions(
		&mut self,
		now: u64,
		permits_only: bool,
		spoil: bool,
	) -> pallet_consent::ProvisionsOf<Runtime> {
		let n = if spoil && self.rng.chance(30) { 0 } else { self.rng.range(1, 3) };
		let provisions = (0..n)
			.map(|i| {
				let kind = if permits_only || self.rng.chance(70) {
					ProvisionType::Permit
				} else {
					ProvisionType::Deny
				};
				let exceptions =
					if self.rng.chance(25) { vec![self.rule(now, false)] } else { Vec::new() };
				Provision {
					kind,
					rule: self.rule(now, spoil && i == 0),
					exceptions: bounded(exceptions),
				}
			})
			.collect();
		bounded(provisions)
	}

	fn period(&mut self, now: u64, spoil: bool) -> (Option<u64>, Ends) {
		let starts_at = self.rng.chance(20).then(|| now + self.rng.range(1, 48) * HOUR);
		let ends = match self.rng.range(1, 10) {
			1 | 2 => Ends::Never,
			3..=7 => Ends::AfterDays(if spoil { 0 } else { self.rng.range(1, 30) as u32 }),
			_ => Ends::At(if spoil { now - 1 } else { now + self.rng.range(1, 20 * 24) * HOUR }),
		};
		(starts_at, ends)
	}

	fn grant_consent(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let now = world.snap.now;
		let patient = self.patient(world);
		let stranger = spoil && self.rng.chance(50);
		let signer = self.patient_side(world, &patient, stranger);
		let grantee = match self.rng.range(1, 10) {
			1..=4 => Grantee::Participant(
				self.rng
					.pick(&world.snap.participants.keys().cloned().collect::<Vec<_>>())
					.unwrap_or_else(|| self.actor(world)),
			),
			5..=7 => Grantee::Role(self.rng.pick(&Role::ALL)?),
			_ => Grantee::Account(self.actor(world)),
		};
		let (starts_at, ends) = self.period(now, spoil);
		let call = Cs::grant_consent {
			patient,
			grantee,
			provisions: self.provisions(now, false, spoil),
			starts_at,
			ends,
			policy: None,
		};
		Self::plan("consent.grant_consent", signer, RuntimeCall::Consent(call))
	}

	fn consent_where(
		&mut self,
		world: &World,
		keep: impl Fn(&pallet_consent::ConsentOf<Runtime>) -> bool,
	) -> Option<(u64, pallet_consent::ConsentOf<Runtime>)> {
		let ids: Vec<u64> =
			world.snap.consents.iter().filter(|(_, c)| keep(c)).map(|(id, _)| *id).collect();
		let id = self.rng.pick(&ids)?;
		Some((id, world.snap.consents.get(&id)?.clone()))
	}

	fn revoke_consent(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let (consent, c) =
			self.consent_where(world, |c| c.state == ConsentState::Granted || spoil)?;
		let signer = self.patient_side(world, &c.patient, spoil);
		Self::plan(
			"consent.revoke_consent",
			signer,
			RuntimeCall::Consent(Cs::revoke_consent { consent }),
		)
	}

	fn purge_consent(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let now = world.snap.now;
		let (consent, _) = self.consent_where(world, |c| {
			spoil
				|| matches!(
					c.status_at(now),
					pallet_consent::ConsentStatus::Revoked | pallet_consent::ConsentStatus::Expired
				)
		})?;
		let signer = self.actor(world);
		Self::plan(
			"consent.purge_consent",
			signer,
			RuntimeCall::Consent(Cs::purge_consent { consent }),
		)
	}

	fn request_consent(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let now = world.snap.now;
		let requester = if spoil {
			self.actor(world)
		} else {
			self.rng.pick(
				&world
					.snap
					.participants
					.keys()
					.filter(|w| world.actors.contains(*w))
					.cloned()
					.collect::<Vec<_>>(),
			)?
		};
		let patient = self.patient(world);
		let (starts_at, ends) = self.period(now, false);
		let call = Cs::request_consent {
			patient,
			provisions: self.provisions(now, !spoil, false),
			starts_at,
			ends,
			policy: None,
		};
		Self::plan("consent.request_consent", requester, RuntimeCall::Consent(call))
	}

	fn answer_request(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let ids: Vec<u64> = world
			.snap
			.requests
			.iter()
			.filter(|(_, r)| spoil || r.state == RequestState::Pending)
			.map(|(id, _)| *id)
			.collect();
		let request = self.rng.pick(&ids)?;
		let patient = world.snap.requests.get(&request)?.patient.clone();
		let signer = self.patient_side(world, &patient, spoil);
		let call = if self.rng.chance(75) {
			Cs::approve_request { request }
		} else {
			Cs::deny_request { request }
		};
		let kind = if matches!(call, Cs::approve_request { .. }) {
			"consent.approve_request"
		} else {
			"consent.deny_request"
		};
		Self::plan(kind, signer, RuntimeCall::Consent(call))
	}

	fn purge_request(&mut self, world: &World) -> Option<Planned> {
		let ids: Vec<u64> = world.snap.requests.keys().copied().collect();
		let request = self.rng.pick(&ids)?;
		let signer = self.actor(world);
		Self::plan(
			"consent.purge_request",
			signer,
			RuntimeCall::Consent(Cs::purge_request { request }),
		)
	}

	fn add_guardian(&mut self, world: &World) -> Option<Planned> {
		let patient = self.patient(world);
		let guardian = if self.spoil() { patient.clone() } else { self.actor(world) };
		Self::plan(
			"consent.add_guardian",
			patient,
			RuntimeCall::Consent(Cs::add_guardian { guardian }),
		)
	}

	fn remove_guardian(&mut self, world: &World) -> Option<Planned> {
		let with: Vec<AccountId> = world.snap.guardians.keys().cloned().collect();
		let patient = self.rng.pick(&with)?;
		let guardian = self.rng.pick(
			&world
				.snap
				.guardians
				.get(&patient)?
				.iter()
				.map(|g| g.account.clone())
				.collect::<Vec<_>>(),
		)?;
		let signer = if self.spoil() { guardian.clone() } else { patient };
		Self::plan(
			"consent.remove_guardian",
			signer,
			RuntimeCall::Consent(Cs::remove_guardian { guardian }),
		)
	}

	fn break_glass(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let stranger = spoil && self.rng.chance(50);
		let clinician = self.signer_in(world, &[Role::Clinician], stranger)?;
		let patient = self.patient(world);
		// The patient's emergency handle, from a tag secret of its own (the registry never
		// sees whose it is).
		let subject = EmergencyHandle::of(&sp_core::blake2_256(patient.as_ref()), patient.as_ref());
		let minutes =
			if spoil && self.rng.chance(50) { 24 * 60 } else { self.rng.range(1, 12 * 60) as u32 };
		let reason = self.rng.pick(&[EmergencyReason::ETREAT, EmergencyReason::BTG])?;
		Self::plan(
			"consent.break_glass",
			clinician,
			RuntimeCall::Consent(Cs::break_glass { subject, reason, minutes }),
		)
	}

	fn review_break_glass(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let episode = self.rng.pick(&world.snap.episodes.keys().copied().collect::<Vec<_>>())?;
		let auditor = self.signer_in(world, &[Role::Auditor], spoil)?;
		let finding =
			self.rng.pick(&[Finding::Justified, Finding::Unjustified, Finding::Inconclusive])?;
		let call = Cs::review_break_glass { episode, finding, report_hash: self.hash() };
		Self::plan("consent.review_break_glass", auditor, RuntimeCall::Consent(call))
	}

	fn confirm_consent(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let (consent, c) = self.consent_where(world, |c| {
			spoil || (c.granted_by != c.patient && c.confirmed_at.is_none())
		})?;
		let signer = if spoil { c.granted_by.clone() } else { c.patient };
		Self::plan(
			"consent.confirm_consent",
			signer,
			RuntimeCall::Consent(Cs::confirm_consent { consent }),
		)
	}

	// --- drug tracking: products, batches, serials -----------------------------------------

	fn register_product(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		if world.snap.products.len() >= 16 && !spoil {
			return None;
		}
		let signer = self.signer_in(world, &[Role::Manufacturer], spoil)?;
		let body = 1_061_414_100_000 + self.fresh();
		let gtin =
			body * 10 + u64::from(gs1_check_digit(body)) + u64::from(spoil && self.rng.chance(50));
		let storage = self.rng.pick(&[
			TemperatureRange { min: 20, max: 80 },
			TemperatureRange { min: 150, max: 250 },
			TemperatureRange { min: 20, max: 250 },
			TemperatureRange { min: -250, max: -150 },
		])?;
		let call = Dt::register_product {
			gtin,
			ndc: self.rng.chance(30).then(|| text("0002-3227-30")),
			name_hash: self.hash(),
			dosage_form: pallet_drug_tracking::DosageForm::Tablet,
			storage,
		};
		Self::plan("tracking.register_product", signer, RuntimeCall::DrugTracking(call))
	}

	fn create_batch(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let any = spoil || self.rng.chance(10);
		let (gtin, product) = {
			let products: Vec<_> = world
				.snap
				.products
				.iter()
				.filter(|(_, p)| any || Self::is_active(world, &p.manufacturer))
				.map(|(g, p)| (*g, p.manufacturer.clone()))
				.collect();
			self.rng.pick(&products)?
		};
		let live = world.snap.batches.values().filter(|b| b.recall.is_none()).count();
		if live >= 30 && !spoil {
			return None;
		}
		let signer = if spoil && self.rng.chance(50) { self.actor(world) } else { product };
		let lot = format!("L{}", self.fresh());
		// Mostly years ahead; some expire while the run goes on (it spans weeks).
		let expiry = if spoil && self.rng.chance(50) {
			250_101
		} else if self.rng.chance(15) {
			yymmdd(world.snap.now + self.rng.range(5, 40) * DAY)
		} else {
			270_000 + self.rng.range(1, 12) as u32 * 100 + self.rng.range(1, 28) as u32
		};
		let quantity = if spoil && self.rng.chance(30) { 0 } else { self.rng.range(5, 30) as u32 };
		let call = Dt::create_batch { gtin: gtin.get(), lot: text(&lot), expiry, quantity };
		Self::plan("tracking.create_batch", signer, RuntimeCall::DrugTracking(call))
	}

	fn commission_serials(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let snap = world.snap;
		let unnamed_of = |id: &BatchId, maker: &AccountId| {
			let held = snap.stock.get(&(*id, maker.clone())).copied().unwrap_or(0);
			held.saturating_sub(snap.named.get(&(*id, maker.clone())).copied().unwrap_or(0))
		};
		// Mostly batches whose manufacturer still holds units without a serial; now and then
		// any (its units may all be named, or shipped away).
		let any = spoil || self.rng.chance(10);
		let (batch_id, batch) = {
			let batches: Vec<_> = snap
				.batches
				.iter()
				.filter(|(id, b)| {
					any || (b.commissioned < b.quantity && unnamed_of(id, &b.manufacturer) > 0)
				})
				.map(|(id, b)| (*id, b.clone()))
				.collect();
			self.rng.pick(&batches)?
		};
		let maker = batch.manufacturer.clone();
		let held = snap.stock.get(&(batch_id, maker.clone())).copied().unwrap_or(0);
		let named = snap.named.get(&(batch_id, maker.clone())).copied().unwrap_or(0);
		let unnamed = u64::from(held.saturating_sub(named));
		let left = u64::from(batch.quantity - batch.commissioned.min(batch.quantity));
		// Spoiled: more than the units in hand without a serial (but no more than the batch
		// has left), or a serial already taken.
		let count = if spoil {
			(unnamed + self.rng.range(1, 3)).min(left.max(1))
		} else {
			self.rng.range(1, unnamed.clamp(1, 5))
		};
		let mut serials: Vec<_> = (0..count).map(|_| text(&format!("S{}", self.fresh()))).collect();
		if spoil && self.rng.chance(20) {
			if let Some(((_, taken), _)) = snap.serials.iter().find(|((g, _), _)| *g == batch.gtin)
			{
				serials[0] = taken.clone();
			}
		}
		let signer = if spoil && self.rng.chance(25) { self.actor(world) } else { maker };
		let call = Dt::commission_serials { batch: batch_id, serials: bounded(serials) };
		Self::plan("tracking.commission_serials", signer, RuntimeCall::DrugTracking(call))
	}

	// --- drug tracking: shipments ------------------------------------------------------------

	/// The packs `holder` has by name of `batch` that can travel.
	fn shippable_packs(snap: &Snapshot, batch: &BatchId, holder: &AccountId) -> Vec<PackKey> {
		snap.serials
			.iter()
			.filter(|(_, s)| {
				&s.batch == batch
					&& &s.custodian == holder
					&& s.state == SerialState::Active
					&& s.suspect.is_none()
			})
			.map(|(k, _)| k.clone())
			.collect()
	}

	fn ship(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let snap = world.snap;
		let movable = |b: &BatchId| {
			snap.batches.get(b).is_some_and(|b| b.recall.is_none())
				&& !snap.holds.contains_key(&HoldSubject::Batch(*b))
		};
		let any_state = spoil || self.rng.chance(10);
		let holdings: Vec<(BatchId, AccountId)> = snap
			.stock
			.keys()
			.filter(|(b, h)| {
				world.actors.contains(h) && (any_state || (Self::is_active(world, h) && movable(b)))
			})
			.cloned()
			.collect();
		let (first, sender) = self.rng.pick(&holdings)?;
		let storage_of = |b: &BatchId| {
			snap.batches.get(b).and_then(|b| snap.products.get(&b.gtin)).map(|p| p.storage)
		};
		let mut batches = vec![first];
		if self.rng.chance(30) {
			// A second batch that can travel at the same temperature.
			let range = storage_of(&first)?;
			let others: Vec<BatchId> = holdings
				.iter()
				.filter(|(b, h)| h == &sender && b != &first)
				.filter(|(b, _)| {
					storage_of(b).is_some_and(|r| r.min.max(range.min) <= r.max.min(range.max))
				})
				.map(|(b, _)| *b)
				.collect();
			batches.extend(self.rng.pick(&others));
		}
		let mut lines = Vec::new();
		let mut packs = Vec::new();
		let mut storage: Option<TemperatureRange> = None;
		for batch in batches {
			let held = u64::from(snap.stock.get(&(batch, sender.clone())).copied().unwrap_or(0));
			let named = u64::from(snap.named.get(&(batch, sender.clone())).copied().unwrap_or(0));
			let own = Self::shippable_packs(snap, &batch, &sender);
			let k = self.rng.range(0, own.len().min(3) as u64) as usize;
			let chosen = self.rng.sample(&own, k);
			let extra = self.rng.range(0, held.saturating_sub(named));
			let quantity = ((chosen.len() as u64 + extra).max(1)
				+ u64::from(spoil && self.rng.chance(30))) as u32;
			lines.push(ShipmentLine { batch, quantity });
			packs.extend(chosen.into_iter().map(|(gtin, serial)| PackId { gtin, serial }));
			let product = snap.batches.get(&batch).and_then(|b| snap.products.get(&b.gtin))?;
			storage = Some(match storage {
				None => product.storage,
				Some(s) => TemperatureRange {
					min: s.min.max(product.storage.min),
					max: s.max.min(product.storage.max),
				},
			});
		}
		let handlers = self.active_with_role(
			world,
			&[Role::Wholesaler, Role::Pharmacy, Role::Hospital, Role::Manufacturer],
		);
		let receiver = if spoil && self.rng.chance(30) {
			self.actor(world)
		} else {
			self.rng.pick(&handlers.into_iter().filter(|h| h != &sender).collect::<Vec<_>>())?
		};
		let carrier =
			if self.rng.chance(60) { self.signer_in(world, &[Role::Carrier], false) } else { None };
		let now = snap.now;
		let expected_arrival = match (spoil, self.rng.range(1, 3)) {
			(true, 1) => now + 45 * DAY,
			(true, 2) => now.saturating_sub(1),
			_ => now + self.rng.range(1, 72) * HOUR,
		};
		let mut temperature = storage?;
		if spoil && self.rng.chance(40) {
			temperature = TemperatureRange { min: -400, max: 700 };
		}
		let call = Dt::ship {
			receiver,
			carrier,
			lines: bounded(lines),
			packs: bounded(packs),
			expected_arrival,
			temperature,
		};
		Self::plan("tracking.ship", sender, RuntimeCall::DrugTracking(call))
	}

	fn in_transit(
		&mut self,
		world: &World,
	) -> Option<(u64, pallet_drug_tracking::ShipmentOf<Runtime>)> {
		let ids: Vec<u64> = world
			.snap
			.shipments
			.iter()
			.filter(|(_, s)| s.status == ShipmentStatus::InTransit)
			.map(|(id, _)| *id)
			.collect();
		let id = self.rng.pick(&ids)?;
		Some((id, world.snap.shipments.get(&id)?.clone()))
	}

	fn receive(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let snap = world.snap;
		let receivable = |s: &pallet_drug_tracking::ShipmentOf<Runtime>| {
			s.lines.iter().all(|l| snap.batches.get(&l.batch).is_some_and(|b| b.recall.is_none()))
		};
		let any = spoil || self.rng.chance(10);
		let ids: Vec<u64> = snap
			.shipments
			.iter()
			.filter(|(_, s)| s.status == ShipmentStatus::InTransit && (any || receivable(s)))
			.map(|(id, _)| *id)
			.collect();
		let shipment = self.rng.pick(&ids)?;
		let s = snap.shipments.get(&shipment)?.clone();
		let counted: Vec<u32> = s
			.lines
			.iter()
			.map(|line| {
				if self.rng.chance(15) {
					let on_line = s
						.packs
						.iter()
						.filter(|p| {
							world
								.snap
								.serials
								.get(&(p.gtin, p.serial.clone()))
								.is_some_and(|x| x.batch == line.batch)
						})
						.count() as u64;
					self.rng.range(on_line, u64::from(line.quantity)) as u32
				} else {
					line.quantity + u32::from(spoil)
				}
			})
			.collect();
		let signer = if spoil && self.rng.chance(50) { self.actor(world) } else { s.receiver };
		let call = Dt::receive { shipment, counted: bounded(counted) };
		Self::plan("tracking.receive", signer, RuntimeCall::DrugTracking(call))
	}

	fn reject(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let (shipment, s) = self.in_transit(world)?;
		let signer = if spoil { s.sender } else { s.receiver };
		Self::plan(
			"tracking.reject",
			signer,
			RuntimeCall::DrugTracking(Dt::reject { shipment, reason_hash: self.hash() }),
		)
	}

	fn record_event(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let snap = world.snap;
		let regulators = self.with_role(world, &[Role::Regulator]);
		let (subject, signer) = if self.rng.chance(60) {
			let (id, s) = self.in_transit(world)?;
			let mut parties = vec![s.sender, s.receiver];
			parties.extend(s.carrier);
			parties.extend(self.rng.pick(&regulators));
			(EventSubject::Shipment(id), self.rng.pick(&parties)?)
		} else {
			let batches: Vec<_> =
				snap.batches.iter().map(|(id, b)| (*id, b.manufacturer.clone())).collect();
			let (id, maker) = self.rng.pick(&batches)?;
			let mut parties: Vec<AccountId> =
				snap.stock.keys().filter(|(b, _)| b == &id).map(|(_, h)| h.clone()).collect();
			parties.push(maker);
			parties.extend(self.rng.pick(&regulators));
			(EventSubject::Batch(id), self.rng.pick(&parties)?)
		};
		let signer = if spoil && self.rng.chance(50) { self.actor(world) } else { signer };
		let corrects = if self.rng.chance(20) {
			let own: Vec<u64> = snap
				.events
				.iter()
				.filter(|(_, e)| spoil || (e.recorded_by == signer && e.subject == subject))
				.map(|(id, _)| *id)
				.collect();
			self.rng.pick(&own)
		} else {
			None
		};
		let read_point = self.rng.chance(50).then_some(if spoil {
			4_006_381_000_049
		} else {
			4_006_381_000_031
		});
		let event = NewEvent {
			subject,
			biz_step: self.rng.pick(&[
				BizStep::Shipping,
				BizStep::Transporting,
				BizStep::Receiving,
				BizStep::Storing,
				BizStep::Inspecting,
			])?,
			disposition: self.rng.pick(&[
				Disposition::InTransit,
				Disposition::Active,
				Disposition::Damaged,
				Disposition::SellableAccessible,
			])?,
			read_point,
			when: snap.now,
			sensor: self.rng.chance(40).then(|| SensorSummary {
				min: 30,
				max: 90,
				minutes_outside: self.rng.range(0, 60) as u32,
			}),
			epcis_hash: self.hash(),
			corrects,
		};
		Self::plan(
			"tracking.record_event",
			signer,
			RuntimeCall::DrugTracking(Dt::record_event { event }),
		)
	}

	// --- drug tracking: the end of the chain -----------------------------------------------

	fn pack_where(
		&mut self,
		world: &World,
		keep: impl Fn(&pallet_drug_tracking::SerialOf<Runtime>) -> bool,
	) -> Option<(PackKey, pallet_drug_tracking::SerialOf<Runtime>)> {
		let keys: Vec<PackKey> =
			world.snap.serials.iter().filter(|(_, s)| keep(s)).map(|(k, _)| k.clone()).collect();
		let key = self.rng.pick(&keys)?;
		let serial = world.snap.serials.get(&key)?.clone();
		Some((key, serial))
	}

	fn decommission(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let dispensers = self.with_role(world, &[Role::Pharmacy, Role::Hospital]);
		let snap = world.snap;
		let any = self.rng.chance(10);
		let free = |s: &pallet_drug_tracking::SerialOf<Runtime>| {
			any || (s.suspect.is_none() && !snap.holds.contains_key(&HoldSubject::Batch(s.batch)))
		};
		let ((gtin, serial), s) = self.pack_where(world, |s| {
			spoil
				|| (s.state == SerialState::Active && dispensers.contains(&s.custodian) && free(s))
		})?;
		let signer = if spoil && self.rng.chance(50) { self.actor(world) } else { s.custodian };
		let reason = if self.rng.chance(60) {
			DecommissionReason::Dispensed
		} else {
			self.rng.pick(&[
				DecommissionReason::Destroyed,
				DecommissionReason::Sample,
				DecommissionReason::Stolen,
			])?
		};
		Self::plan(
			"tracking.decommission",
			signer,
			RuntimeCall::DrugTracking(Dt::decommission { gtin: gtin.get(), serial, reason }),
		)
	}

	fn reverse_decommission(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let now = world.snap.now;
		let window: u64 = <Runtime as pallet_drug_tracking::Config>::ReversalWindow::get();
		let late = spoil || self.rng.chance(15);
		let ((gtin, serial), s) = self.pack_where(
			world,
			|s| matches!(s.state, SerialState::Decommissioned { at, .. } if late || now < at + window),
		)?;
		let SerialState::Decommissioned { by, .. } = s.state else { return None };
		let signer = if spoil { self.actor(world) } else { by };
		Self::plan(
			"tracking.reverse_decommission",
			signer,
			RuntimeCall::DrugTracking(Dt::reverse_decommission { gtin: gtin.get(), serial }),
		)
	}

	fn scan(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let ((gtin, serial), s) = self.pack_where(world, |_| true)?;
		let batch = world.snap.batches.get(&s.batch)?.clone();
		let signer = self.signer_in(
			world,
			&[
				Role::Manufacturer,
				Role::Wholesaler,
				Role::Pharmacy,
				Role::Hospital,
				Role::Regulator,
			],
			spoil,
		)?;
		let lot = if spoil && self.rng.chance(50) { text("WRONG") } else { batch.lot };
		let call = Dt::scan { gtin: gtin.get(), serial, lot, expiry: batch.expiry };
		Self::plan("tracking.scan", signer, RuntimeCall::DrugTracking(call))
	}

	fn recall(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let batches: Vec<_> = world
			.snap
			.batches
			.iter()
			.filter(|(_, b)| b.recall.is_none() || spoil)
			.map(|(id, b)| (*id, b.manufacturer.clone()))
			.collect();
		let (batch, maker) = self.rng.pick(&batches)?;
		let signer = if spoil {
			self.actor(world)
		} else if self.rng.chance(50) {
			maker
		} else {
			self.rng.pick(&self.with_role(world, &[Role::Regulator]))?
		};
		let class =
			self.rng.pick(&[RecallClass::ClassI, RecallClass::ClassII, RecallClass::ClassIII])?;
		Self::plan(
			"tracking.recall",
			signer,
			RuntimeCall::DrugTracking(Dt::recall { batch, class, reason_hash: self.hash() }),
		)
	}

	/// Something to hold: a batch, or a shipment in transit.
	fn hold_subject(&mut self, world: &World) -> Option<HoldSubject> {
		if self.rng.chance(50) {
			if let Some((id, _)) = self.in_transit(world) {
				return Some(HoldSubject::Shipment(id));
			}
		}
		let batches: Vec<BatchId> = world.snap.batches.keys().copied().collect();
		self.rng.pick(&batches).map(HoldSubject::Batch)
	}

	fn place_hold(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let subject = self.hold_subject(world)?;
		let signer = self.signer_in(world, &[Role::Regulator], spoil)?;
		Self::plan(
			"tracking.place_hold",
			signer,
			RuntimeCall::DrugTracking(Dt::place_hold { subject, reason_hash: self.hash() }),
		)
	}

	fn release_hold(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let mut subjects: Vec<(HoldSubject, AccountId)> =
			world.snap.holds.iter().map(|(s, h)| (*s, h.by.clone())).collect();
		subjects.extend(world.snap.overrides.keys().cloned());
		let (subject, placer) = self.rng.pick(
			&subjects
				.into_iter()
				.filter(|(_, p)| world.actors.contains(p) || spoil)
				.collect::<Vec<_>>(),
		)?;
		let signer = if spoil || !world.actors.contains(&placer) {
			self.rng.pick(&self.with_role(world, &[Role::Regulator]))?
		} else {
			placer
		};
		Self::plan(
			"tracking.release_hold",
			signer,
			RuntimeCall::DrugTracking(Dt::release_hold { subject, resolution_hash: self.hash() }),
		)
	}

	fn override_hold(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let holds: Vec<(HoldSubject, AccountId)> =
			world.snap.holds.iter().map(|(s, h)| (*s, h.by.clone())).collect();
		let (subject, placer) = self.rng.pick(&holds)?;
		let regulators: Vec<AccountId> = self
			.with_role(world, &[Role::Regulator])
			.into_iter()
			.filter(|r| spoil || r != &placer)
			.collect();
		let signer = if spoil && self.rng.chance(50) {
			self.actor(world)
		} else {
			self.rng.pick(&regulators)?
		};
		Self::plan(
			"tracking.override_hold",
			signer,
			RuntimeCall::DrugTracking(Dt::override_hold { subject, reason_hash: self.hash() }),
		)
	}

	/// A pack with open clone reports (or a suspect one).
	fn reported_pack(&mut self, world: &World) -> Option<PackKey> {
		let keys: Vec<PackKey> = world.snap.reports.keys().cloned().collect();
		self.rng.pick(&keys)
	}

	fn clear_suspect(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let (gtin, serial) = self.reported_pack(world)?;
		let signer = self.signer_in(world, &[Role::Regulator], spoil)?;
		Self::plan(
			"tracking.clear_suspect",
			signer,
			RuntimeCall::DrugTracking(Dt::clear_suspect { gtin: gtin.get(), serial }),
		)
	}

	fn confirm_clone_report(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let (gtin, serial) = self.reported_pack(world)?;
		let signer = self.signer_in(world, &[Role::Regulator], spoil)?;
		Self::plan(
			"tracking.confirm_clone_report",
			signer,
			RuntimeCall::DrugTracking(Dt::confirm_clone_report { gtin: gtin.get(), serial }),
		)
	}

	fn clear_batch_suspects(&mut self, world: &World) -> Option<Planned> {
		let spoil = self.spoil();
		let batches: Vec<BatchId> = world.snap.reports.values().map(|(b, _)| *b).collect();
		let batch = self.rng.pick(&batches)?;
		let signer = self.signer_in(world, &[Role::Regulator], spoil)?;
		Self::plan(
			"tracking.clear_batch_suspects",
			signer,
			RuntimeCall::DrugTracking(Dt::clear_batch_suspects { batch }),
		)
	}

	// --- the hold-authority contract -------------------------------------------------------

	/// A call of the hold-authority contract that forwards `input` to chain extension
	/// function `function`.
	fn contract_call(world: &World, function: u16, input: impl Encode) -> RuntimeCall {
		let id = (u32::from(EXTENSION_ID) << 16) | u32::from(function);
		let mut data = id.encode();
		data.extend(input.encode());
		RuntimeCall::Contracts(pallet_contracts::Call::call {
			dest: MultiAddress::Id(world.contract.clone()),
			value: 0,
			gas_limit: Weight::from_parts(20_000_000_000, 1_000_000),
			storage_deposit_limit: None,
			data,
		})
	}

	fn contract_place_hold(&mut self, world: &World) -> Option<Planned> {
		let subject = self.hold_subject(world)?;
		let signer = self.actor(world);
		let call = Self::contract_call(
			world,
			func::PLACE_HOLD,
			PlaceHold { subject, reason: self.hash().0 },
		);
		Self::plan("contract.place_hold", signer, call)
	}

	fn contract_release_hold(&mut self, world: &World) -> Option<Planned> {
		let mut subjects: Vec<HoldSubject> = world
			.snap
			.holds
			.iter()
			.filter(|(_, h)| &h.by == world.contract)
			.map(|(s, _)| *s)
			.collect();
		subjects.extend(
			world.snap.overrides.keys().filter(|(_, p)| p == world.contract).map(|(s, _)| *s),
		);
		let subject =
			if self.spoil() { self.hold_subject(world)? } else { self.rng.pick(&subjects)? };
		let signer = self.actor(world);
		let call = Self::contract_call(
			world,
			func::RELEASE_HOLD,
			ReleaseHold { subject, resolution: self.hash().0 },
		);
		Self::plan("contract.release_hold", signer, call)
	}
}

#[test]
fn expiry_dates_are_the_calendar_dates() {
	let new_year_2026 = super::chain::GENESIS_TIME;
	assert_eq!(yymmdd(new_year_2026), 260_101);
	assert_eq!(yymmdd(new_year_2026 + 59 * DAY), 260_301); // 2026 is no leap year
	assert_eq!(yymmdd(new_year_2026 + 365 * DAY - 1), 261_231);
	// The pallet reads them back as the end of that day.
	let end = pallet_drug_tracking::expiry_end(yymmdd(new_year_2026 + 40 * DAY));
	assert_eq!(end, Some(new_year_2026 + 41 * DAY));
}

/// The fuzzed patients' data classes, as tags (one secret for all: the registry only compares
/// tags).
fn tags() -> Vec<DataTag> {
	DataClass::ALL.iter().map(|class| class.tag(&[5; 32])).collect()
}
