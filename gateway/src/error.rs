//! The gateway's one error type, and how it answers: every refusal and failure is a FHIR
//! `OperationOutcome` with an HTTP status that says whose move it is (4xx: the caller's,
//! 502/503: the chain's, 500: ours), and a message written for the person reading it.

use axum::{
	http::{header, StatusCode},
	response::{IntoResponse, Response},
};
use serde_json::{json, Value};

/// The FHIR media type.
pub const FHIR_JSON: &str = "application/fhir+json";

/// One issue of an `OperationOutcome`: an `IssueType` code (FHIR R4 value set
/// `issue-type`), the message, and where in the resource, if anywhere (a FHIRPath).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
	/// The FHIR `IssueType` code: `invalid`, `structure`, `required`, `value`,
	/// `not-supported`, `security`, `forbidden`, `not-found`, `conflict`, `too-long`, ...
	pub code: &'static str,
	/// What is wrong, in plain words.
	pub message: String,
	/// Where: a FHIRPath expression into the resource, if the issue is about one element.
	pub expression: Option<String>,
}

impl Issue {
	/// An issue about the request or the resource as a whole.
	pub fn new(code: &'static str, message: impl Into<String>) -> Self {
		Issue { code, message: message.into(), expression: None }
	}

	/// An issue about one element of the resource.
	pub fn at(
		code: &'static str,
		expression: impl Into<String>,
		message: impl Into<String>,
	) -> Self {
		Issue { code, message: message.into(), expression: Some(expression.into()) }
	}
}

/// Why a request was not served.
#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
	/// The resource or request is not what it must be (400); nothing was stored.
	#[error("invalid: {}", first(.0))]
	Invalid(Vec<Issue>),
	/// A well-formed request MedChain cannot carry out as asked (422): each element it
	/// cannot represent is named. Nothing was stored or translated in part.
	#[error("cannot be represented: {}", first(.0))]
	Unprocessable(Vec<Issue>),
	/// The request's signature is missing, invalid, stale or replayed (401).
	#[error("not authenticated: {0}")]
	Unauthenticated(String),
	/// Authenticated, but not allowed (403): no such access, not the grantee, no consent.
	#[error("refused: {0}")]
	Forbidden(String),
	/// No such resource (404).
	#[error("not found: {0}")]
	NotFound(String),
	/// Not now (409): the access was redeemed already, or it is not final yet.
	#[error("conflict: {0}")]
	Conflict(String),
	/// The body is larger than the gateway accepts (413).
	#[error("too large: {0}")]
	TooLarge(String),
	/// The chain cannot be reached, or cannot be read now (503): nothing is released.
	#[error("chain unavailable: {0}")]
	ChainUnavailable(String),
	/// The chain refused or failed what the gateway asked of it (502).
	#[error("chain: {0}")]
	Chain(String),
	/// The gateway's own failure: its store, its keys (500).
	#[error("internal: {0}")]
	Internal(String),
}

fn first(issues: &[Issue]) -> String {
	issues.iter().map(|i| i.message.as_str()).collect::<Vec<_>>().join("; ")
}

impl GatewayError {
	/// One invalid element.
	pub fn invalid(code: &'static str, expression: &str, message: impl Into<String>) -> Self {
		GatewayError::Invalid(vec![Issue::at(code, expression, message)])
	}

	/// The HTTP status it answers with.
	pub fn status(&self) -> StatusCode {
		match self {
			GatewayError::Invalid(_) => StatusCode::BAD_REQUEST,
			GatewayError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
			GatewayError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
			GatewayError::Forbidden(_) => StatusCode::FORBIDDEN,
			GatewayError::NotFound(_) => StatusCode::NOT_FOUND,
			GatewayError::Conflict(_) => StatusCode::CONFLICT,
			GatewayError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
			GatewayError::ChainUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
			GatewayError::Chain(_) => StatusCode::BAD_GATEWAY,
			GatewayError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
		}
	}

	/// Its issues, for the `OperationOutcome`.
	pub fn issues(&self) -> Vec<Issue> {
		let one = |code: &'static str, message: &String| vec![Issue::new(code, message.clone())];
		match self {
			GatewayError::Invalid(issues) | GatewayError::Unprocessable(issues) => issues.clone(),
			GatewayError::Unauthenticated(m) => one("security", m),
			GatewayError::Forbidden(m) => one("forbidden", m),
			GatewayError::NotFound(m) => one("not-found", m),
			GatewayError::Conflict(m) => one("conflict", m),
			GatewayError::TooLarge(m) => one("too-long", m),
			GatewayError::ChainUnavailable(m) => one("transient", m),
			GatewayError::Chain(m) => one("exception", m),
			GatewayError::Internal(m) => one("exception", m),
		}
	}

	/// A short name of the reason, for the audit log.
	pub fn kind(&self) -> &'static str {
		match self {
			GatewayError::Invalid(_) => "invalid",
			GatewayError::Unprocessable(_) => "unprocessable",
			GatewayError::Unauthenticated(_) => "unauthenticated",
			GatewayError::Forbidden(_) => "forbidden",
			GatewayError::NotFound(_) => "not-found",
			GatewayError::Conflict(_) => "conflict",
			GatewayError::TooLarge(_) => "too-large",
			GatewayError::ChainUnavailable(_) => "chain-unavailable",
			GatewayError::Chain(_) => "chain",
			GatewayError::Internal(_) => "internal",
		}
	}
}

/// A FHIR R4 `OperationOutcome` of `issues`, all errors.
pub fn operation_outcome(issues: &[Issue]) -> Value {
	let issues: Vec<Value> = issues
		.iter()
		.map(|issue| {
			let mut value = json!({
				"severity": "error",
				"code": issue.code,
				"diagnostics": issue.message,
			});
			if let Some(expression) = &issue.expression {
				value["expression"] = json!([expression]);
			}
			value
		})
		.collect();
	json!({ "resourceType": "OperationOutcome", "issue": issues })
}

impl IntoResponse for GatewayError {
	fn into_response(self) -> Response {
		let body = operation_outcome(&self.issues()).to_string();
		(self.status(), [(header::CONTENT_TYPE, FHIR_JSON)], body).into_response()
	}
}

impl From<crate::store::StoreError> for GatewayError {
	fn from(error: crate::store::StoreError) -> Self {
		GatewayError::Internal(format!("the gateway's store: {error}"))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn an_error_answers_an_operation_outcome_naming_each_issue() {
		let error = GatewayError::Unprocessable(vec![
			Issue::at("not-supported", "Consent.provision.securityLabel", "security labels"),
			Issue::new("not-supported", "verification"),
		]);
		assert_eq!(error.status(), StatusCode::UNPROCESSABLE_ENTITY);
		let outcome = operation_outcome(&error.issues());
		assert_eq!(outcome["resourceType"], "OperationOutcome");
		assert_eq!(outcome["issue"].as_array().map(Vec::len), Some(2));
		assert_eq!(outcome["issue"][0]["expression"][0], "Consent.provision.securityLabel");
		assert_eq!(outcome["issue"][1]["diagnostics"], "verification");
		assert!(outcome["issue"][1].get("expression").is_none());
	}

	#[test]
	fn each_kind_of_refusal_has_its_own_status() {
		let statuses = [
			GatewayError::Invalid(vec![]).status(),
			GatewayError::Unauthenticated(String::new()).status(),
			GatewayError::Forbidden(String::new()).status(),
			GatewayError::NotFound(String::new()).status(),
			GatewayError::Conflict(String::new()).status(),
			GatewayError::TooLarge(String::new()).status(),
			GatewayError::ChainUnavailable(String::new()).status(),
		];
		let codes: Vec<u16> = statuses.iter().map(|s| s.as_u16()).collect();
		assert_eq!(codes, [400, 401, 403, 404, 409, 413, 503]);
	}
}
