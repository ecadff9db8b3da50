//! The anomaly model: multinomial logistic regression (linfa-logistic) over the shipment
//! features, one class per [`Kind`]. A shipment's score is the probability that it is not
//! normal, in basis points; its reason codes are the features that pushed it most towards
//! its likeliest anomaly.
//!
//! A model file (JSON) holds the fitted parameters with the model's id and version. The
//! version is the first four bytes of the blake2-256 hash of the fitted parameters, so the
//! same training set always gives the same version and any change gives a new one.

use crate::{
	features::{Features, FEATURES, NAMES, REASONS},
	generator::{Example, Kind},
};
use linfa::prelude::*;
use linfa_logistic::{MultiFittedLogisticRegression, MultiLogisticRegression};
use medchain_primitives::holds::{ReasonCode, MAX_SCORE};
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// L2 regularisation of the fit.
const ALPHA: f64 = 1.0;
/// The most L-BFGS iterations of the fit.
const MAX_ITERATIONS: u64 = 500;
/// When the fit stops: the loss's gradient is summed over the whole training set, so a
/// tighter tolerance only chases rounding noise (and L-BFGS then fails its line search).
const GRADIENT_TOLERANCE: f64 = 1e-2;
/// The most reason codes a report gives.
pub const MAX_REASONS: usize = 3;

/// What went wrong with a model.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
	/// The fit failed.
	#[error("training failed: {0}")]
	Training(#[from] linfa_logistic::error::Error),
	/// The training set lacks a kind of journey.
	#[error("the training set has no {0:?} journeys")]
	MissingKind(Kind),
	/// The model file could not be read or written.
	#[error("model file {path}: {source}")]
	Io { path: String, source: std::io::Error },
	/// The model file is not a model.
	#[error("model file {path} is not a MedChain oracle model: {source}")]
	Format { path: String, source: serde_json::Error },
	/// The model file was edited: its version does not match its parameters.
	#[error("model file {path} says version {claimed:08x} but its parameters hash to {actual:08x}")]
	Tampered { path: String, claimed: u32, actual: u32 },
	/// The model was trained on other features than this oracle computes.
	#[error("model file {path} was trained on features {found:?}, this oracle computes {NAMES:?}")]
	Features { path: String, found: Vec<String> },
}

/// A trained model.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Model {
	/// The model's id, as reported to the contract (its record is kept per id).
	pub model_id: u32,
	/// The model's version: a hash of its parameters.
	pub version: u32,
	/// How it was trained.
	pub trained_on: TrainingSet,
	/// The features, in input order.
	pub features: Vec<String>,
	/// The fitted regression; its classes are [`Kind`] class indices.
	fitted: MultiFittedLogisticRegression<f64, usize>,
}

/// The generated set a model was trained on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingSet {
	/// The generator's seed.
	pub seed: u64,
	/// How many journeys.
	pub count: usize,
}

/// What the model says about one shipment.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
	/// How likely it is that something is wrong, 0..=10 000.
	pub score: u16,
	/// The likeliest kind (normal or an anomaly).
	pub kind: Kind,
	/// The likeliest anomaly, whatever the likeliest kind is.
	pub anomaly: Kind,
	/// The reasons for the score, strongest first (1 to 3, each once).
	pub reasons: Vec<ReasonCode>,
}

fn records(features: &[Features]) -> Array2<f64> {
	let flat: Vec<f64> = features.iter().flatten().copied().collect();
	// The shape always matches: `FEATURES` values per row.
	Array2::from_shape_vec((features.len(), FEATURES), flat)
		.unwrap_or_else(|_| Array2::zeros((0, FEATURES)))
}

impl Model {
	/// Train model `model_id` on `examples` (generated from `trained_on`).
	pub fn train(
		model_id: u32,
		trained_on: TrainingSet,
		examples: &[Example],
	) -> Result<Self, ModelError> {
		for kind in Kind::ALL {
			if !examples.iter().any(|e| e.kind == kind) {
				return Err(ModelError::MissingKind(kind));
			}
		}
		let features: Vec<Features> =
			examples.iter().map(|e| crate::features::extract(&e.journey, e.now)).collect();
		let targets: Array1<usize> = examples.iter().map(|e| e.kind.class()).collect();
		let dataset = Dataset::new(records(&features), targets);
		let fitted = MultiLogisticRegression::default()
			.alpha(ALPHA)
			.max_iterations(MAX_ITERATIONS)
			.gradient_tolerance(GRADIENT_TOLERANCE)
			.fit(&dataset)?;
		let version = version_of(&fitted);
		Ok(Model {
			model_id,
			version,
			trained_on,
			features: NAMES.iter().map(|n| n.to_string()).collect(),
			fitted,
		})
	}

	/// Write the model file.
	pub fn save(&self, path: &Path) -> Result<(), ModelError> {
		let json = serde_json::to_string_pretty(self).map_err(|source| ModelError::Format {
			path: path.display().to_string(),
			source,
		})?;
		std::fs::write(path, json)
			.map_err(|source| ModelError::Io { path: path.display().to_string(), source })
	}

	/// Read a model file, checking that its version matches its parameters and that it was
	/// trained on the features this oracle computes.
	pub fn load(path: &Path) -> Result<Self, ModelError> {
		let name = || path.display().to_string();
		let json =
			std::fs::read_to_string(path).map_err(|source| ModelError::Io { path: name(), source })?;
		let model: Model =
			serde_json::from_str(&json).map_err(|source| ModelError::Format { path: name(), source })?;
		if model.features != NAMES {
			return Err(ModelError::Features { path: name(), found: model.features });
		}
		let actual = version_of(&model.fitted);
		if actual != model.version {
			return Err(ModelError::Tampered { path: name(), claimed: model.version, actual });
		}
		Ok(model)
	}

	/// Assess many shipments at once.
	pub fn assess_all(&self, features: &[Features]) -> Vec<Assessment> {
		let probabilities = self.fitted.predict_probabilities(&records(features));
		let classes = self.fitted.classes();
		features
			.iter()
			.zip(probabilities.rows())
			.map(|(x, p)| {
				let by_kind = |kind: Kind| {
					classes.iter().position(|c| *c == kind.class()).map_or(0.0, |j| p[j])
				};
				let likeliest = |kinds: &[Kind]| {
					kinds
						.iter()
						.copied()
						.max_by(|a, b| by_kind(*a).total_cmp(&by_kind(*b)))
						.unwrap_or(Kind::Normal)
				};
				let normal = by_kind(Kind::Normal);
				let score = ((1.0 - normal) * f64::from(MAX_SCORE)).round();
				let anomaly = likeliest(&Kind::ALL[1..]);
				Assessment {
					score: score.clamp(0.0, f64::from(MAX_SCORE)) as u16,
					kind: likeliest(&Kind::ALL),
					anomaly,
					reasons: self.reasons(x, anomaly),
				}
			})
			.collect()
	}

	/// Assess one shipment.
	pub fn assess(&self, features: &Features) -> Assessment {
		self.assess_all(std::slice::from_ref(features))
			.pop()
			.unwrap_or(Assessment {
				score: 0,
				kind: Kind::Normal,
				anomaly: Kind::Normal,
				reasons: Vec::new(),
			})
	}

	/// The reason codes behind pointing at `anomaly` rather than normal: each feature's
	/// contribution to the difference between the two classes' logits, the largest
	/// positive ones first, mapped to reason codes (each once, at most three).
	fn reasons(&self, x: &Features, anomaly: Kind) -> Vec<ReasonCode> {
		let classes = self.fitted.classes();
		let params = self.fitted.params();
		let column = |kind: Kind| classes.iter().position(|c| *c == kind.class());
		let (Some(a), Some(n)) = (column(anomaly), column(Kind::Normal)) else {
			return Vec::new();
		};
		let mut contributions: Vec<(f64, usize)> = (0..FEATURES)
			.map(|i| ((params[(i, a)] - params[(i, n)]) * x[i], i))
			.filter(|(c, _)| *c > 0.0)
			.collect();
		contributions.sort_by(|l, r| r.0.total_cmp(&l.0));
		let mut reasons = Vec::new();
		// A report needs a reason: with no feature pushing, the anomaly's own.
		if contributions.is_empty() {
			reasons.extend(anomaly.primary_reason());
		}
		for (_, i) in contributions {
			if let Some(code) = REASONS[i] {
				if !reasons.contains(&code) && reasons.len() < MAX_REASONS {
					reasons.push(code);
				}
			}
		}
		reasons
	}
}

fn version_of(fitted: &MultiFittedLogisticRegression<f64, usize>) -> u32 {
	// serde_json writes floats exactly (shortest round-trip form), so equal parameters
	// always hash the same.
	let bytes = serde_json::to_vec(fitted).unwrap_or_default();
	let hash = sp_crypto_hashing::blake2_256(&bytes);
	u32::from_be_bytes([hash[0], hash[1], hash[2], hash[3]])
}
