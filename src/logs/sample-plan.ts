/**
 * Deterministic sampling of large log files: the head, evenly spaced blocks, and the tail, up to a
 * byte budget. For time-ordered files the head and tail keep the time span exact; the blocks
 * between them stand for the middle. Same file, same plan.
 */
export interface Block {
  start: number;
  end: number;
}

/** Bytes read per file by default; --full reads everything. */
export const DEFAULT_SAMPLE_BYTES = 64 * 1024 * 1024;
export const MIDDLE_BLOCKS = 16;

/** The byte ranges to read: one block when the file fits the budget. */
export function planBlocks(fileBytes: number, budgetBytes: number): Block[] {
  if (fileBytes <= budgetBytes) return [{ start: 0, end: fileBytes }];
  const edge = Math.floor(budgetBytes / 4);
  const middleTotal = budgetBytes - 2 * edge;
  const blockBytes = Math.max(1, Math.floor(middleTotal / MIDDLE_BLOCKS));
  const middleStart = edge;
  const middleEnd = fileBytes - edge;
  const span = middleEnd - middleStart;
  const blocks: Block[] = [{ start: 0, end: edge }];
  for (let i = 0; i < MIDDLE_BLOCKS; i++) {
    // Block i is centred in the i-th of MIDDLE_BLOCKS equal slices of the middle.
    const centre = middleStart + Math.floor(((i + 0.5) * span) / MIDDLE_BLOCKS);
    const start = Math.max(middleStart, centre - Math.floor(blockBytes / 2));
    blocks.push({ start, end: Math.min(middleEnd, start + blockBytes) });
  }
  blocks.push({ start: fileBytes - edge, end: fileBytes });
  return blocks;
}
