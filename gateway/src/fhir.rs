//! FHIR R4 (4.0.1) as the gateway takes records in: which resource types it keeps, which
//! data class each is (the class the patient's consents speak of), and the checks a resource
//! passes before anything is stored.
//!
//! ## Data classes
//! A resource's type gives its class ([`SUPPORTED`]): an Observation is `Observation`, a
//! MedicationStatement `Medication`, a MolecularSequence `Genomics`, ... A record in a
//! sensitive category says so the way HL7's data segmentation for privacy (DS4P) does, with
//! a security label in `meta.security` from the v3 ActCode information-sensitivity codes:
//! `ETH` (substance use) makes it `SubstanceUse`, `PSY`, `PSYTHPN` or `BH` `MentalHealth`,
//! `SEX`, `HIV` or `STD` `SexualHealth`, `GDIS` `Genomics`. More than one sensitive label is
//! refused: a record is registered under one class, and picking one would hide the other
//! from the patient's consents.
//!
//! ## Checks
//! The body must be at most the configured size; JSON; a resource of the type in the path,
//! one the gateway keeps; FHIR's JSON rules (no empty objects, arrays or strings, element
//! names of letters, digits and `_`, no `null` but in the arrays of primitive extensions);
//! the elements R4 requires of that type (cardinality 1..1, such as an Observation's
//! `status` and `code`) with their codes from R4's required value sets; and a patient
//! reference (`subject` or `patient`) that names exactly the patient the upload is for,
//! `Patient/<their SS58 address>`. Each failure is one issue with the FHIRPath of the
//! element, and nothing is stored.

use crate::{
	auth::ss58,
	error::{GatewayError, Issue},
};
use medchain_primitives::consent::DataClass;
use medchain_runtime::AccountId;
use serde_json::{Map, Value};

/// The information-sensitivity code system of HL7 v3 ActCode, in which DS4P labels are.
pub const ACT_CODE: &str = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

/// One resource type the gateway keeps: its class, the element naming the patient, and the
/// elements R4 requires of it (with the codes allowed, for a coded one).
pub struct Kept {
	/// The FHIR resource type.
	pub resource_type: &'static str,
	/// Its data class, unless a security label says otherwise.
	pub class: DataClass,
	/// The element that references the patient.
	pub patient: &'static str,
	/// Required elements: the name (a `[x]` name matches any of its typed forms) and, for a
	/// `code` element, the codes of its required value set.
	pub required: &'static [(&'static str, &'static [&'static str])],
}

const EVENT_STATUS: &[&str] = &[
	"preparation",
	"in-progress",
	"not-done",
	"on-hold",
	"stopped",
	"completed",
	"entered-in-error",
	"unknown",
];

/// The resource types kept, with R4's required elements.
pub const SUPPORTED: &[Kept] = &[
	Kept {
		resource_type: "Observation",
		class: DataClass::Observation,
		patient: "subject",
		required: &[
			(
				"status",
				&[
					"registered",
					"preliminary",
					"final",
					"amended",
					"corrected",
					"cancelled",
					"entered-in-error",
					"unknown",
				],
			),
			("code", &[]),
		],
	},
	Kept {
		resource_type: "Condition",
		class: DataClass::Condition,
		patient: "subject",
		required: &[],
	},
	Kept {
		resource_type: "MedicationStatement",
		class: DataClass::Medication,
		patient: "subject",
		required: &[
			(
				"status",
				&[
					"active",
					"completed",
					"entered-in-error",
					"intended",
					"stopped",
					"on-hold",
					"unknown",
					"not-taken",
				],
			),
			("medication[x]", &[]),
		],
	},
	Kept {
		resource_type: "MedicationRequest",
		class: DataClass::Medication,
		patient: "subject",
		required: &[
			(
				"status",
				&[
					"active",
					"on-hold",
					"cancelled",
					"completed",
					"entered-in-error",
					"stopped",
					"draft",
					"unknown",
				],
			),
			(
				"intent",
				&[
					"proposal",
					"plan",
					"order",
					"original-order",
					"reflex-order",
					"filler-order",
					"instance-order",
					"option",
				],
			),
			("medication[x]", &[]),
		],
	},
	Kept {
		resource_type: "AllergyIntolerance",
		class: DataClass::AllergyIntolerance,
		patient: "patient",
		required: &[],
	},
	Kept {
		resource_type: "Procedure",
		class: DataClass::Procedure,
		patient: "subject",
		required: &[("status", EVENT_STATUS)],
	},
	Kept {
		resource_type: "Immunization",
		class: DataClass::Immunization,
		patient: "patient",
		required: &[
			("status", &["completed", "entered-in-error", "not-done"]),
			("vaccineCode", &[]),
			("occurrence[x]", &[]),
		],
	},
	Kept {
		resource_type: "DiagnosticReport",
		class: DataClass::DiagnosticReport,
		patient: "subject",
		required: &[
			(
				"status",
				&[
					"registered",
					"partial",
					"preliminary",
					"final",
					"amended",
					"corrected",
					"appended",
					"cancelled",
					"entered-in-error",
					"unknown",
				],
			),
			("code", &[]),
		],
	},
	Kept {
		resource_type: "ImagingStudy",
		class: DataClass::ImagingStudy,
		patient: "subject",
		required: &[(
			"status",
			&["registered", "available", "cancelled", "entered-in-error", "unknown"],
		)],
	},
	Kept {
		resource_type: "MolecularSequence",
		class: DataClass::Genomics,
		patient: "patient",
		required: &[("coordinateSystem", &[])],
	},
];

/// The kept resource type `name`, if it is one.
pub fn kept(name: &str) -> Option<&'static Kept> {
	SUPPORTED.iter().find(|k| k.resource_type == name)
}

/// The sensitive class a DS4P security label code stands for.
pub fn sensitive_class(code: &str) -> Option<DataClass> {
	Some(match code {
		"ETH" => DataClass::SubstanceUse,
		"PSY" | "PSYTHPN" | "BH" => DataClass::MentalHealth,
		"SEX" | "HIV" | "STD" => DataClass::SexualHealth,
		"GDIS" => DataClass::Genomics,
		_ => return None,
	})
}

/// A resource that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
	/// Its type.
	pub resource_type: &'static str,
	/// Its data class.
	pub class: DataClass,
}

/// Check `body`, uploaded as a `resource_type` for `patient`, at most `max_len` bytes.
pub fn check(
	resource_type: &str,
	body: &[u8],
	max_len: usize,
	patient: &AccountId,
) -> Result<Checked, GatewayError> {
	if body.len() > max_len {
		return Err(GatewayError::TooLarge(format!(
			"the resource is {} bytes; this gateway keeps resources of at most {max_len} bytes",
			body.len()
		)));
	}
	let Some(kept) = kept(resource_type) else {
		let types: Vec<&str> = SUPPORTED.iter().map(|k| k.resource_type).collect();
		return Err(GatewayError::Unprocessable(vec![Issue::new(
			"not-supported",
			format!("this gateway keeps {} resources, not {resource_type}", types.join(", ")),
		)]));
	};
	let value: Value = serde_json::from_slice(body).map_err(|e| {
		GatewayError::Invalid(vec![Issue::new("structure", format!("the body is not JSON: {e}"))])
	})?;
	let Value::Object(resource) = &value else {
		return Err(GatewayError::invalid(
			"structure",
			resource_type,
			"a FHIR resource is a JSON object",
		));
	};
	match resource.get("resourceType").and_then(Value::as_str) {
		Some(found) if found == resource_type => {}
		Some(found) => {
			return Err(GatewayError::invalid(
				"invalid",
				"resourceType",
				format!("the body is a {found}, but it was sent to /fhir/{resource_type}"),
			))
		}
		None => {
			return Err(GatewayError::invalid(
				"required",
				"resourceType",
				"resourceType is missing",
			))
		}
	}

	let mut issues = Vec::new();
	json_rules(&value, resource_type, &mut issues);
	if let Some(id) = resource.get("id").and_then(Value::as_str) {
		let ok = (1..=64).contains(&id.len())
			&& id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
		if !ok {
			issues.push(Issue::at(
				"value",
				format!("{resource_type}.id"),
				"an id is 1 to 64 letters, digits, - or .",
			));
		}
	}
	for (element, codes) in kept.required {
		let path = format!("{resource_type}.{element}");
		match required(resource, element) {
			None => {
				issues.push(Issue::at("required", &path, format!("{path} is required in FHIR R4")))
			}
			Some(Value::String(code)) if !codes.is_empty() && !codes.contains(&code.as_str()) => {
				issues.push(Issue::at(
					"code-invalid",
					&path,
					format!("{path} is {code:?}, not one of {}", codes.join(", ")),
				))
			}
			Some(value) if !codes.is_empty() && !value.is_string() => {
				issues.push(Issue::at("structure", &path, format!("{path} is a code (a string)")))
			}
			Some(_) => {}
		}
	}
	let expected = format!("Patient/{}", ss58(patient));
	let reference_path = format!("{resource_type}.{}.reference", kept.patient);
	match resource.get(kept.patient).and_then(|r| r.get("reference")).and_then(Value::as_str) {
		Some(reference) if reference == expected => {}
		Some(reference) => issues.push(Issue::at(
			"invalid",
			&reference_path,
			format!("the resource is about {reference}, but it is uploaded for {expected}"),
		)),
		None => issues.push(Issue::at(
			"required",
			&reference_path,
			format!("name the patient: {reference_path} = \"{expected}\""),
		)),
	}
	let class = match class_of(kept, resource) {
		Ok(class) => class,
		Err(issue) => {
			issues.push(issue);
			kept.class
		}
	};
	if issues.is_empty() {
		Ok(Checked { resource_type: kept.resource_type, class })
	} else {
		Err(GatewayError::Invalid(issues))
	}
}

/// The required element `name` (`x[x]`: any `x<Type>`), if present.
fn required<'a>(resource: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
	match name.strip_suffix("[x]") {
		Some(stem) => resource
			.iter()
			.find(|(key, _)| {
				key.strip_prefix(stem)
					.is_some_and(|t| t.starts_with(|c: char| c.is_ascii_uppercase()))
			})
			.map(|(_, v)| v),
		None => resource.get(name),
	}
}

/// The resource's class: its type's, or the sensitive one its security label names.
fn class_of(kept: &Kept, resource: &Map<String, Value>) -> Result<DataClass, Issue> {
	let labels = resource
		.get("meta")
		.and_then(|m| m.get("security"))
		.and_then(Value::as_array)
		.into_iter()
		.flatten();
	let mut sensitive: Vec<DataClass> = labels
		.filter(|label| label.get("system").and_then(Value::as_str) == Some(ACT_CODE))
		.filter_map(|label| label.get("code").and_then(Value::as_str))
		.filter_map(sensitive_class)
		.collect();
	sensitive.dedup();
	match sensitive.as_slice() {
		[] => Ok(kept.class),
		[one] => Ok(*one),
		_ => Err(Issue::at(
			"business-rule",
			format!("{}.meta.security", kept.resource_type),
			"the record carries labels of more than one sensitive category; upload each part as a record of its own",
		)),
	}
}

/// FHIR's JSON rules, over the whole resource.
fn json_rules(value: &Value, path: &str, issues: &mut Vec<Issue>) {
	if issues.len() >= 20 {
		return;
	}
	match value {
		Value::Object(map) => {
			if map.is_empty() {
				issues.push(Issue::at("structure", path, "an object must not be empty"));
			}
			for (key, item) in map {
				let name_ok = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
					&& key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
				if !name_ok {
					issues.push(Issue::at(
						"structure",
						format!("{path}.{key}"),
						"not an element name",
					));
					continue;
				}
				if item.is_null() {
					issues.push(Issue::at(
						"structure",
						format!("{path}.{key}"),
						"null is not a value in FHIR JSON",
					));
					continue;
				}
				// A contained resource is its own path.
				json_rules(item, &format!("{path}.{key}"), issues);
			}
		}
		Value::Array(items) => {
			if items.is_empty() {
				issues.push(Issue::at("structure", path, "an array must not be empty"));
			}
			// Null stands in an array only beside its primitive's extensions (`_given`).
			let extensions = path.rsplit('.').next().is_some_and(|n| n.starts_with('_'))
				|| items.iter().any(|i| !i.is_null());
			for item in items {
				if item.is_null() && !extensions {
					issues.push(Issue::at("structure", path, "an array of only nulls"));
				} else if !item.is_null() {
					json_rules(item, path, issues);
				}
			}
		}
		Value::String(text) if text.trim().is_empty() => {
			issues.push(Issue::at("structure", path, "a string must not be empty"))
		}
		_ => {}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_core::{sr25519, Pair};

	fn patient() -> AccountId {
		AccountId::from(sr25519::Pair::from_string("//Dave", None).unwrap().public())
	}

	/// A real FHIR R4 example, its patient reference pointed at `patient`.
	fn example(file: &str, patient_element: &str, patient: &AccountId) -> Vec<u8> {
		let path = format!("{}/tests/data/fhir/{file}", env!("CARGO_MANIFEST_DIR"));
		let mut value: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
		value[patient_element] =
			serde_json::json!({ "reference": format!("Patient/{}", ss58(patient)) });
		serde_json::to_vec(&value).unwrap()
	}

	#[test]
	fn the_specifications_examples_pass_with_their_class() {
		let who = patient();
		for (file, kind, element, class) in [
			("Observation-example.json", "Observation", "subject", DataClass::Observation),
			("Observation-f001.json", "Observation", "subject", DataClass::Observation),
			("Condition-example.json", "Condition", "subject", DataClass::Condition),
			("Condition-f201.json", "Condition", "subject", DataClass::Condition),
			(
				"MedicationStatement-example001.json",
				"MedicationStatement",
				"subject",
				DataClass::Medication,
			),
			(
				"DiagnosticReport-f201.json",
				"DiagnosticReport",
				"subject",
				DataClass::DiagnosticReport,
			),
			("ImagingStudy-example.json", "ImagingStudy", "subject", DataClass::ImagingStudy),
		] {
			let body = example(file, element, &who);
			let checked =
				check(kind, &body, 1 << 20, &who).unwrap_or_else(|e| panic!("{file}: {e}"));
			assert_eq!(checked.class, class, "{file}");
		}
	}

	#[test]
	fn a_security_label_makes_a_record_sensitive() {
		let who = patient();
		let mut value: Value =
			serde_json::from_slice(&example("Observation-example.json", "subject", &who)).unwrap();
		value["meta"] = serde_json::json!({ "security": [
			{ "system": ACT_CODE, "code": "ETH" },
			{ "system": "http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "code": "R" },
		]});
		let body = serde_json::to_vec(&value).unwrap();
		assert_eq!(
			check("Observation", &body, 1 << 20, &who).unwrap().class,
			DataClass::SubstanceUse
		);
		value["meta"]["security"][1] = serde_json::json!({ "system": ACT_CODE, "code": "PSY" });
		let body = serde_json::to_vec(&value).unwrap();
		let error = check("Observation", &body, 1 << 20, &who).unwrap_err().to_string();
		assert!(error.contains("more than one sensitive category"), "{error}");
	}

	#[test]
	fn each_defect_is_named_with_its_element() {
		let who = patient();
		let good: Value =
			serde_json::from_slice(&example("Observation-example.json", "subject", &who)).unwrap();
		type Break = Box<dyn Fn(&mut Value)>;
		fn case(f: impl Fn(&mut Value) + 'static, expected: &'static str) -> (Break, &'static str) {
			(Box::new(f), expected)
		}
		fn drop_field(v: &mut Value, name: &str) {
			v.as_object_mut().unwrap().remove(name);
		}
		let cases = vec![
			case(|v: &mut Value| drop_field(v, "status"), "Observation.status is required"),
			case(|v: &mut Value| v["status"] = "done".into(), "not one of registered"),
			case(|v: &mut Value| drop_field(v, "code"), "Observation.code is required"),
			case(
				|v: &mut Value| v["subject"]["reference"] = "Patient/example".into(),
				"is about Patient/example",
			),
			case(|v: &mut Value| drop_field(v, "subject"), "name the patient"),
			case(|v: &mut Value| v["note"] = serde_json::json!([]), "an array must not be empty"),
			case(
				|v: &mut Value| v["note"] = serde_json::json!([{}]),
				"an object must not be empty",
			),
			case(|v: &mut Value| v["issued"] = "  ".into(), "a string must not be empty"),
			case(|v: &mut Value| v["issued"] = Value::Null, "null is not a value"),
			case(|v: &mut Value| v["id"] = "a b".into(), "an id is 1 to 64"),
			case(|v: &mut Value| v["resourceType"] = "Condition".into(), "the body is a Condition"),
		];

		for (break_it, expected) in cases {
			let mut value = good.clone();
			break_it(&mut value);
			let body = serde_json::to_vec(&value).unwrap();
			let error = check("Observation", &body, 1 << 20, &who).expect_err(expected);
			assert!(error.to_string().contains(expected), "{expected}: {error}");
			assert!(matches!(error, GatewayError::Invalid(_)), "{expected}: {error}");
		}
	}

	#[test]
	fn size_json_and_type_are_checked_first() {
		let who = patient();
		let body = example("Observation-example.json", "subject", &who);
		assert!(matches!(
			check("Observation", &body, body.len() - 1, &who),
			Err(GatewayError::TooLarge(_))
		));
		assert!(check("Observation", &body, body.len(), &who).is_ok());
		let error = check("Observation", b"{\"resourceType\":", 1 << 20, &who).unwrap_err();
		assert!(error.to_string().contains("not JSON"), "{error}");
		let error = check("Patient", &body, 1 << 20, &who).unwrap_err();
		assert!(matches!(error, GatewayError::Unprocessable(_)), "{error}");
		assert!(error.to_string().contains("not Patient"), "{error}");
		let error = check("Observation", b"[1]", 1 << 20, &who).unwrap_err();
		assert!(error.to_string().contains("JSON object"), "{error}");
	}

	#[test]
	fn a_choice_element_matches_any_of_its_types() {
		let resource: Map<String, Value> =
			serde_json::from_str(r#"{"medicationCodeableConcept":{"text":"x"},"medicationX":1}"#)
				.unwrap();
		assert!(required(&resource, "medication[x]").is_some());
		let none: Map<String, Value> = serde_json::from_str(r#"{"medications":1}"#).unwrap();
		assert!(required(&none, "medication[x]").is_none());
	}
}
