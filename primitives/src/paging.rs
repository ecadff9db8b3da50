//! Pages of the runtime APIs' listings.
//!
//! A listing that grows with the chain (a batch's trail, the consents naming an accessor, the
//! break-glass episodes awaiting review) is served a page at a time, so that no runtime call
//! reads or returns an unbounded amount. The caller asks for at most `limit` items from a
//! `cursor` (none: from the start) and gets a [`Page`] whose `next` is the cursor of the next
//! page, or none when the listing has no more.
//!
//! `limit` is clamped to `1..=MAX_PAGE`: asking for more than [`MAX_PAGE`] gets
//! [`MAX_PAGE`], and asking for none gets one, so that every page but the last moves the
//! cursor on and a caller that walks pages until `next` is none always ends.
//!
//! A walk over several calls sees the listing as it stands at each call. Ask every page at
//! the same block hash to see one consistent listing; walked across blocks, an item that
//! stayed throughout is listed exactly once, and one added or removed meanwhile may or may
//! not be.

use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// The most items a runtime API returns in one page, whatever `limit` asks for.
///
/// A page of the largest items (a batch's trail steps with their EPCIS events, about 250
/// bytes each) is then some 25 KB and a hundred or so storage reads: cheap for a node to
/// serve, and few round trips for a caller walking a listing of thousands.
pub const MAX_PAGE: u32 = 100;

/// How many items a page may hold when `limit` is asked for: `limit`, at least one and at
/// most [`MAX_PAGE`].
pub fn page_limit(limit: u32) -> usize {
	limit.clamp(1, MAX_PAGE) as usize
}

/// A page of a listing: at most `limit` items (see [`page_limit`]) and where the next page
/// begins.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct Page<Item, Cursor> {
	/// The items, in the listing's order.
	pub items: Vec<Item>,
	/// The cursor to ask the next page with, or none if this page is the last.
	pub next: Option<Cursor>,
}

impl<Item, Cursor> Page<Item, Cursor> {
	/// The last page: `items` and nothing after them.
	pub fn last(items: Vec<Item>) -> Self {
		Page { items, next: None }
	}
}

/// Takes at most `limit` items (clamped by [`page_limit`]) from `listing`, which yields each
/// item with the cursor that resumes the listing after it. The page's `next` is the cursor of
/// its last item if the listing has another one (so one item more is looked at, never
/// returned), none otherwise: a page that ends exactly at the listing's end is the last.
pub fn take_page<Item, Cursor>(
	listing: impl IntoIterator<Item = (Item, Cursor)>,
	limit: u32,
) -> Page<Item, Cursor> {
	let limit = page_limit(limit);
	let mut listing = listing.into_iter();
	let mut items = Vec::new();
	let mut last = None;
	for (item, cursor) in listing.by_ref() {
		items.push(item);
		last = Some(cursor);
		if items.len() == limit {
			break;
		}
	}
	let more = items.len() == limit && listing.next().is_some();
	Page { items, next: if more { last } else { None } }
}

#[cfg(test)]
mod tests {
	use super::*;

	fn numbers(n: u32) -> impl Iterator<Item = (u32, u32)> {
		(0..n).map(|i| (i, i))
	}

	#[test]
	fn a_page_stops_at_the_limit_and_says_where_to_go_on() {
		assert_eq!(take_page(numbers(5), 2), Page { items: vec![0, 1], next: Some(1) });
		assert_eq!(take_page(numbers(5), 5), Page::last(vec![0, 1, 2, 3, 4]));
		assert_eq!(take_page(numbers(5), 6), Page::last(vec![0, 1, 2, 3, 4]));
		assert_eq!(take_page(numbers(0), 3), Page::last(vec![]));
	}

	#[test]
	fn the_limit_is_clamped_to_one_and_the_maximum() {
		assert_eq!(take_page(numbers(3), 0), Page { items: vec![0], next: Some(0) });
		let page = take_page(numbers(MAX_PAGE + 50), u32::MAX);
		assert_eq!(page.items.len(), MAX_PAGE as usize);
		assert_eq!(page.next, Some(MAX_PAGE - 1));
		assert_eq!(page_limit(MAX_PAGE), MAX_PAGE as usize);
		assert_eq!(page_limit(MAX_PAGE + 1), MAX_PAGE as usize);
	}

	#[test]
	fn a_page_reads_one_item_past_its_end_and_no_more() {
		let mut read = 0;
		let listing = (0..1_000u32).inspect(|_| read += 1).map(|i| (i, i));
		let page = take_page(listing, 10);
		assert_eq!(page.items.len(), 10);
		assert_eq!(read, 11);
	}
}
