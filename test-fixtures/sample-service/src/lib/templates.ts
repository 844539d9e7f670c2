// expect: no findings
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const LAYOUT_FILE = path.join(__dirname, '..', '..', 'templates', 'layout.html');

let layout: string | undefined;

/** The page layout: read on first use, then kept for the life of the process. */
function getLayout(): string {
  if (!layout) layout = readFileSync(LAYOUT_FILE, 'utf8');
  return layout;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/** Fills `{{name}}` placeholders of a page body and wraps it in the layout. */
export function renderPage(body: string, data: Record<string, string | number>): string {
  const content = body.replace(/\{\{\s*(\w+)\s*\}\}/g, (_match, key: string) => escapeHtml(String(data[key] ?? '')));
  return getLayout().replace('{{content}}', content);
}
