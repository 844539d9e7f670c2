import { readFileSync } from 'node:fs';

function loadTemplate(name: string): string {
  return readFileSync(`./templates/${name}.html`, 'utf8');
  //     ^^^^^^^^^^^^ sync-blocking-call(blockingCall): GET /pages/:name
}

export function renderPage(name: string): string {
  return loadTemplate(name).replace('{{name}}', name);
}

/** Passes its helper as a callback: making it async would hand `map` a Promise-returning function. */
function readPartial(name: string): string {
  return readFileSync(`./partials/${name}.html`, 'utf8');
  //     ^^^^^^^^^^^^ sync-blocking-call(blockingCall): GET /pages
}

export function renderAll(names: string[]): string[] {
  return names.map(readPartial);
}
