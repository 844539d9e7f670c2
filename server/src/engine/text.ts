/** Offsets ↔ lines. The engine speaks offsets; formatters and the LSP glue convert with these. */

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 0-based line of `offset`, by binary search over line starts. */
export function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** 1-based line and column, as editors and CLI output show them. */
export function offsetToLineColumn(text: string, offset: number, lineStarts = computeLineStarts(text)): { line: number; column: number } {
  const line = lineOf(lineStarts, offset);
  return { line: line + 1, column: offset - lineStarts[line] + 1 };
}
