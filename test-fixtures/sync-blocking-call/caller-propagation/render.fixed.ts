import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

async function loadTemplate(name: string): Promise<string> {
  return await readFile(`./templates/${name}.html`, 'utf8');
}

export async function renderPage(name: string): Promise<string> {
  return (await loadTemplate(name)).replace('{{name}}', name);
}

/** Passes its helper as a callback: making it async would hand `map` a Promise-returning function. */
function readPartial(name: string): string {
  return readFileSync(`./partials/${name}.html`, 'utf8');
}

export function renderAll(names: string[]): string[] {
  return names.map(readPartial);
}
