/**
 * Folding alike items into one line (pure), for a Markdown report over its size budget: which
 * items earn a line of their own, and which lines stand for how many others.
 *
 * Listing the most urgent items first would spend the room on many near-identical lines of one
 * rule (fifty hosts with the same fault) and never name the others. Here every key (a rule, say)
 * earns one line before any earns a second, and the items of a key that earn no line are counted
 * on its last listed line.
 */

/**
 * The order in which items earn a line: the first item of each key (keys in the order of their
 * first item), then the second of each, and so on; within a round, in the given order.
 */
export function roundRobin<T>(items: readonly T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = byKey.get(k);
    if (list) list.push(item);
    else byKey.set(k, [item]);
  }
  const out: T[] = [];
  // Exhausted keys drop out, so the work is linear in the number of items.
  let active = [...byKey.values()];
  for (let round = 0; active.length > 0; round++) {
    for (const list of active) out.push(list[round] as T);
    active = active.filter((list) => list.length > round + 1);
  }
  return out;
}

export interface FoldedLine<T> {
  item: T;
  /** How many items of the same key, not listed, this line also stands for (0: none). */
  more: number;
}

/**
 * The lines for `items` (in their order) when only `listed` earn one: each listed item, the last
 * listed one of its key also standing for that key's unlisted items. Items of a key with no
 * listed item get no line: they are returned in `unlisted`.
 */
export function foldLines<T>(items: readonly T[], listed: ReadonlySet<T>, key: (item: T) => string): { lines: FoldedLine<T>[]; unlisted: T[] } {
  const left = new Map<string, number>();
  const lastListed = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (listed.has(item)) lastListed.set(k, item);
    else left.set(k, (left.get(k) ?? 0) + 1);
  }
  const lines: FoldedLine<T>[] = [];
  const unlisted: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (listed.has(item)) lines.push({ item, more: lastListed.get(k) === item ? (left.get(k) ?? 0) : 0 });
    else if (!lastListed.has(k)) unlisted.push(item);
  }
  return { lines, unlisted };
}
