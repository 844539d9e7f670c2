/**
 * Where the time goes in a V8 `.cpuprofile` (from `node --cpu-prof`): self time by function and by
 * source module (bundle positions mapped back through the bundle's source map), and inclusive time
 * of Scalelint's own functions and of TypeScript's main phases (recursion counted once).
 */
import * as fs from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** TypeScript entry points whose inclusive time says which compiler phase runs. */
const TS_PHASES = [
  'createProgram',
  'createSourceFile',
  'bindSourceFile',
  'createTypeChecker',
  'initializeTypeChecker',
  'resolveModuleNamesWorker',
  'getTypeAtLocation',
  'getSymbolAtLocation',
  'getResolvedSignature',
  'getTypeOfSymbol',
  'checkSourceFile',
];

/** `windowUs`: [from, to] on the profile's clock (µs, CLOCK_MONOTONIC, as process.hrtime): count only samples inside. */
export function summarizeCpuProfile(file, { repoRoot, top = 15, windowUs } = {}) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const maps = new Map();
  const sourceMapFor = (url) => {
    if (!maps.has(url)) {
      let map;
      try {
        const js = url.startsWith('file:') ? fileURLToPath(url) : url;
        const mapFile = js ? referencedSourceMap(js) : undefined;
        if (mapFile) map = { sm: new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8'))), dir: path.dirname(js) };
      } catch {
        map = undefined;
      }
      maps.set(url, map);
    }
    return maps.get(url);
  };

  const frames = new Map(); // node id → { key, name, module, where }
  const describe = (cf) => {
    const name = cf.functionName || '(anonymous)';
    if (!cf.url) return { key: name, name, module: name.startsWith('(') ? name : '(native)', where: '' };
    if (cf.url.startsWith('node:')) return { key: `${name} ${cf.url}`, name, module: 'node internals', where: cf.url };
    let source = cf.url.startsWith('file:') ? fileURLToPath(cf.url) : cf.url;
    let line = cf.lineNumber;
    let mapped = false;
    const map = sourceMapFor(cf.url);
    if (map) {
      const entry = map.sm.findEntry(cf.lineNumber, cf.columnNumber);
      if (entry?.originalSource) {
        source = path.resolve(map.dir, entry.originalSource.replace(/^file:\/\//, ''));
        line = entry.originalLine;
        mapped = true;
      }
    }
    const rel = repoRoot ? path.relative(repoRoot, source) : source;
    // Bundle code with no source: the bundler's runtime (module wrappers, ESM-interop getters).
    const module = map && !mapped ? `bundler runtime in ${path.basename(rel)}` : moduleOf(rel);
    return { key: `${name} ${rel}:${line + 1}`, name, module, where: `${rel}:${line + 1}` };
  };

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) frames.set(n.id, describe(n.callFrame));

  // Self time per node, in microseconds.
  const selfUs = new Map();
  const deltas = profile.timeDeltas ?? [];
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += deltas[i] ?? 0;
    if (windowUs && (at < windowUs[0] || at > windowUs[1])) continue;
    const dt = deltas[i + 1] ?? 0; // time until the next sample
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + Math.max(0, dt));
  }
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const selfByKey = new Map();
  const selfByModule = new Map();
  for (const [id, us] of selfUs) {
    const f = frames.get(id);
    const k = selfByKey.get(f.key) ?? { name: f.name, where: f.where, module: f.module, us: 0 };
    k.us += us;
    selfByKey.set(f.key, k);
    selfByModule.set(f.module, (selfByModule.get(f.module) ?? 0) + us);
  }

  // Inclusive time per function: a node's subtree, unless the same function is already on the stack.
  const inclusiveNode = new Map();
  const root = profile.nodes[0];
  const order = [];
  const stack = [root.id];
  while (stack.length) {
    const id = stack.pop();
    order.push(id);
    for (const c of byId.get(id).children ?? []) stack.push(c);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const n = byId.get(order[i]);
    let us = selfUs.get(n.id) ?? 0;
    for (const c of n.children ?? []) us += inclusiveNode.get(c) ?? 0;
    inclusiveNode.set(n.id, us);
  }
  const inclusiveByKey = new Map();
  const onStack = new Map();
  const walk = [{ id: root.id, enter: true }];
  while (walk.length) {
    const { id, enter } = walk.pop();
    const f = frames.get(id);
    if (!enter) {
      onStack.set(f.key, onStack.get(f.key) - 1);
      continue;
    }
    if (!onStack.get(f.key)) {
      const k = inclusiveByKey.get(f.key) ?? { name: f.name, where: f.where, module: f.module, us: 0 };
      k.us += inclusiveNode.get(id);
      inclusiveByKey.set(f.key, k);
    }
    onStack.set(f.key, (onStack.get(f.key) ?? 0) + 1);
    walk.push({ id, enter: false });
    for (const c of byId.get(id).children ?? []) walk.push({ id: c, enter: true });
  }

  const ms = (us) => Math.round(us / 1000);
  const pct = (us) => Math.round((1000 * us) / totalUs) / 10;
  const row = (x) => ({ function: x.name, where: x.where, module: x.module, ms: ms(x.us), percent: pct(x.us) });
  const own = (x) => /^(server|rules)\//.test(x.where);
  const tsPhase = (x) => x.module.startsWith('typescript') && TS_PHASES.includes(x.name);
  const phases = new Map();
  for (const x of inclusiveByKey.values()) {
    if (!tsPhase(x)) continue;
    const prev = phases.get(x.name);
    if (!prev || prev.us < x.us) phases.set(x.name, x);
  }
  return {
    file,
    totalMs: ms(totalUs),
    topSelf: [...selfByKey.values()].sort((a, b) => b.us - a.us).slice(0, top).map(row),
    topModules: [...selfByModule.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([module, us]) => ({ module, ms: ms(us), percent: pct(us) })),
    scalelintInclusive: [...inclusiveByKey.values()].filter(own).sort((a, b) => b.us - a.us).slice(0, top).map(row),
    typescriptPhases: [...phases.values()].sort((a, b) => b.us - a.us).map(row),
  };
}

/** The source map a script names in its last line (a stale .map next to a minified build is not used). */
export function referencedSourceMap(js) {
  try {
    const fd = fs.openSync(js, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const buf = Buffer.alloc(Math.min(512, size));
      fs.readSync(fd, buf, 0, buf.length, size - buf.length);
      const m = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(buf.toString('utf8'));
      const map = m && !m[1].startsWith('data:') ? path.resolve(path.dirname(js), m[1]) : undefined;
      return map && fs.existsSync(map) ? map : undefined;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** A readable module name: a package (TypeScript named as such), or a repository-relative source file. */
function moduleOf(rel) {
  const nm = rel.lastIndexOf('node_modules/');
  if (nm < 0) return rel;
  const rest = rel.slice(nm + 'node_modules/'.length).split('/');
  const pkg = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  if (pkg === '@ts-morph/common' && rel.endsWith('typescript.js')) return 'typescript (bundled in @ts-morph/common)';
  if (pkg === 'typescript') return 'typescript';
  return pkg;
}
