//! The invariants checked around every call and every block's hooks, written out rule by
//! rule from the pallets' documented authorisation.
//!
//! Each rule compares the state before (`pre`) and after (`post`) one signed call by `X` (the
//! signer; with the hold-authority contract also acting when `X` calls it) and names what it
//! found if it was broken. Roles are read from `pre`: what `X` may do is decided by who it
//! was when it signed.

use super::{
	chain::Names,
	state::{in_pallet, item_name, Funds, PackKey, Snapshot},
};
use crate::{AccountId, Balance, Runtime, RuntimeCall, RuntimeEvent};
use codec::Encode;
use medchain_primitives::participants::Role;
use pallet_consent::{ConsentState, ConsentStatus, Grantee, RequestState};
use pallet_drug_tracking::{HoldSubject, SerialState, ShipmentStatus};
use pallet_participants::ParticipantStatus;
use sp_runtime::{transaction_validity::TransactionValidityError, DispatchError};
use std::{
	collections::{BTreeMap, BTreeSet},
	rc::Rc,
};

/// What became of a signed call.
#[derive(Clone, Debug)]
pub enum Outcome {
	/// Included in the block; the dispatch's result.
	Included(Result<(), DispatchError>),
	/// Refused before dispatch (bad nonce, cannot pay, block full ...): not included.
	Invalid(TransactionValidityError),
}

/// One signed call, as the rules see it.
pub struct CallContext<'a> {
	pub signer: &'a AccountId,
	pub call: &'a RuntimeCall,
	pub outcome: &'a Outcome,
	/// The call's events.
	pub events: &'a [RuntimeEvent],
	/// The hold-authority contract (see [`super::chain::forwarder_contract`]).
	pub contract: &'a AccountId,
	/// The participant a governance call the signer made may change: the `who` of a
	/// participants call inside `Sudo::sudo` (from the sudo key) or inside the council motion
	/// `Council::close` closes.
	pub registry_target: Option<AccountId>,
}

/// A change of one map entry.
enum Change<'a, V> {
	Added(&'a V),
	Removed(&'a V),
	Modified(&'a V, &'a V),
}

/// Whether two records are the same, by their SCALE encoding (the pallets' records with bound
/// parameters do not all implement `PartialEq`).
fn same<V: Encode>(a: &V, b: &V) -> bool {
	a.using_encoded(|a| b.using_encoded(|b| a == b))
}

/// The entries that differ between two versions of a map (none if they are the same one).
fn diff<'a, K: Ord, V: Encode>(
	pre: &'a Rc<BTreeMap<K, V>>,
	post: &'a Rc<BTreeMap<K, V>>,
) -> Vec<(&'a K, Change<'a, V>)> {
	if Rc::ptr_eq(pre, post) {
		return Vec::new();
	}
	let mut out = Vec::new();
	let (mut a, mut b) = (pre.iter().peekable(), post.iter().peekable());
	loop {
		match (a.peek(), b.peek()) {
			(None, None) => break,
			(Some((k, v)), None) => {
				out.push((*k, Change::Removed(*v)));
				a.next();
			}
			(None, Some((k, v))) => {
				out.push((*k, Change::Added(*v)));
				b.next();
			}
			(Some((ka, va)), Some((kb, vb))) => match ka.cmp(kb) {
				std::cmp::Ordering::Less => {
					out.push((*ka, Change::Removed(*va)));
					a.next();
				}
				std::cmp::Ordering::Greater => {
					out.push((*kb, Change::Added(*vb)));
					b.next();
				}
				std::cmp::Ordering::Equal => {
					if !same(*va, *vb) {
						out.push((*ka, Change::Modified(*va, *vb)));
					}
					a.next();
					b.next();
				}
			},
		}
	}
	out
}

/// The fee the call paid, and who paid it (`TransactionFeePaid`).
pub fn fee_paid(events: &[RuntimeEvent]) -> Option<(AccountId, Balance)> {
	events.iter().find_map(|e| match e {
		RuntimeEvent::TransactionPayment(
			pallet_transaction_payment::Event::TransactionFeePaid { who, actual_fee, .. },
		) => Some((who.clone(), *actual_fee)),
		_ => None,
	})
}

/// Balance moved by a transfer the signer made: (from, to, amount).
fn transfers(ctx: &CallContext) -> Vec<(AccountId, AccountId, Balance)> {
	use pallet_balances::Call as B;
	if !matches!(ctx.outcome, Outcome::Included(Ok(()))) {
		return Vec::new();
	}
	let to = |dest: &crate::Address| match dest {
		sp_runtime::MultiAddress::Id(id) => Some(id.clone()),
		_ => None,
	};
	match ctx.call {
		RuntimeCall::Balances(
			B::transfer_keep_alive { dest, value } | B::transfer_allow_death { dest, value },
		) => to(dest).map(|to| (ctx.signer.clone(), to, *value)).into_iter().collect(),
		_ => Vec::new(),
	}
}

/// The rules, with what they found.
pub struct Checker<'a> {
	pre: &'a Snapshot,
	post: &'a Snapshot,
	names: &'a Names,
	pub violations: Vec<String>,
}

impl<'a> Checker<'a> {
	pub fn new(pre: &'a Snapshot, post: &'a Snapshot, names: &'a Names) -> Self {
		Checker { pre, post, names, violations: Vec::new() }
	}

	fn fail(&mut self, message: String) {
		self.violations.push(message);
	}

	fn n(&self, who: &AccountId) -> String {
		self.names.of(who)
	}

	// --- who someone was when the call was signed -------------------------------------

	fn active(&self, who: &AccountId) -> bool {
		self.pre.participants.get(who).is_some_and(|p| p.status == ParticipantStatus::Active)
	}

	fn has_role(&self, who: &AccountId, role: Role) -> bool {
		self.active(who) && self.pre.participants.get(who).is_some_and(|p| p.roles.contains(&role))
	}

	fn registered_as(&self, who: &AccountId, role: Role) -> bool {
		self.pre.participants.get(who).is_some_and(|p| p.roles.contains(&role))
	}

	fn patient_or_guardian(&self, who: &AccountId, patient: &AccountId) -> bool {
		who == patient
			|| self
				.pre
				.guardians
				.get(patient)
				.is_some_and(|gs| gs.iter().any(|g| &g.account == who))
	}

	/// Whether `grantee` names `who`: the guardian conflict of interest.
	fn names_account(&self, grantee: &Grantee<AccountId>, who: &AccountId) -> bool {
		match grantee {
			Grantee::Account(a) | Grantee::Participant(a) => a == who,
			Grantee::Role(role) => self.registered_as(who, *role),
		}
	}

	// --- a signed call ------------------------------------------------------------------

	/// Every rule for one signed call; `changed` are the storage items it wrote.
	pub fn check_call(&mut self, ctx: &CallContext, changed: &BTreeSet<[u8; 32]>) {
		let x = ctx.signer;
		match ctx.outcome {
			Outcome::Invalid(_) => {
				// Rolled back like a block builder does: nothing may remain.
				for prefix in changed {
					self.fail(format!(
						"an invalid (unincluded) transaction changed {}",
						item_name(prefix)
					));
				}
				return;
			}
			Outcome::Included(Err(_)) => {
				// A failed call costs its fee and its nonce, and changes nothing else.
				for prefix in changed {
					let allowed = in_pallet(prefix, "System")
						|| item_name(prefix) == "Balances::TotalIssuance";
					if !allowed {
						self.fail(format!("a failed call changed {}", item_name(prefix)));
					}
				}
			}
			Outcome::Included(Ok(())) => {}
		}
		let fee = match fee_paid(ctx.events) {
			Some((payer, fee)) if &payer == x => fee,
			Some((payer, _)) => {
				self.fail(format!(
					"{} paid the fee of a call {} signed",
					self.n(&payer),
					self.n(x)
				));
				0
			}
			None => {
				self.fail("an included call paid no fee (no TransactionFeePaid event)".into());
				0
			}
		};
		let acting: BTreeSet<AccountId> = {
			let mut acting = BTreeSet::from([x.clone()]);
			if let RuntimeCall::Contracts(pallet_contracts::Call::call {
				dest: sp_runtime::MultiAddress::Id(dest),
				..
			}) = ctx.call
			{
				if dest == ctx.contract {
					acting.insert(dest.clone());
				}
			}
			acting
		};
		self.money(Some((x, fee)), &acting, &transfers(ctx));
		self.registry(ctx);
		self.consents(x);
		self.tracking(x, &acting, ctx);
	}

	/// The block's own work (`on_initialize`, the timestamp, `on_idle`, `on_finalize`): no
	/// money moves, and the only records it may change are consents and requests it purges
	/// `AutoPurgeDelay` after they ended.
	pub fn check_hooks(&mut self) {
		self.money(None, &BTreeSet::new(), &[]);
		let (pre, post) = (self.pre, self.post);
		if !Rc::ptr_eq(&pre.participants, &post.participants)
			&& pre.participants != post.participants
		{
			self.fail("the block's hooks changed the participant registry".into());
		}
		self.consents_purged_by_hooks();
		macro_rules! unchanged {
			($($field:ident),*) => {$(
				if !diff(&pre.$field, &post.$field).is_empty() {
					self.fail(format!("the block's hooks changed {}", stringify!($field)));
				}
			)*};
		}
		unchanged!(
			guardians, episodes, products, batches, serials, stock, named, shipments, events,
			holds, overrides, reports
		);
	}

	// --- money ----------------------------------------------------------------------------

	/// Total issuance falls by the fee alone (fees are burnt: `CurrencyAdapter<Balances, ()>`);
	/// an account's balance (free + reserved) changes only by the fee of a call it signed and
	/// by the transfers of that call; its holds are the sum of its deposits, and a deposit is
	/// held only from the signer.
	fn money(
		&mut self,
		signer: Option<(&AccountId, Balance)>,
		acting: &BTreeSet<AccountId>,
		transfers: &[(AccountId, AccountId, Balance)],
	) {
		let (pre, post) = (self.pre, self.post);
		let fee = signer.map_or(0, |(_, fee)| fee);
		if *post.issuance != pre.issuance.saturating_sub(fee) {
			self.fail(format!(
				"total issuance went from {} to {}, not down by the fee {fee}",
				pre.issuance, post.issuance
			));
		}
		let untouched =
			Rc::ptr_eq(&pre.funds, &post.funds) && Rc::ptr_eq(&pre.ledger, &post.ledger);
		if untouched && fee == 0 && transfers.is_empty() {
			return;
		}
		let accounts: BTreeSet<&AccountId> = pre
			.funds
			.keys()
			.chain(post.funds.keys())
			.chain(post.ledger.keys())
			.chain(pre.ledger.keys())
			.collect();
		let sum: Balance = post.funds.values().map(Funds::total).sum();
		if sum != *post.issuance {
			self.fail(format!(
				"the accounts hold {sum} in all, total issuance is {}",
				post.issuance
			));
		}
		for who in accounts {
			let (a, b) = (pre.funds_of(who), post.funds_of(who));
			let mut expected = b.total() as i128 - a.total() as i128;
			if signer.is_some_and(|(s, _)| s == who) {
				expected += fee as i128;
			}
			for (from, to, amount) in transfers {
				if from == who {
					expected += *amount as i128;
				}
				if to == who {
					expected -= *amount as i128;
				}
			}
			if expected != 0 {
				self.fail(format!(
					"{}'s balance changed by {} beyond fees and its transfers (free {} -> {}, reserved {} -> {})",
					self.n(who),
					expected,
					a.free,
					b.free,
					a.reserved,
					b.reserved
				));
			}
			if b.reserved != b.consent + b.tracking + b.other {
				self.fail(format!(
					"{}'s reserved balance is not the sum of its holds",
					self.n(who)
				));
			}
			if b.other != a.other {
				self.fail(format!("{}'s holds for other pallets changed", self.n(who)));
			}
			let (owed_a, owed_b) = (pre.owed(who), post.owed(who));
			let owed = (owed_b.0 as i128 - owed_a.0 as i128, owed_b.1 as i128 - owed_a.1 as i128);
			let held =
				(b.consent as i128 - a.consent as i128, b.tracking as i128 - a.tracking as i128);
			if owed != held {
				self.fail(format!(
					"{}'s held deposits changed by {held:?} (consent, tracking), its records' deposits by {owed:?}",
					self.n(who)
				));
			}
			// The signer pays its deposits, and so does the hold-authority contract it calls
			// for the holds the contract places.
			if !acting.contains(who) && (held.0 > 0 || held.1 > 0) {
				self.fail(format!(
					"a deposit was held from {}, who did not sign (or act in) the call",
					self.n(who)
				));
			}
		}
	}

	// --- the participant registry -------------------------------------------------------

	/// Only governance changes the registry: Root (the sudo key's `sudo`) or two thirds of the
	/// council (a motion executed by `close`), and only for the participant it named.
	fn registry(&mut self, ctx: &CallContext) {
		let changed: Vec<AccountId> = diff(&self.pre.participants, &self.post.participants)
			.into_iter()
			.map(|(k, _)| k.clone())
			.collect();
		if changed.is_empty() {
			return;
		}
		let governed = ctx.events.iter().any(|e| {
			matches!(
				e,
				RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result: Ok(()) })
					| RuntimeEvent::Council(pallet_collective::Event::Executed {
						result: Ok(()),
						..
					})
			)
		});
		for who in changed {
			if !governed || ctx.registry_target.as_ref() != Some(&who) {
				self.fail(format!(
					"{}'s participant record changed without governance naming it",
					self.n(&who)
				));
			}
		}
	}

	// --- consent ---------------------------------------------------------------------------

	/// A patient's consents, requests, guardians and break-glass episodes change only as the
	/// consent pallet's rules say (`x` signed the call).
	fn consents(&mut self, x: &AccountId) {
		let (pre, post) = (self.pre, self.post);
		let now = post.now;
		for (id, change) in diff(&pre.consents, &post.consents) {
			match change {
				Change::Added(c) => {
					if &c.granted_by != x || !self.patient_or_guardian(x, &c.patient) {
						self.fail(format!(
							"{} granted consent {id} on {}'s data, not being the patient or a guardian",
							self.n(x),
							self.n(&c.patient)
						));
					}
					if x != &c.patient && self.names_account(&c.grantee, x) {
						self.fail(format!("guardian {} granted consent {id} to itself", self.n(x)));
					}
					if let Some(request) = c.request {
						let pending = pre.requests.get(&request).is_some_and(|r| {
							r.state == RequestState::Pending && r.patient == c.patient
						});
						if !pending {
							self.fail(format!(
								"consent {id} answers request {request}, which was not pending"
							));
						}
					}
				}
				Change::Removed(c) => {
					if !matches!(c.status_at(now), ConsentStatus::Revoked | ConsentStatus::Expired)
					{
						self.fail(format!(
							"{} removed consent {id} of {}, which was still in force or scheduled",
							self.n(x),
							self.n(&c.patient)
						));
					}
				}
				Change::Modified(a, b) => {
					let mut expected = a.clone();
					if a.state != b.state {
						let revoked_by_x = matches!(
							(&a.state, &b.state),
							(ConsentState::Granted, ConsentState::Revoked { by, at }) if by == x && *at == now
						);
						if !revoked_by_x || !self.patient_or_guardian(x, &a.patient) {
							self.fail(format!(
								"{} changed the state of consent {id} of {} ({:?} -> {:?}) without being the patient or a guardian",
								self.n(x), self.n(&a.patient), a.state, b.state
							));
						}
						if x != &a.patient && self.names_account(&a.grantee, x) {
							self.fail(format!(
								"guardian {} revoked consent {id} that names itself",
								self.n(x)
							));
						}
						expected.state = b.state.clone();
					}
					if a.confirmed_at != b.confirmed_at {
						if x != &a.patient
							|| a.confirmed_at.is_some()
							|| b.confirmed_at != Some(now)
						{
							self.fail(format!(
								"{} confirmed consent {id} of {}, not being the patient",
								self.n(x),
								self.n(&a.patient)
							));
						}
						expected.confirmed_at = b.confirmed_at;
					}
					if !same(&expected, b) {
						self.fail(format!(
							"consent {id} changed beyond its state and confirmation"
						));
					}
				}
			}
		}
		for (id, change) in diff(&pre.requests, &post.requests) {
			match change {
				Change::Added(r) => {
					if &r.requester != x || !self.active(x) || &r.patient == x {
						self.fail(format!(
							"request {id} by {} was made by {}, or by no active participant",
							self.n(&r.requester),
							self.n(x)
						));
					}
				}
				Change::Removed(r) => {
					if r.state == RequestState::Pending && r.expires_at > now {
						self.fail(format!(
							"{} removed request {id}, which was still pending",
							self.n(x)
						));
					}
				}
				Change::Modified(a, b) => {
					let mut expected = a.clone();
					expected.state = b.state;
					let answered =
						a.state == RequestState::Pending && b.state != RequestState::Pending;
					if !answered || !self.patient_or_guardian(x, &a.patient) || !same(&expected, b)
					{
						self.fail(format!(
							"{} changed request {id} to {} ({:?} -> {:?}) without being the patient or a guardian",
							self.n(x),
							self.n(&a.patient),
							a.state,
							b.state
						));
					}
				}
			}
		}
		for (patient, _) in diff(&pre.guardians, &post.guardians) {
			if patient != x {
				self.fail(format!("{} changed {}'s guardians", self.n(x), self.n(patient)));
			}
		}
		for (id, change) in diff(&pre.episodes, &post.episodes) {
			match change {
				Change::Added(e) => {
					// The episode names the patient only by an emergency handle: who the
					// patient is cannot be checked here (the gateway that gave the handle does).
					if &e.clinician != x || !self.has_role(x, Role::Clinician) {
						self.fail(format!(
							"{} opened break-glass episode {id} as {}, not being an active clinician",
							self.n(x),
							self.n(&e.clinician)
						));
					}
				}
				Change::Removed(e) => {
					if !self.has_role(x, Role::Auditor) || &e.clinician == x || e.end > now {
						self.fail(format!(
							"{} closed break-glass episode {id} of {}: not an active auditor, its own, or still open",
							self.n(x),
							self.n(&e.clinician)
						));
					}
				}
				Change::Modified(..) => self.fail(format!("break-glass episode {id} changed")),
			}
		}
	}

	/// What the hooks may do to consents: purge those that ended `AutoPurgeDelay` ago, and
	/// requests whose answer window closed that long ago.
	fn consents_purged_by_hooks(&mut self) {
		let (pre, post) = (self.pre, self.post);
		let delay: u64 = <Runtime as pallet_consent::Config>::AutoPurgeDelay::get();
		let now = post.now;
		for (id, change) in diff(&pre.consents, &post.consents) {
			let purged_in_time = matches!(
				change,
				Change::Removed(c) if c.ended_at(now).is_some_and(|end| end + delay <= now)
			);
			if !purged_in_time {
				self.fail(format!(
					"the block's hooks changed consent {id} (only purging ended ones is theirs)"
				));
			}
		}
		for (id, change) in diff(&pre.requests, &post.requests) {
			let purged_in_time =
				matches!(change, Change::Removed(r) if r.expires_at + delay <= now);
			if !purged_in_time {
				self.fail(format!("the block's hooks changed request {id}"));
			}
		}
	}

	// --- drug tracking ---------------------------------------------------------------------

	/// Custody (who holds units and packs), shipments, holds and clone reports change only by
	/// their holders' and the authorities' own calls.
	fn tracking(&mut self, x: &AccountId, acting: &BTreeSet<AccountId>, ctx: &CallContext) {
		let (pre, post) = (self.pre, self.post);
		let scanned =
			matches!(ctx.call, RuntimeCall::DrugTracking(pallet_drug_tracking::Call::scan { .. }));
		let regulator = self.has_role(x, Role::Regulator);
		let held = |subject: HoldSubject| pre.holds.contains_key(&subject);

		for (gtin, change) in diff(&pre.products, &post.products) {
			match change {
				Change::Added(p)
					if &p.manufacturer == x && self.has_role(x, Role::Manufacturer) => {}
				_ => self.fail(format!(
					"{} registered or changed product {gtin:?} not as an active manufacturer",
					self.n(x)
				)),
			}
		}
		for (id, change) in diff(&pre.batches, &post.batches) {
			let short = hex(id);
			match change {
				Change::Added(b) => {
					let own_product =
						pre.products.get(&b.gtin).is_some_and(|p| &p.manufacturer == x);
					if &b.manufacturer != x || !self.has_role(x, Role::Manufacturer) || !own_product
					{
						self.fail(format!(
							"{} made batch {short} not as the product's active manufacturer",
							self.n(x)
						));
					}
				}
				Change::Removed(_) => self.fail(format!("batch {short} was removed")),
				Change::Modified(a, b) => {
					if b.commissioned != a.commissioned
						&& (&a.manufacturer != x || !self.has_role(x, Role::Manufacturer))
					{
						self.fail(format!(
							"{} commissioned serials of batch {short}, not being its active manufacturer ({})",
							self.n(x),
							self.n(&a.manufacturer)
						));
					}
					if b.recall != a.recall {
						let by_maker = &a.manufacturer == x && self.has_role(x, Role::Manufacturer);
						if a.recall.is_some() || !(by_maker || regulator) {
							self.fail(format!("{} recalled batch {short}, not being its active manufacturer or a regulator", self.n(x)));
						}
					}
					if (
						a.gtin,
						&a.lot,
						a.expiry,
						a.quantity,
						&a.manufacturer,
						a.created_at,
						a.deposit,
					) != (
						b.gtin,
						&b.lot,
						b.expiry,
						b.quantity,
						&b.manufacturer,
						b.created_at,
						b.deposit,
					) {
						self.fail(format!("batch {short}'s identity or deposit changed"));
					}
				}
			}
		}

		// Units: only the holder's own calls take them, or a receiver's rejection returns them.
		let rejected_from: BTreeSet<AccountId> = diff(&pre.shipments, &post.shipments)
			.into_iter()
			.filter_map(|(_, change)| match change {
				Change::Modified(a, b)
					if a.status == ShipmentStatus::InTransit
						&& matches!(b.status, ShipmentStatus::Rejected { .. })
						&& &a.receiver == x =>
				{
					Some(a.sender.clone())
				}
				_ => None,
			})
			.collect();
		for (what, pre_map, post_map) in
			[("units", &pre.stock, &post.stock), ("packs by name", &pre.named, &post.named)]
		{
			for ((batch, holder), change) in diff(pre_map, post_map) {
				let (before, after) = match change {
					Change::Added(n) => (0, *n),
					Change::Removed(n) => (*n, 0),
					Change::Modified(a, b) => (*a, *b),
				};
				let own = holder == x && self.active(x);
				let returned = after > before && rejected_from.contains(holder);
				if !own && !returned {
					self.fail(format!(
						"{} changed {}'s {what} of batch {} ({before} -> {after}) without being it (active) or rejecting its shipment",
						self.n(x),
						self.n(holder),
						hex(batch)
					));
				}
				// Units of a held batch stay where they are: none leave a holder, none arrive
				// but a pack whose decommissioning its holder reverses (it never left). Naming
				// packs (commissioning) moves nothing.
				let reversal = matches!(
					ctx.call,
					RuntimeCall::DrugTracking(
						pallet_drug_tracking::Call::reverse_decommission { .. }
					)
				);
				let moved = after < before || (after > before && !reversal);
				if what == "units" && moved && held(HoldSubject::Batch(*batch)) {
					self.fail(format!(
						"{what} of batch {}, which is on hold, moved ({before} -> {after})",
						hex(batch)
					));
				}
			}
		}

		// Packs.
		let mut commissioned: BTreeMap<_, u32> = BTreeMap::new();
		for ((gtin, serial), change) in diff(&pre.serials, &post.serials) {
			let pack = format!("pack {}/{}", gtin.get(), String::from_utf8_lossy(serial));
			match change {
				Change::Added(s) => {
					let maker = pre.batches.get(&s.batch).is_some_and(|b| &b.manufacturer == x);
					if &s.custodian != x || !maker || !self.has_role(x, Role::Manufacturer) {
						self.fail(format!(
							"{} commissioned {pack} (custodian {}), not being the batch's active manufacturer",
							self.n(x),
							self.n(&s.custodian)
						));
					}
					*commissioned.entry(s.batch).or_default() += 1;
				}
				Change::Removed(_) => self.fail(format!("{pack} was removed")),
				Change::Modified(a, b) => {
					if a.custodian != b.custodian {
						let received = matches!(a.state, SerialState::InTransit(s)
							if pre.shipments.get(&s).is_some_and(|s| &s.receiver == x))
							&& &b.custodian == x;
						if !received {
							self.fail(format!(
								"{} moved {pack} from {} to {} other than by receiving it",
								self.n(x),
								self.n(&a.custodian),
								self.n(&b.custodian)
							));
						}
					}
					if a.state != b.state {
						let ok = match (&a.state, &b.state) {
							(SerialState::Active, SerialState::InTransit(_)) => &a.custodian == x,
							(SerialState::InTransit(s), SerialState::Active) => {
								pre.shipments.get(s).is_some_and(|s| &s.receiver == x)
							}
							(SerialState::Active, SerialState::Decommissioned { by, .. }) => {
								by == x
									&& &a.custodian == x && (self.has_role(x, Role::Pharmacy)
									|| self.has_role(x, Role::Hospital))
							}
							(SerialState::Decommissioned { by, .. }, SerialState::Active) => {
								by == x
							}
							_ => false,
						};
						if !ok {
							self.fail(format!(
								"{} changed {pack} of {} from {:?} to {:?} without the right",
								self.n(x),
								self.n(&a.custodian),
								a.state,
								b.state
							));
						}
						let moving = matches!(
							b.state,
							SerialState::InTransit(_) | SerialState::Decommissioned { .. }
						);
						if moving && a.suspect.is_some() {
							self.fail(format!("{pack}, a suspect clone, moved or was dispensed"));
						}
					}
					if a.suspect != b.suspect {
						let reported_by_x = scanned
							&& post
								.reports
								.get(&(*gtin, serial.clone()))
								.is_some_and(|(_, rs)| rs.iter().any(|r| &r.by == x));
						let ok = match (a.suspect, b.suspect) {
							(None, Some(_)) => regulator || reported_by_x,
							(Some(_), None) => regulator,
							_ => false,
						};
						if !ok {
							self.fail(format!(
								"{} changed whether {pack} is suspect without the right",
								self.n(x)
							));
						}
					}
					if a.batch != b.batch || a.deposit != b.deposit {
						self.fail(format!("{pack}'s batch or deposit changed"));
					}
				}
			}
		}
		// Serials name units the manufacturer holds without one (issue 16, item 3).
		for (batch, count) in commissioned {
			let stock = pre.stock.get(&(batch, x.clone())).copied().unwrap_or(0);
			let named = pre.named.get(&(batch, x.clone())).copied().unwrap_or(0);
			if count > stock.saturating_sub(named) {
				self.fail(format!(
					"{} commissioned {count} serials of batch {} holding only {} of its units without one ({stock} held, {named} by name)",
					self.n(x),
					hex(&batch),
					stock.saturating_sub(named)
				));
			}
		}

		// Shipments.
		for (id, change) in diff(&pre.shipments, &post.shipments) {
			match change {
				Change::Added(s) => {
					if &s.sender != x || !self.active(x) {
						self.fail(format!(
							"{} shipped {}'s goods (shipment {id})",
							self.n(x),
							self.n(&s.sender)
						));
					}
					for line in &s.lines {
						let recalled =
							pre.batches.get(&line.batch).is_some_and(|b| b.recall.is_some());
						if recalled || held(HoldSubject::Batch(line.batch)) {
							self.fail(format!(
								"shipment {id} carries batch {}, recalled or on hold",
								hex(&line.batch)
							));
						}
					}
				}
				Change::Removed(_) => self.fail(format!("shipment {id} was removed")),
				Change::Modified(a, b) => {
					let settled = a.status == ShipmentStatus::InTransit
						&& b.status != ShipmentStatus::InTransit;
					if !settled || &a.receiver != x || !self.active(x) {
						self.fail(format!(
							"{} settled shipment {id} to {} ({:?} -> {:?}) without being its active receiver",
							self.n(x),
							self.n(&a.receiver),
							a.status,
							b.status
						));
					}
					if held(HoldSubject::Shipment(*id)) {
						self.fail(format!(
							"shipment {id}, which is on hold, was received or rejected"
						));
					}
					if matches!(b.status, ShipmentStatus::Received { .. }) {
						for line in &a.lines {
							let recalled =
								pre.batches.get(&line.batch).is_some_and(|b| b.recall.is_some());
							if recalled || held(HoldSubject::Batch(line.batch)) {
								self.fail(format!(
									"shipment {id} was received with batch {}, recalled or on hold",
									hex(&line.batch)
								));
							}
						}
					}
				}
			}
		}
		for (id, change) in diff(&pre.events, &post.events) {
			match change {
				Change::Added(e) if &e.recorded_by == x => {}
				_ => self
					.fail(format!("event {id} was recorded in another's name, changed or removed")),
			}
		}

		// Holds: placed by a hold authority or regulator in its own name; lifted by whoever
		// placed it, or by a regulator's explicit override.
		for (subject, change) in diff(&pre.holds, &post.holds) {
			match change {
				Change::Added(h) => {
					if !acting.contains(&h.by)
						|| !(self.has_role(&h.by, Role::Regulator)
							|| self.has_role(&h.by, Role::HoldAuthority))
					{
						self.fail(format!(
							"{} placed a hold on {subject:?} in {}'s name",
							self.n(x),
							self.n(&h.by)
						));
					}
				}
				Change::Removed(h) => {
					let own = acting.contains(&h.by);
					let overridden = regulator
						&& post
							.overrides
							.get(&(*subject, h.by.clone()))
							.is_some_and(|o| &o.by == x);
					if !own && !overridden {
						self.fail(format!(
							"{} lifted {}'s hold on {subject:?} without an override",
							self.n(x),
							self.n(&h.by)
						));
					}
				}
				Change::Modified(..) => self.fail(format!("the hold on {subject:?} was replaced")),
			}
		}
		for ((subject, placer), change) in diff(&pre.overrides, &post.overrides) {
			let ok = match change {
				Change::Added(o) | Change::Modified(_, o) => &o.by == x && regulator,
				Change::Removed(_) => acting.contains(placer),
			};
			if !ok {
				self.fail(format!(
					"{} made, changed or noted the override of {}'s hold on {subject:?} without the right",
					self.n(x),
					self.n(placer)
				));
			}
		}

		// Clone reports: made by the scanner, closed by a regulator.
		let keys: BTreeSet<&PackKey> = pre.reports.keys().chain(post.reports.keys()).collect();
		if !Rc::ptr_eq(&pre.reports, &post.reports) {
			for key in keys {
				let before: Vec<_> =
					pre.reports.get(key).map(|(_, r)| r.clone()).unwrap_or_default();
				let after: Vec<_> =
					post.reports.get(key).map(|(_, r)| r.clone()).unwrap_or_default();
				let added = after.iter().filter(|r| !before.contains(r));
				let removed = before.iter().filter(|r| !after.contains(r)).count();
				for report in added {
					if &report.by != x || !scanned || !self.active(x) {
						self.fail(format!(
							"{} filed a clone report in {}'s name",
							self.n(x),
							self.n(&report.by)
						));
					}
				}
				if removed > 0 && !regulator {
					self.fail(format!("{} closed clone reports, not being a regulator", self.n(x)));
				}
			}
		}
	}
}

/// A short form of a 32-byte id.
fn hex(id: &[u8; 32]) -> String {
	format!("0x{}…", sp_core::hexdisplay::HexDisplay::from(&&id[..4]))
}
