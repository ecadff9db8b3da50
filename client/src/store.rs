//! Files the oracle writes (its state, evidence documents, model files) are replaced whole
//! or not at all: written to a temporary file in the same directory, flushed to disk, then
//! renamed over the old one. A crash at any point (power cut, SIGKILL, a full disk) leaves
//! either the old file or the new one, never a truncated mix.

use std::{
	fs::{self, File},
	io::{self, Write},
	path::{Path, PathBuf},
};

/// The temporary file a write of `path` goes through first (same directory, so the rename
/// cannot cross file systems). A crashed write leaves it behind; the next write replaces it.
pub fn temporary_of(path: &Path) -> PathBuf {
	let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
	path.with_file_name(format!(".{name}.tmp"))
}

/// Replace `path` with `bytes`, atomically.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
	let temporary = temporary_of(path);
	let mut file = File::create(&temporary)?;
	file.write_all(bytes)?;
	file.sync_all()?;
	drop(file);
	fs::rename(&temporary, path)?;
	// The rename itself is durable once the directory is.
	let directory = match path.parent() {
		Some(parent) if !parent.as_os_str().is_empty() => parent,
		_ => Path::new("."),
	};
	File::open(directory)?.sync_all()
}

#[cfg(test)]
mod tests {
	use super::*;

	fn scratch(name: &str) -> PathBuf {
		let dir = std::env::temp_dir()
			.join(format!("medchain-oracle-store-{}-{name}", std::process::id()));
		let _ = fs::remove_dir_all(&dir);
		fs::create_dir_all(&dir).unwrap();
		dir
	}

	#[test]
	fn a_write_replaces_the_file_whole_and_leaves_nothing_behind() {
		let dir = scratch("whole");
		let path = dir.join("state.json");
		write_atomically(&path, b"first, and longer than the second").unwrap();
		write_atomically(&path, b"second").unwrap();
		assert_eq!(fs::read(&path).unwrap(), b"second");
		let names: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
		assert_eq!(names, ["state.json"]);
		fs::remove_dir_all(&dir).unwrap();
	}

	#[test]
	fn a_temporary_file_left_by_a_crash_is_replaced() {
		let dir = scratch("leftover");
		let path = dir.join("state.json");
		write_atomically(&path, b"old").unwrap();
		fs::write(temporary_of(&path), b"half a new sta").unwrap();
		assert_eq!(fs::read(&path).unwrap(), b"old");
		write_atomically(&path, b"new").unwrap();
		assert_eq!(fs::read(&path).unwrap(), b"new");
		assert!(!temporary_of(&path).exists());
		fs::remove_dir_all(&dir).unwrap();
	}
}
