/**
 * `--shard k/n`: a deterministic share of the files for one machine of a CI matrix. Files are ordered by
 * project, then path, and cut into n contiguous runs, so each shard loads as few projects as it can.
 * Each shard still builds whole programs, so findings that depend on other files' request paths are
 * the same as in an unsharded run; only the reporting is split.
 */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new Error(`--shard takes k/n with 1 ≤ k ≤ n, e.g. 2/4 (got "${text}")`);
  return { index, count };
}

export function selectShard(files: readonly string[], shard: Shard, projectOf: (file: string) => string): string[] {
  const ordered = [...files].sort((a, b) => projectOf(a).localeCompare(projectOf(b)) || a.localeCompare(b));
  const start = Math.floor(((shard.index - 1) * ordered.length) / shard.count);
  const end = Math.floor((shard.index * ordered.length) / shard.count);
  return ordered.slice(start, end);
}
