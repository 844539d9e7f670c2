/**
 * Code that runs in a browser, found in a backend repository (a shared editor, a component): its fetch
 * holds no server resource, and Node's defaults do not apply. Recognised by what only a browser has.
 */
import type { ts } from '../../server/src/engine/typescript';

const BROWSER_ONLY = new RegExp(
  [
    // window.x, document.querySelector(...), navigator.x, localStorage, event.preventDefault()
    String.raw`\bwindow\.|\bdocument\.(getElement|querySelector|createElement|body\b|cookie\b|location\b)|\bnavigator\.|\b(localStorage|sessionStorage)\b|\.preventDefault\(\)`,
    // 'use client' (React Server Components' marker for browser code)
    String.raw`^\s*['"]use client['"]`,
    // React hooks, which server components and server code cannot call: useState(...), useQuery(...)
    String.raw`\buse(State|Effect|LayoutEffect|Reducer|Query|Mutation|InfiniteQuery|QueryClient)\(`,
    // fetch('/api/users'): a URL relative to the page, which Node's fetch cannot resolve
    String.raw`\bfetch\(\s*[\`'"]/`,
  ].join('|'),
  'm',
);

const cache = new WeakMap<ts.SourceFile, boolean>();

export function isBrowserCode(sf: ts.SourceFile): boolean {
  let found = cache.get(sf);
  if (found === undefined) cache.set(sf, (found = BROWSER_ONLY.test(sf.text)));
  return found;
}
