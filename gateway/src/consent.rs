//! FHIR R4 `Consent` in and out: a patient's on-chain consents rendered as FHIR, and a FHIR
//! Consent translated into the `grant_consent` call the patient signs, or refused with
//! every element MedChain cannot represent named (never a silent partial translation).
//!
//! ## The mapping
//! | FHIR R4 Consent | MedChain consent |
//! |---|---|
//! | `patient` `Patient/<SS58>` | the patient (the account that signs `grant_consent`) |
//! | `provision.actor` with role `IRCP` or `PRCP` (recipient) | the grantee: `identifier` system `urn:medchain:account` (an account), `urn:medchain:participant` (a registered participant) or `urn:medchain:role` (every participant in a role); a literal `Practitioner/`, `Organization/` reference to an SS58 address is a participant, `RelatedPerson/`, `Device/` an account |
//! | `provision.period` (root) | when the consent is in force (`starts_at`, `ends`) |
//! | root `provision.type`, else `policyRule` `OPTIN`/`OPTOUT` | the provision's kind (permit/deny) |
//! | `provision.purpose` (v3 ActReason) | purposes |
//! | `provision.class` (`http://hl7.org/fhir/resource-types`) and `provision.securityLabel` (v3 ActCode `ETH`, `PSY`, ...) | data classes, blinded with the patient's tag secret |
//! | `provision.action` (consentaction) | actions |
//! | `provision.dataPeriod` | the records' period |
//! | nested `provision` (the opposite type) | the provision's exceptions |
//! | `policy.uri` `urn:medchain:policy:blake2-256:0x…` | the policy's hash |
//!
//! A consent with several provisions is rendered as a root provision with no type and no
//! rule of its own, its nested provisions each a MedChain provision (type, rule) with their
//! exceptions nested once more; such a Consent translates back to the same provisions.
//!
//! Refused (each named, 422): a status other than `active`/`proposed`; a scope other than
//! patient-privacy, research or treatment; a custodian (`CST`) or any actor that is not one
//! MedChain recipient; no recipient at all (MedChain consents are given to someone); codes
//! outside the vocabularies above; `provision.code`, `provision.data`; periods or actors in
//! nested provisions; nesting deeper than the shapes above; `extension`, `modifierExtension`
//! and `implicitRules` anywhere; `policy` other than by hash. Documentary elements
//! (`text`, `identifier`, `category`, `dateTime`, `performer`, `organization`,
//! `sourceAttachment`, `sourceReference`, `verification`, `meta`, `language`, `id`) are not
//! carried on chain, and the answer lists each one so.

use crate::{
	auth::{account_of, ss58},
	error::Issue,
};
use medchain_primitives::{
	consent::{Action, DataClass, DataTag, Moment, Purpose, TagSecret},
	participants::Role,
};
use medchain_runtime::{AccountId, Runtime, RuntimeCall};
use pallet_consent::{
	ConsentOf, ConsentStatus, DataPeriod, Ends, Grantee, PolicyRef, Provision, ProvisionType, Rule,
};
use serde_json::{json, Map, Value};

const ACT_REASON: &str = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
const ACT_CODE: &str = crate::fhir::ACT_CODE;
const CONSENT_ACTION: &str = "http://terminology.hl7.org/CodeSystem/consentaction";
const RESOURCE_TYPES: &str = "http://hl7.org/fhir/resource-types";
const CONSENT_SCOPE: &str = "http://terminology.hl7.org/CodeSystem/consentscope";
const PARTICIPATION: &str = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
const ACCOUNT: &str = "urn:medchain:account";
const PARTICIPANT: &str = "urn:medchain:participant";
const ROLE: &str = "urn:medchain:role";
const POLICY_PREFIX: &str = "urn:medchain:policy:blake2-256:";

/// The sensitivity label of each sensitive class (the first DS4P code that stands for it).
fn label_of(class: DataClass) -> Option<&'static str> {
	Some(match class {
		DataClass::SubstanceUse => "ETH",
		DataClass::MentalHealth => "PSY",
		DataClass::SexualHealth => "SEX",
		_ => return None,
	})
}

/// The FHIR resource type standing for a class in `provision.class`.
fn resource_type_of(class: DataClass) -> Option<&'static str> {
	Some(match class {
		DataClass::Observation => "Observation",
		DataClass::Condition => "Condition",
		DataClass::Medication => "MedicationStatement",
		DataClass::AllergyIntolerance => "AllergyIntolerance",
		DataClass::Procedure => "Procedure",
		DataClass::Immunization => "Immunization",
		DataClass::DiagnosticReport => "DiagnosticReport",
		DataClass::ImagingStudy => "ImagingStudy",
		DataClass::Genomics => "MolecularSequence",
		_ => return None,
	})
}

fn class_of_resource_type(code: &str) -> Option<DataClass> {
	if matches!(code, "MedicationRequest" | "MedicationAdministration" | "MedicationDispense") {
		return Some(DataClass::Medication);
	}
	crate::fhir::kept(code).map(|k| k.class)
}

fn action_code(action: Action) -> &'static str {
	match action {
		Action::Access => "access",
		Action::Use => "use",
		Action::Disclose => "disclose",
		Action::Collect => "collect",
		Action::Correct => "correct",
	}
}

fn action_of(code: &str) -> Option<Action> {
	Action::ALL.into_iter().find(|a| action_code(*a) == code)
}

fn purpose_of(code: &str) -> Option<Purpose> {
	Purpose::ALL.into_iter().find(|p| format!("{p:?}") == code)
}

fn role_of(code: &str) -> Option<Role> {
	Role::ALL.into_iter().find(|r| format!("{r:?}") == code)
}

/// An ISO 8601 date or date-time of a moment (ms since the Unix epoch), in UTC.
pub fn instant(ms: Moment) -> String {
	let secs = (ms / 1000) as i64;
	let millis = ms % 1000;
	let days = secs.div_euclid(86_400);
	let rem = secs.rem_euclid(86_400);
	let (y, m, d) = civil_from_days(days);
	format!(
		"{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z",
		rem / 3600,
		rem % 3600 / 60,
		rem % 60
	)
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
	let z = z + 719_468;
	let era = z.div_euclid(146_097);
	let doe = z.rem_euclid(146_097);
	let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
	let y = yoe + era * 400;
	let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	let mp = (5 * doy + 2) / 153;
	let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
	let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
	(if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
	let y = if m <= 2 { y - 1 } else { y };
	let era = y.div_euclid(400);
	let yoe = y.rem_euclid(400);
	let mp = i64::from((m + 9) % 12);
	let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
	let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	era * 146_097 + doe - 719_468
}

/// A FHIR `date` or `dateTime` as ms since the Unix epoch: a date or partial date is its
/// first moment (UTC), a date-time with its offset. None if it does not read.
pub fn moment_of(text: &str) -> Option<Moment> {
	let (date, time) = match text.split_once('T') {
		Some((date, time)) => (date, Some(time)),
		None => (text, None),
	};
	let mut parts = date.split('-');
	let year: i64 = parts.next()?.parse().ok()?;
	let month: u32 = parts.next().map_or(Some(1), |m| m.parse().ok())?;
	let day: u32 = parts.next().map_or(Some(1), |d| d.parse().ok())?;
	if parts.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
		return None;
	}
	let mut ms = days_from_civil(year, month, day) * 86_400_000;
	if let Some(time) = time {
		let (clock, offset_ms) = if let Some(clock) = time.strip_suffix('Z') {
			(clock, 0)
		} else {
			let at = time.rfind(['+', '-'])?;
			let (clock, offset) = time.split_at(at);
			let sign = if offset.starts_with('-') { -1 } else { 1 };
			let (h, m) = offset[1..].split_once(':')?;
			(clock, sign * (h.parse::<i64>().ok()? * 3_600_000 + m.parse::<i64>().ok()? * 60_000))
		};
		let mut fields = clock.split(':');
		let h: i64 = fields.next()?.parse().ok()?;
		let m: i64 = fields.next()?.parse().ok()?;
		let s: f64 = fields.next().map_or(Some(0.0), |s| s.parse().ok())?;
		ms += h * 3_600_000 + m * 60_000 + (s * 1000.0).round() as i64 - offset_ms;
	}
	// Before the Unix epoch is before the chain: its first moment.
	Moment::try_from(ms.max(0)).ok()
}

/// How soon a start must be to count as "when signed": the time to sign and submit.
pub const START_SLACK: Moment = 10 * 60 * 1000;

fn coding(system: &str, code: &str) -> Value {
	json!({ "system": system, "code": code })
}

/// The recipient actor of a grantee.
fn actor_of(grantee: &Grantee<AccountId>) -> Value {
	let identifier = match grantee {
		Grantee::Account(a) => json!({ "system": ACCOUNT, "value": ss58(a) }),
		Grantee::Participant(a) => json!({ "system": PARTICIPANT, "value": ss58(a) }),
		Grantee::Role(r) => json!({ "system": ROLE, "value": format!("{r:?}") }),
	};
	json!({
		"role": { "coding": [coding(PARTICIPATION, "IRCP")] },
		"reference": { "identifier": identifier },
	})
}

/// A rule's elements, as a FHIR provision's, `classes` decoded from the patient's tags.
fn rule_elements(rule: &Rule, secret: &TagSecret, into: &mut Map<String, Value>) {
	if !rule.actions.is_empty() {
		let actions: Vec<Value> = rule
			.actions
			.iter()
			.map(|a| json!({ "coding": [coding(CONSENT_ACTION, action_code(*a))] }))
			.collect();
		into.insert("action".into(), actions.into());
	}
	if !rule.purposes.is_empty() {
		let purposes: Vec<Value> =
			rule.purposes.iter().map(|p| coding(ACT_REASON, &format!("{p:?}"))).collect();
		into.insert("purpose".into(), purposes.into());
	}
	let mut classes = Vec::new();
	let mut labels = Vec::new();
	for tag in &rule.data_tags {
		match DataClass::ALL.into_iter().find(|c| c.tag(secret) == *tag) {
			Some(class) => match (resource_type_of(class), label_of(class)) {
				(Some(kind), _) => classes.push(coding(RESOURCE_TYPES, kind)),
				(None, Some(label)) => labels.push(coding(ACT_CODE, label)),
				(None, None) => {}
			},
			// A tag made with another secret: shown as it is, for the patient to see.
			None => {
				labels.push(coding("urn:medchain:data-tag", &format!("0x{}", hex::encode(tag.0))))
			}
		}
	}
	if !labels.is_empty() {
		into.insert("securityLabel".into(), labels.into());
	}
	if !classes.is_empty() {
		into.insert("class".into(), classes.into());
	}
	if let Some(period) = rule.data_period {
		// An open end is written open (0 and the largest moment stand for none).
		let mut data_period = Map::new();
		if period.from > 0 {
			data_period.insert("start".into(), instant(period.from).into());
		}
		if period.to < Moment::MAX {
			data_period.insert("end".into(), instant(period.to).into());
		}
		into.insert("dataPeriod".into(), Value::Object(data_period));
	}
}

fn kind_code(kind: ProvisionType) -> &'static str {
	match kind {
		ProvisionType::Permit => "permit",
		ProvisionType::Deny => "deny",
	}
}

/// One MedChain provision as a FHIR provision: its type, its rule, its exceptions nested.
fn provision_of(provision: &Provision, secret: &TagSecret) -> Map<String, Value> {
	let mut out = Map::new();
	out.insert("type".into(), kind_code(provision.kind).into());
	rule_elements(&provision.rule, secret, &mut out);
	let exceptions: Vec<Value> = provision
		.exceptions
		.iter()
		.map(|rule| {
			let mut nested = Map::new();
			nested.insert("type".into(), kind_code(provision.kind.opposite()).into());
			rule_elements(rule, secret, &mut nested);
			Value::Object(nested)
		})
		.collect();
	if !exceptions.is_empty() {
		out.insert("provision".into(), exceptions.into());
	}
	out
}

/// A stored consent as a FHIR R4 Consent.
pub fn to_fhir(
	id: u64,
	consent: &ConsentOf<Runtime>,
	status: ConsentStatus,
	secret: &TagSecret,
) -> Value {
	let mut root = match consent.provisions.as_slice() {
		[one] => provision_of(one, secret),
		many => {
			let nested: Vec<Value> =
				many.iter().map(|p| Value::Object(provision_of(p, secret))).collect();
			let mut root = Map::new();
			root.insert("provision".into(), nested.into());
			root
		}
	};
	let mut period = json!({ "start": instant(consent.period.start) });
	if let Some(end) = consent.period.end {
		period["end"] = instant(end).into();
	}
	root.insert("period".into(), period);
	root.insert("actor".into(), json!([actor_of(&consent.grantee)]));
	let status = match status {
		ConsentStatus::Active | ConsentStatus::Scheduled => "active",
		ConsentStatus::Expired | ConsentStatus::Revoked => "inactive",
	};
	let policy_rule = if consent.provisions.len() == 1 {
		json!({ "text": "MedChain consent: the provision applies as its type says" })
	} else {
		json!({ "text": "MedChain consent: each nested provision applies on its own, deny overriding permit" })
	};
	let mut out = json!({
		"resourceType": "Consent",
		"id": format!("medchain-{id}"),
		"status": status,
		"scope": { "coding": [coding(CONSENT_SCOPE, "patient-privacy")] },
		"category": [{ "coding": [coding("http://loinc.org", "59284-0")] }],
		"patient": { "reference": format!("Patient/{}", ss58(&consent.patient)) },
		"dateTime": instant(consent.granted_at),
		"performer": [{ "identifier": { "system": ACCOUNT, "value": ss58(&consent.granted_by) } }],
		"policyRule": policy_rule,
		"provision": Value::Object(root),
	});
	if let Some(policy) = consent.policy {
		out["policy"] =
			json!([{ "uri": format!("{POLICY_PREFIX}0x{}", hex::encode(policy.hash.0)) }]);
	}
	out
}

/// A FHIR Consent, translated: the `grant_consent` call and what was not carried on chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
	/// To whom.
	pub grantee: Grantee<AccountId>,
	/// What.
	pub provisions: Vec<Provision>,
	/// From when (none: when granted).
	pub starts_at: Option<Moment>,
	/// Until when.
	pub ends: Ends,
	/// Under which policy.
	pub policy: Option<PolicyRef>,
	/// The documentary elements present that stay off chain (FHIRPaths).
	pub not_carried: Vec<String>,
}

impl Translation {
	/// The `Consent.grant_consent` call for `patient` to sign, SCALE-encoded.
	pub fn call(&self, patient: &AccountId) -> Result<Vec<u8>, Issue> {
		let provisions = self.provisions.clone().try_into().map_err(|_| {
			Issue::at(
				"too-costly",
				"Consent.provision",
				"a MedChain consent has at most 8 provisions",
			)
		})?;
		let call = RuntimeCall::Consent(pallet_consent::Call::grant_consent {
			patient: patient.clone(),
			grantee: self.grantee.clone(),
			provisions,
			starts_at: self.starts_at,
			ends: self.ends,
			policy: self.policy,
		});
		Ok(codec::Encode::encode(&call))
	}
}

/// What a translation collects: the issues found so far.
struct Reader<'a> {
	issues: Vec<Issue>,
	secret: &'a TagSecret,
}

fn codings(value: Option<&Value>) -> Vec<(&str, &str)> {
	// A Coding, a list of Codings, a CodeableConcept or a list of them.
	let mut out = Vec::new();
	fn walk<'v>(v: &'v Value, out: &mut Vec<(&'v str, &'v str)>) {
		match v {
			Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
			Value::Object(map) => {
				if let Some(list) = map.get("coding") {
					walk(list, out);
				} else if let Some(code) = map.get("code").and_then(Value::as_str) {
					out.push((map.get("system").and_then(Value::as_str).unwrap_or(""), code));
				}
			}
			_ => {}
		}
	}
	if let Some(v) = value {
		walk(v, &mut out);
	}
	out
}

impl Reader<'_> {
	fn refuse(&mut self, path: &str, message: impl Into<String>) {
		self.issues.push(Issue::at("not-supported", path, message));
	}

	/// The rule of a FHIR provision's elements, refusing what it cannot hold.
	fn rule(&mut self, provision: &Map<String, Value>, path: &str) -> Rule {
		let mut purposes = Vec::new();
		for (system, code) in codings(provision.get("purpose")) {
			match (system, purpose_of(code)) {
				(ACT_REASON, Some(p)) => purposes.push(p),
				_ => self.refuse(&format!("{path}.purpose"), format!("{system}|{code} is not a purpose MedChain knows (HL7 v3 ActReason TREAT, ETREAT, HPAYMT, HOPERAT, HRESCH, PUBHLTH, HMARKT, BTG)")),
			}
		}
		let mut classes = Vec::new();
		for (system, code) in codings(provision.get("class")) {
			match (system, class_of_resource_type(code)) {
				(RESOURCE_TYPES, Some(class)) => classes.push(class),
				_ => self.refuse(&format!("{path}.class"), format!("{system}|{code} is not a data class MedChain knows (a kept FHIR resource type)")),
			}
		}
		for (system, code) in codings(provision.get("securityLabel")) {
			match (system, crate::fhir::sensitive_class(code)) {
				(ACT_CODE, Some(class)) => classes.push(class),
				_ => self.refuse(&format!("{path}.securityLabel"), format!("{system}|{code} is not a sensitive category MedChain knows (v3 ActCode ETH, PSY, PSYTHPN, BH, SEX, HIV, STD, GDIS)")),
			}
		}
		let mut actions = Vec::new();
		for (system, code) in codings(provision.get("action")) {
			match (system, action_of(code)) {
				(CONSENT_ACTION, Some(a)) => actions.push(a),
				_ => self.refuse(&format!("{path}.action"), format!("{system}|{code} is not a consent action (collect, access, use, disclose, correct)")),
			}
		}
		let data_period = provision.get("dataPeriod").and_then(|p| {
			let from = p.get("start").and_then(Value::as_str).map(moment_of);
			let to = p.get("end").and_then(Value::as_str).map(moment_of);
			match (from, to) {
				(Some(None), _) | (_, Some(None)) => {
					self.refuse(&format!("{path}.dataPeriod"), "a date that does not read");
					None
				}
				(from, to) => Some(DataPeriod {
					from: from.flatten().unwrap_or(0),
					to: to.flatten().unwrap_or(Moment::MAX),
				}),
			}
		});
		for element in ["code", "data"] {
			if provision.contains_key(element) {
				self.refuse(&format!("{path}.{element}"), format!("MedChain consents cannot name {}: they cover data by class, purpose, action and period", if element == "code" { "document or content codes" } else { "individual resources" }));
			}
		}
		purposes.sort();
		purposes.dedup();
		actions.sort();
		actions.dedup();
		classes.sort();
		classes.dedup();
		let data_tags: Vec<DataTag> = classes.into_iter().map(|c| c.tag(self.secret)).collect();
		Rule {
			purposes: purposes.try_into().unwrap_or_default(),
			data_tags: data_tags.try_into().unwrap_or_default(),
			actions: actions.try_into().unwrap_or_default(),
			data_period,
		}
	}

	fn kind(&mut self, provision: &Map<String, Value>, path: &str) -> Option<ProvisionType> {
		match provision.get("type").and_then(Value::as_str) {
			Some("permit") => Some(ProvisionType::Permit),
			Some("deny") => Some(ProvisionType::Deny),
			Some(other) => {
				self.refuse(
					&format!("{path}.type"),
					format!("{other:?} is neither permit nor deny"),
				);
				None
			}
			None => None,
		}
	}

	/// A nested provision's rule, of type `expected` (an exception of its parent).
	fn exception(&mut self, nested: &Value, path: &str, expected: ProvisionType) -> Option<Rule> {
		let Some(nested) = nested.as_object() else {
			self.refuse(path, "a provision is an object");
			return None;
		};
		if self.kind(nested, path) != Some(expected) {
			self.refuse(
				&format!("{path}.type"),
				format!(
					"an exception of a {} provision must be {}",
					kind_code(expected.opposite()),
					kind_code(expected)
				),
			);
		}
		for element in ["period", "actor", "provision"] {
			if nested.contains_key(element) {
				self.refuse(&format!("{path}.{element}"), format!("MedChain holds {element} only at the consent's root (a nested provision is an exception of its parent, one level deep)"));
			}
		}
		Some(self.rule(nested, path))
	}

	/// One MedChain provision from a FHIR provision of kind `kind`.
	fn provision(
		&mut self,
		provision: &Map<String, Value>,
		path: &str,
		kind: ProvisionType,
	) -> Provision {
		let rule = self.rule(provision, path);
		let nested =
			provision.get("provision").and_then(Value::as_array).cloned().unwrap_or_default();
		if nested.len() > pallet_consent::MAX_EXCEPTIONS as usize {
			self.refuse(
				&format!("{path}.provision"),
				format!(
					"a MedChain provision has at most {} exceptions",
					pallet_consent::MAX_EXCEPTIONS
				),
			);
		}
		let exceptions: Vec<Rule> = nested
			.iter()
			.enumerate()
			.filter_map(|(i, n)| {
				self.exception(n, &format!("{path}.provision[{i}]"), kind.opposite())
			})
			.collect();
		Provision { kind, rule, exceptions: exceptions.try_into().unwrap_or_default() }
	}

	fn grantee(&mut self, root: &Map<String, Value>) -> Option<Grantee<AccountId>> {
		let actors = root.get("actor").and_then(Value::as_array).cloned().unwrap_or_default();
		let mut found = Vec::new();
		for (i, actor) in actors.iter().enumerate() {
			let path = format!("Consent.provision.actor[{i}]");
			let roles = codings(actor.get("role"));
			if !roles.iter().any(|(s, c)| *s == PARTICIPATION && matches!(*c, "IRCP" | "PRCP")) {
				self.refuse(&format!("{path}.role"), format!("{} is not a recipient (v3 ParticipationType IRCP or PRCP): MedChain consents name whom data is given to, not its custodian or author", roles.iter().map(|(s, c)| format!("{s}|{c}")).collect::<Vec<_>>().join(", ")));
				continue;
			}
			let reference = actor.get("reference");
			let identifier = reference.and_then(|r| r.get("identifier"));
			let system = identifier.and_then(|i| i.get("system")).and_then(Value::as_str);
			let value = identifier.and_then(|i| i.get("value")).and_then(Value::as_str);
			let literal = reference.and_then(|r| r.get("reference")).and_then(Value::as_str);
			let grantee = match (system, value, literal) {
				(Some(ACCOUNT), Some(v), _) => account_of(v).map(Grantee::Account),
				(Some(PARTICIPANT), Some(v), _) => account_of(v).map(Grantee::Participant),
				(Some(ROLE), Some(v), _) => role_of(v).map(Grantee::Role),
				(_, _, Some(literal)) => match literal.split_once('/') {
					Some(("Practitioner" | "Organization" | "PractitionerRole", v)) => {
						account_of(v).map(Grantee::Participant)
					}
					Some(("RelatedPerson" | "Device" | "Patient", v)) => {
						account_of(v).map(Grantee::Account)
					}
					_ => None,
				},
				_ => None,
			};
			match grantee {
				Some(g) => found.push(g),
				None => self.refuse(&format!("{path}.reference"), format!("{} does not name a MedChain account, participant or role (an SS58 address in the reference, or an identifier of system {ACCOUNT}, {PARTICIPANT} or {ROLE})", reference.map(Value::to_string).unwrap_or_default())),
			}
		}
		match found.as_slice() {
			[one] => Some(one.clone()),
			[] => {
				// Actors that were all refused are named already; none at all is named here.
				if actors.is_empty() {
					self.refuse("Consent.provision.actor", "name the recipient: a MedChain consent is given to one account, participant or role (provision.actor with role IRCP)");
				}
				None
			}
			_ => {
				self.refuse(
					"Consent.provision.actor",
					"a MedChain consent is given to one recipient: make one consent for each",
				);
				None
			}
		}
	}
}

/// Every `extension`, `modifierExtension` and `implicitRules` in the resource.
fn extensions(value: &Value, path: &str, out: &mut Vec<String>) {
	match value {
		Value::Object(map) => {
			for (key, item) in map {
				let here = format!("{path}.{key}");
				if matches!(key.as_str(), "extension" | "modifierExtension" | "implicitRules") {
					out.push(here);
				} else {
					extensions(item, &here, out);
				}
			}
		}
		Value::Array(items) => items.iter().for_each(|i| extensions(i, path, out)),
		_ => {}
	}
}

/// The documentary elements a Consent may carry that stay off chain.
const DOCUMENTARY: [&str; 12] = [
	"id",
	"meta",
	"language",
	"text",
	"identifier",
	"category",
	"dateTime",
	"performer",
	"organization",
	"sourceAttachment",
	"sourceReference",
	"verification",
];
/// The elements the translation reads.
const READ: [&str; 7] =
	["resourceType", "status", "scope", "patient", "policyRule", "policy", "provision"];

/// Translate a FHIR R4 Consent about `patient`, whose tag secret is `secret`, at the chain's
/// time `now`. A period that started already (or starts within [`START_SLACK`]) starts when
/// the call is signed, and the answer says so; one that has ended is refused.
pub fn from_fhir(
	consent: &Value,
	patient: &AccountId,
	secret: &TagSecret,
	now: Moment,
) -> Result<Translation, Vec<Issue>> {
	let Some(root) = consent.as_object() else {
		return Err(vec![Issue::new("structure", "a FHIR Consent is a JSON object")]);
	};
	let mut reader = Reader { issues: Vec::new(), secret };
	if root.get("resourceType").and_then(Value::as_str) != Some("Consent") {
		reader.issues.push(Issue::at("invalid", "resourceType", "this is not a Consent"));
		return Err(reader.issues);
	}
	let mut found = Vec::new();
	extensions(consent, "Consent", &mut found);
	for path in found {
		reader.refuse(
			&path,
			"MedChain cannot tell what an extension means for access, so it cannot carry one",
		);
	}
	for key in root.keys() {
		if !DOCUMENTARY.contains(&key.as_str()) && !READ.contains(&key.as_str()) {
			reader.refuse(&format!("Consent.{key}"), "not an element MedChain can represent");
		}
	}
	match root.get("status").and_then(Value::as_str) {
		Some("active" | "proposed") => {}
		other => reader.refuse("Consent.status", format!("{other:?}: MedChain grants consents in force (status active, or proposed for the patient to sign)")),
	}
	let scopes = codings(root.get("scope"));
	if !scopes.iter().any(|(s, c)| {
		*s == CONSENT_SCOPE && matches!(*c, "patient-privacy" | "research" | "treatment")
	}) {
		reader.refuse("Consent.scope", "MedChain consents are about access to data: scope patient-privacy, research or treatment");
	}
	let expected = format!("Patient/{}", ss58(patient));
	if root.get("patient").and_then(|p| p.get("reference")).and_then(Value::as_str)
		!= Some(expected.as_str())
	{
		reader.issues.push(Issue::at(
			"invalid",
			"Consent.patient",
			format!("the Consent must be about {expected}, the patient who signs it"),
		));
	}
	let policy = match root.get("policy").and_then(Value::as_array).map(Vec::as_slice) {
		None => None,
		Some([one]) if one.as_object().is_some_and(|o| o.len() == 1) => {
			let hash = one
				.get("uri")
				.and_then(Value::as_str)
				.and_then(|u| u.strip_prefix(POLICY_PREFIX))
				.and_then(|h| h.strip_prefix("0x"))
				.and_then(|h| hex::decode(h).ok())
				.and_then(|h| <[u8; 32]>::try_from(h).ok());
			match hash {
				Some(hash) => Some(PolicyRef { hash: sp_core::H256(hash) }),
				None => {
					reader.refuse("Consent.policy", format!("MedChain keeps a policy as the hash of its document: policy.uri = \"{POLICY_PREFIX}0x<blake2-256 of the document>\""));
					None
				}
			}
		}
		Some(_) => {
			reader
				.refuse("Consent.policy", "MedChain keeps one policy, by the hash of its document");
			None
		}
	};
	let Some(provision) = root.get("provision").and_then(Value::as_object) else {
		reader.refuse(
			"Consent.provision",
			"MedChain consents say what they permit or deny: give a provision",
		);
		return Err(reader.issues);
	};
	let grantee = reader.grantee(provision);
	let mut starts_now = false;
	let (starts_at, ends) = match provision.get("period") {
		None => (None, Ends::Never),
		Some(period) => {
			let start = period.get("start").and_then(Value::as_str).map(moment_of);
			let end = period.get("end").and_then(Value::as_str).map(moment_of);
			if matches!(start, Some(None)) || matches!(end, Some(None)) {
				reader.refuse("Consent.provision.period", "a date that does not read");
			}
			if let Some(end) = end.flatten().filter(|end| *end <= now) {
				reader.refuse(
					"Consent.provision.period.end",
					format!(
						"the consent ended at {}, before now ({}): there is nothing to grant",
						instant(end),
						instant(now)
					),
				);
			}
			let start = start.flatten();
			starts_now = start.is_some_and(|s| s <= now.saturating_add(START_SLACK));
			(start.filter(|_| !starts_now), end.flatten().map_or(Ends::Never, Ends::At))
		}
	};
	let has_rule = ["purpose", "class", "securityLabel", "action", "dataPeriod", "code", "data"]
		.iter()
		.any(|e| provision.contains_key(*e));
	let nested = provision.get("provision").and_then(Value::as_array).cloned().unwrap_or_default();
	let root_type = reader.kind(provision, "Consent.provision");
	// A root with no type and no rule of its own, whose nested provisions each say permit or
	// deny: each is a provision of its own (what `to_fhir` writes for several).
	let several = root_type.is_none()
		&& !has_rule
		&& !nested.is_empty()
		&& nested.iter().all(|n| n.get("type").is_some());
	let mut policy_rule_used = false;
	let provisions = if several {
		let mut out = Vec::new();
		for (i, n) in nested.iter().enumerate() {
			let path = format!("Consent.provision.provision[{i}]");
			let Some(n) = n.as_object() else { continue };
			for element in ["period", "actor"] {
				if n.contains_key(element) {
					reader.refuse(
						&format!("{path}.{element}"),
						format!("MedChain holds {element} only at the consent's root"),
					);
				}
			}
			if let Some(kind) = reader.kind(n, &path) {
				out.push(reader.provision(n, &path, kind));
			}
		}
		out
	} else {
		let from_policy = || {
			let rules = codings(root.get("policyRule"));
			if rules.iter().any(|(s, c)| *s == ACT_CODE && *c == "OPTIN") {
				Some(ProvisionType::Permit)
			} else if rules.iter().any(|(s, c)| *s == ACT_CODE && *c == "OPTOUT") {
				Some(ProvisionType::Deny)
			} else {
				None
			}
		};
		match root_type.or_else(|| {
			policy_rule_used = true;
			from_policy()
		}) {
			Some(kind) => vec![reader.provision(provision, "Consent.provision", kind)],
			None => {
				reader.refuse("Consent.provision.type", "say whether the consent permits or denies: provision.type, or policyRule OPTIN or OPTOUT (v3 ActCode)");
				Vec::new()
			}
		}
	};
	if !reader.issues.is_empty() {
		return Err(reader.issues);
	}
	let Some(grantee) = grantee else { return Err(reader.issues) };
	let mut not_carried: Vec<String> = DOCUMENTARY
		.iter()
		.filter(|e| root.contains_key(**e))
		.map(|e| format!("Consent.{e}"))
		.collect();
	if root.contains_key("policyRule") && !policy_rule_used {
		not_carried.push("Consent.policyRule".into());
	}
	if starts_now {
		// It cannot start in the past on chain: it is in force from when it is signed.
		not_carried.push("Consent.provision.period.start".into());
	}
	Ok(Translation { grantee, provisions, starts_at, ends, policy, not_carried })
}

#[cfg(test)]
mod tests {
	use super::*;
	use pallet_consent::{ConsentState, Period};
	use sp_core::{sr25519, Pair};

	fn account(suri: &str) -> AccountId {
		AccountId::from(sr25519::Pair::from_string(suri, None).unwrap().public())
	}

	const SECRET: TagSecret = [7; 32];

	/// A real example from tests/data/fhir, about `patient`.
	fn example(file: &str, patient: &AccountId) -> Value {
		let path = format!("{}/tests/data/fhir/{file}", env!("CARGO_MANIFEST_DIR"));
		let mut value: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
		value["patient"] = json!({ "reference": format!("Patient/{}", ss58(patient)) });
		value
	}

	fn recipient(of: &str, value: &str) -> Value {
		json!({ "role": { "coding": [coding(PARTICIPATION, "IRCP")] }, "reference": { "identifier": { "system": of, "value": value } } })
	}

	fn paths(issues: &[Issue]) -> Vec<String> {
		issues.iter().filter_map(|i| i.expression.clone()).collect()
	}

	#[test]
	fn dates_read_back_to_the_millisecond() {
		for ms in [0, 1, 1_462_924_800_000, 1_733_000_000_123, 4_102_444_800_000] {
			assert_eq!(moment_of(&instant(ms)), Some(ms), "{}", instant(ms));
		}
		assert_eq!(moment_of("2016-05-11"), Some(1_462_924_800_000));
		assert_eq!(moment_of("2016-06-23T17:02:33+10:00"), Some(1_466_665_353_000));
		assert_eq!(moment_of("2016-06-23T07:02:33Z"), Some(1_466_665_353_000));
		assert_eq!(moment_of("2016"), moment_of("2016-01-01"));
		assert_eq!(
			moment_of("1964-01-01"),
			Some(0),
			"before the epoch is the chain's first moment"
		);
		for bad in ["", "2016-13-01", "yesterday", "2016-01-01T25"] {
			assert_eq!(moment_of(bad), None, "{bad}");
		}
	}

	/// Every Consent example kept as test data is either translated or refused with each
	/// element MedChain cannot represent named; none is translated in part.
	#[test]
	fn the_published_examples_are_refused_element_by_element() {
		let patient = account("//Dave//stash");
		let expected: &[(&str, &[&str])] = &[
			// No recipient: a consent to everyone, which MedChain does not give.
			("Consent-consent-example-basic.json", &["Consent.provision.actor"]),
			// The custodian named as actor, not a recipient.
			("Consent-consent-example-Out.json", &["Consent.provision.actor[0].role"]),
			(
				"Consent-consent-example-notThis.json",
				&["Consent.provision.data", "Consent.provision.actor"],
			),
			("Consent-consent-example-Emergency.json", &["Consent.provision.actor[0].role"]),
			(
				"Consent-consent-example-grantor.json",
				&["Consent.provision.actor[0].role", "Consent.provision.actor[1].reference"],
			),
			(
				"Consent-consent-example-signature.json",
				&[
					"Consent.provision.actor[0].reference",
					"Consent.provision.provision[0].actor",
					"Consent.provision.provision[0].class",
					"Consent.provision.provision[0].code",
				],
			),
			(
				"Consent-consent-example-pkb.json",
				&["Consent.provision.securityLabel", "Consent.provision.provision[0].actor"],
			),
			(
				"Consent-gregor-gru-consent.json",
				&["Consent.extension", "Consent.provision.purpose"],
			),
			("Consent-kf-gru-dbgap-consent.json", &["Consent.extension"]),
			(
				"Consent-kf-registered-allowed-access.json",
				&["Consent.extension", "Consent.provision"],
			),
		];
		for (file, named) in expected {
			let issues = from_fhir(&example(file, &patient), &patient, &SECRET, 0).expect_err(file);
			let found = paths(&issues);
			for path in *named {
				assert!(found.iter().any(|f| f == path), "{file}: {path} not in {found:?}");
			}
			assert!(
				issues.iter().all(|i| !i.message.is_empty() && i.expression.is_some()),
				"{file}: {issues:?}"
			);
		}
		// The rest are refused too, each for something named.
		for file in [
			"Consent-consent-example-notAuthor.json",
			"Consent-consent-example-notOrg.json",
			"Consent-consent-example-notThem.json",
			"Consent-consent-example-notTime.json",
			"Consent-consent-example-smartonfhir.json",
		] {
			let issues = from_fhir(&example(file, &patient), &patient, &SECRET, 0).expect_err(file);
			assert!(
				!issues.is_empty() && issues.iter().all(|i| i.expression.is_some()),
				"{file}: {issues:?}"
			);
		}
	}

	#[test]
	fn the_basic_example_with_a_recipient_is_a_permit_for_its_period() {
		let patient = account("//Dave//stash");
		let bob = account("//Bob");
		let mut consent = example("Consent-consent-example-basic.json", &patient);
		consent["provision"]["actor"] = json!([recipient(PARTICIPANT, &ss58(&bob))]);
		let translation = from_fhir(&consent, &patient, &SECRET, 0).expect("translates");
		assert_eq!(translation.grantee, Grantee::Participant(bob));
		assert_eq!(translation.provisions.len(), 1);
		assert_eq!(translation.provisions[0].kind, ProvisionType::Permit, "policyRule OPTIN");
		assert!(translation.provisions[0].rule.purposes.is_empty());
		assert_eq!(translation.starts_at, None, "1964 is before the chain: in force when signed");
		assert!(translation.not_carried.iter().any(|n| n == "Consent.provision.period.start"));
		assert_eq!(translation.ends, Ends::At(moment_of("2016-01-01").unwrap()));
		for documentary in [
			"Consent.text",
			"Consent.category",
			"Consent.organization",
			"Consent.sourceAttachment",
			"Consent.dateTime",
		] {
			assert!(
				translation.not_carried.iter().any(|n| n == documentary),
				"{documentary} listed as not carried: {:?}",
				translation.not_carried
			);
		}
		let call = translation.call(&patient).unwrap();
		let decoded: RuntimeCall = codec::Decode::decode(&mut &call[..]).unwrap();
		assert!(matches!(
			decoded,
			RuntimeCall::Consent(pallet_consent::Call::grant_consent { .. })
		));
	}

	#[test]
	fn the_smart_on_fhir_example_with_a_recipient_is_an_app_reading_medications_for_half_an_hour() {
		let patient = account("//Dave//stash");
		let app = account("//Eve");
		let mut consent = example("Consent-consent-example-smartonfhir.json", &patient);
		consent["provision"]["actor"] = json!([recipient(ACCOUNT, &ss58(&app))]);
		let translation = from_fhir(&consent, &patient, &SECRET, 0).expect("translates");
		assert_eq!(translation.grantee, Grantee::Account(app));
		assert_eq!(translation.provisions.len(), 1);
		let provision = &translation.provisions[0];
		assert_eq!(provision.kind, ProvisionType::Permit);
		assert_eq!(provision.rule.actions.to_vec(), [Action::Access]);
		assert_eq!(provision.rule.data_tags.to_vec(), [DataClass::Medication.tag(&SECRET)]);
		assert_eq!(translation.starts_at, moment_of("2016-06-23T07:02:33Z"));
		assert_eq!(translation.ends, Ends::At(moment_of("2016-06-23T07:32:33Z").unwrap()));
		assert!(
			translation.not_carried.iter().any(|n| n == "Consent.policyRule"),
			"{:?}",
			translation.not_carried
		);
		assert!(translation.not_carried.iter().any(|n| n == "Consent.performer"));
	}

	fn stored(provisions: Vec<Provision>, grantee: Grantee<AccountId>) -> ConsentOf<Runtime> {
		let patient = account("//Dave//stash");
		ConsentOf::<Runtime> {
			patient: patient.clone(),
			granted_by: patient,
			grantee,
			provisions: provisions.try_into().unwrap(),
			period: Period { start: 1_733_000_000_000, end: Some(1_735_592_000_000) },
			policy: Some(PolicyRef { hash: sp_core::H256([5; 32]) }),
			state: ConsentState::Granted,
			granted_at: 1_733_000_000_000,
			request: None,
			confirmed_at: None,
			deposit: 0,
		}
	}

	fn rule(
		purposes: Vec<Purpose>,
		classes: Vec<DataClass>,
		actions: Vec<Action>,
		period: Option<DataPeriod>,
	) -> Rule {
		let mut tags: Vec<DataTag> = classes.into_iter().map(|c| c.tag(&SECRET)).collect();
		tags.sort();
		Rule {
			purposes: purposes.try_into().unwrap(),
			data_tags: tags.try_into().unwrap(),
			actions: actions.try_into().unwrap(),
			data_period: period,
		}
	}

	fn sorted(mut provisions: Vec<Provision>) -> Vec<Provision> {
		for p in &mut provisions {
			let mut tags = p.rule.data_tags.to_vec();
			tags.sort();
			p.rule.data_tags = tags.try_into().unwrap();
			for e in p.exceptions.iter_mut() {
				let mut tags = e.data_tags.to_vec();
				tags.sort();
				e.data_tags = tags.try_into().unwrap();
			}
		}
		provisions
	}

	/// On chain → FHIR → the same consent: one provision, and several.
	#[test]
	fn a_consent_round_trips_through_fhir() {
		let patient = account("//Dave//stash");
		let one = vec![Provision {
			kind: ProvisionType::Permit,
			rule: rule(
				vec![Purpose::TREAT],
				vec![DataClass::Observation, DataClass::SubstanceUse],
				vec![Action::Access],
				Some(DataPeriod { from: 0, to: 1_700_000_000_000 }),
			),
			exceptions: vec![rule(vec![], vec![DataClass::SubstanceUse], vec![], None)]
				.try_into()
				.unwrap(),
		}];
		let several = vec![
			one[0].clone(),
			Provision {
				kind: ProvisionType::Deny,
				rule: rule(vec![Purpose::HMARKT], vec![], vec![], None),
				exceptions: Default::default(),
			},
			Provision {
				kind: ProvisionType::Permit,
				rule: rule(
					vec![],
					vec![DataClass::Genomics, DataClass::MentalHealth],
					vec![Action::Use, Action::Disclose],
					Some(DataPeriod { from: 1_600_000_000_000, to: Moment::MAX }),
				),
				exceptions: Default::default(),
			},
		];
		for (provisions, grantee) in [
			(one, Grantee::Role(Role::Researcher)),
			(several, Grantee::Participant(account("//Bob"))),
		] {
			let consent = stored(provisions.clone(), grantee.clone());
			let fhir = to_fhir(3, &consent, ConsentStatus::Active, &SECRET);
			assert_eq!(fhir["resourceType"], "Consent");
			assert_eq!(fhir["status"], "active");
			let back = from_fhir(&fhir, &patient, &SECRET, 0)
				.unwrap_or_else(|e| panic!("{fhir:#}\n{e:?}"));
			assert_eq!(back.grantee, grantee);
			assert_eq!(sorted(back.provisions.clone()), sorted(provisions));
			assert_eq!(back.starts_at, Some(consent.period.start));
			assert_eq!(back.ends, Ends::At(consent.period.end.unwrap()));
			assert_eq!(back.policy, consent.policy);
		}
	}

	#[test]
	fn a_period_that_started_starts_when_signed_and_one_that_ended_is_refused() {
		let patient = account("//Dave//stash");
		let consent = stored(
			vec![Provision {
				kind: ProvisionType::Permit,
				rule: rule(vec![], vec![], vec![], None),
				exceptions: Default::default(),
			}],
			Grantee::Role(Role::Hospital),
		);
		let fhir = to_fhir(1, &consent, ConsentStatus::Active, &SECRET);
		let later = consent.period.start + 60_000;
		let now = from_fhir(&fhir, &patient, &SECRET, later).unwrap();
		assert_eq!(now.starts_at, None);
		assert!(now.not_carried.iter().any(|n| n == "Consent.provision.period.start"));
		let ended = from_fhir(&fhir, &patient, &SECRET, consent.period.end.unwrap()).unwrap_err();
		assert_eq!(paths(&ended), ["Consent.provision.period.end"]);
	}

	#[test]
	fn a_consent_about_another_patient_or_with_an_unknown_code_is_refused_whole() {
		let patient = account("//Dave//stash");
		let consent = stored(
			vec![Provision {
				kind: ProvisionType::Permit,
				rule: rule(vec![Purpose::TREAT], vec![], vec![], None),
				exceptions: Default::default(),
			}],
			Grantee::Role(Role::Hospital),
		);
		let mut fhir = to_fhir(1, &consent, ConsentStatus::Active, &SECRET);
		let other = account("//Eve//stash");
		let issues = from_fhir(&fhir, &other, &SECRET, 0).unwrap_err();
		assert_eq!(paths(&issues), ["Consent.patient"]);
		fhir["provision"]["purpose"] =
			json!([coding(ACT_REASON, "TREAT"), coding(ACT_REASON, "CLINTRCH")]);
		fhir["provision"]["code"] = json!([{ "text": "discharge summaries" }]);
		fhir["modifierExtension"] =
			json!([{ "url": "http://example.org/x", "valueBoolean": true }]);
		let issues = from_fhir(&fhir, &patient, &SECRET, 0).unwrap_err();
		let found = paths(&issues);
		for path in
			["Consent.provision.purpose", "Consent.provision.code", "Consent.modifierExtension"]
		{
			assert!(found.iter().any(|f| f == path), "{path} in {found:?}");
		}
	}
}
