// The runtime APIs' listings that grow with the chain (a batch's trail and holders, the
// consents naming an accessor, the break-glass episodes awaiting review) come a page at a
// time: each call takes a cursor (null for the first page) and a limit, and answers at most
// `limit` items (clamped to 1..MAX_PAGE) and `next`, the cursor of the next page (None on the
// last). These helpers walk every page, all at one block so that the pages fit together, and
// check as they go that no page holds more than asked and that every `next` moves on.
import assert from 'node:assert/strict';

/** The most items a page holds, whatever the limit (`medchain_primitives::paging::MAX_PAGE`). */
export const MAX_PAGE = 100;

/** How many items a page asked with `limit` may hold: the chain clamps the limit to 1..MAX_PAGE. */
export const pageBound = (limit) => Math.max(1, Math.min(limit, MAX_PAGE));

/** The runtime calls at the best block now: a walk asks every page there. */
export async function callsAtBest(api) {
  return (await api.at(await api.rpc.chain.getBlockHash())).call;
}

/**
 * Every page of a listing: `ask(call, cursor, limit)` asks one page through `call` (the runtime
 * calls at one block) and returns it; `itemsOf(page)` says what it lists. Returns the items,
 * in order, and the pages.
 */
export async function walkPages(api, ask, { limit = MAX_PAGE, itemsOf = (page) => page.items, call, maxPages = 10_000 } = {}) {
  const at = call ?? await callsAtBest(api);
  const items = [];
  const pages = [];
  let cursor = null;
  for (;;) {
    const page = await ask(at, cursor, limit);
    const listed = itemsOf(page);
    assert.ok(listed.length <= pageBound(limit), `a page asked with limit ${limit} holds ${listed.length} items`);
    items.push(...listed);
    pages.push(page);
    if (page.next.isNone) return { items, pages };
    // A page that says there is more has moved the cursor on: otherwise the walk never ends.
    assert.ok(listed.length > 0, `an empty page points to a next one: ${page.next.toString()}`);
    assert.notEqual(page.next.unwrap().toHex(), cursor?.toHex(), 'the cursor moved on');
    assert.ok(pages.length < maxPages, `the walk ended within ${maxPages} pages`);
    cursor = page.next.unwrap();
  }
}

const someOrThrow = (answer, what) => {
  if (answer.isNone) throw new Error(`no ${what}`);
  return answer.unwrap();
};

/**
 * A batch's whole history, from every page of `batchHistory` and `batchHolders` at one block:
 * `{ batch, onHold, steps, trail, events, holders }` (the trail's entries, the events and the
 * `[account, units]` holders as the runtime's types). Throws if there is no such batch.
 */
export async function batchHistory(api, batch, { limit = MAX_PAGE } = {}) {
  const call = await callsAtBest(api);
  const history = await walkPages(api,
    async (at, from, max) => someOrThrow(await at.drugTrackingApi.batchHistory(batch, from, max), `batch ${batch}`),
    { limit, call, itemsOf: (page) => page.trail });
  const holders = await batchHolders(api, batch, { limit, call });
  const [first] = history.pages;
  return {
    batch: first.batch,
    onHold: first.onHold.isTrue,
    steps: first.steps.toNumber(),
    trail: history.items,
    events: history.pages.flatMap((page) => page.events),
    holders,
  };
}

/** Who holds how many units of a batch, `[account, units]` as the runtime's types, from every page of `batchHolders`. */
export async function batchHolders(api, batch, { limit = MAX_PAGE, call } = {}) {
  const { items } = await walkPages(api,
    async (at, after, max) => someOrThrow(await at.drugTrackingApi.batchHolders(batch, after, max), `batch ${batch}`),
    { limit, call });
  return items;
}

/** Every consent naming `accessor`, `[id, status]` as JSON, from every page of `consentsFor`. */
export async function consentsFor(api, accessor, { limit = MAX_PAGE } = {}) {
  const { items } = await walkPages(api,
    (at, cursor, max) => at.consentApi.consentsFor(accessor, cursor, max), { limit });
  return items.map((item) => item.toJSON());
}

/** Every break-glass episode awaiting review, `[id, episode]` as JSON, from every page of `unreviewedBreakGlass`. */
export async function unreviewedBreakGlass(api, { limit = MAX_PAGE } = {}) {
  const { items } = await walkPages(api,
    (at, after, max) => at.consentApi.unreviewedBreakGlass(after, max), { limit });
  return items.map((item) => item.toJSON());
}
