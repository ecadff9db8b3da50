//! How well a model separates the kinds of journey on a held-out generated set: a
//! confusion matrix, precision, recall and F1 per kind, and the same for "anomalous or
//! not" as a whole (what decides whether the oracle reports).

use crate::{
	features::extract,
	generator::{Example, Kind},
	model::Model,
};
use std::fmt;

const KINDS: usize = Kind::ALL.len();

/// Precision, recall and F1 of one class.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
	/// Of those predicted so, the share that were.
	pub precision: f64,
	/// Of those that were, the share predicted so.
	pub recall: f64,
	/// The harmonic mean of the two.
	pub f1: f64,
	/// How many there were.
	pub support: usize,
}

impl Scores {
	fn from_counts(tp: usize, fp: usize, fn_: usize) -> Self {
		let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
		let precision = ratio(tp, tp + fp);
		let recall = ratio(tp, tp + fn_);
		let f1 = if precision + recall == 0.0 {
			0.0
		} else {
			2.0 * precision * recall / (precision + recall)
		};
		Scores { precision, recall, f1, support: tp + fn_ }
	}
}

/// A model's results on a set.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
	/// `matrix[truth][predicted]`, by [`Kind`] class index.
	pub matrix: [[usize; KINDS]; KINDS],
	/// Per kind, in [`Kind::ALL`] order.
	pub per_kind: [Scores; KINDS],
	/// Anomalous (any anomaly) against normal.
	pub anomalous: Scores,
	/// Per anomaly, the share found anomalous at all (whatever kind it was taken for).
	pub detected: [f64; KINDS],
}

/// Evaluate `model` on `examples`.
pub fn evaluate(model: &Model, examples: &[Example]) -> Evaluation {
	let features: Vec<_> = examples.iter().map(|e| extract(&e.journey, e.now)).collect();
	let predicted: Vec<Kind> = model.assess_all(&features).into_iter().map(|a| a.kind).collect();
	let mut matrix = [[0usize; KINDS]; KINDS];
	for (example, kind) in examples.iter().zip(&predicted) {
		matrix[example.kind.class()][kind.class()] += 1;
	}
	let per_kind = std::array::from_fn(|k| {
		let tp = matrix[k][k];
		let fp = (0..KINDS).filter(|t| *t != k).map(|t| matrix[t][k]).sum();
		let fn_ = (0..KINDS).filter(|p| *p != k).map(|p| matrix[k][p]).sum();
		Scores::from_counts(tp, fp, fn_)
	});
	let normal = Kind::Normal.class();
	let anomalous_tp: usize = (0..KINDS)
		.filter(|t| *t != normal)
		.flat_map(|t| (0..KINDS).filter(|p| *p != normal).map(move |p| (t, p)))
		.map(|(t, p)| matrix[t][p])
		.sum();
	let anomalous_fp = (0..KINDS).filter(|p| *p != normal).map(|p| matrix[normal][p]).sum();
	let anomalous_fn = (0..KINDS).filter(|t| *t != normal).map(|t| matrix[t][normal]).sum();
	let detected = std::array::from_fn(|t| {
		let total: usize = matrix[t].iter().sum();
		let found: usize = (0..KINDS).filter(|p| *p != normal).map(|p| matrix[t][p]).sum();
		if total == 0 {
			0.0
		} else {
			found as f64 / total as f64
		}
	});
	Evaluation {
		matrix,
		per_kind,
		anomalous: Scores::from_counts(anomalous_tp, anomalous_fp, anomalous_fn),
		detected,
	}
}

impl fmt::Display for Evaluation {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		let short = ["normal", "cold", "divert", "skim", "clone", "stall"];
		writeln!(f, "confusion matrix (rows: truth, columns: predicted)")?;
		write!(f, "{:>10}", "")?;
		for name in short {
			write!(f, "{name:>8}")?;
		}
		writeln!(f)?;
		for (t, row) in self.matrix.iter().enumerate() {
			write!(f, "{:>10}", short[t])?;
			for count in row {
				write!(f, "{count:>8}")?;
			}
			writeln!(f)?;
		}
		writeln!(f)?;
		writeln!(
			f,
			"{:<20}{:>10}{:>10}{:>10}{:>10}{:>10}",
			"kind", "precision", "recall", "F1", "found", "support"
		)?;
		for (k, kind) in Kind::ALL.iter().enumerate() {
			let s = self.per_kind[k];
			let found = if *kind == Kind::Normal {
				"-".to_string()
			} else {
				format!("{:.4}", self.detected[k])
			};
			writeln!(
				f,
				"{:<20}{:>10.4}{:>10.4}{:>10.4}{:>10}{:>10}",
				format!("{kind:?}"),
				s.precision,
				s.recall,
				s.f1,
				found,
				s.support
			)?;
		}
		let a = self.anomalous;
		writeln!(
			f,
			"{:<20}{:>10.4}{:>10.4}{:>10.4}{:>10}{:>10}",
			"any anomaly", a.precision, a.recall, a.f1, "-", a.support
		)?;
		write!(f, "(found: the share of that anomaly flagged as some anomaly)")
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn scores_from_counts() {
		let s = Scores::from_counts(8, 2, 0);
		assert_eq!((s.precision, s.recall, s.support), (0.8, 1.0, 8));
		assert!((s.f1 - 2.0 * 0.8 / 1.8).abs() < 1e-12);
		assert_eq!(Scores::from_counts(0, 0, 0).f1, 0.0);
	}
}
