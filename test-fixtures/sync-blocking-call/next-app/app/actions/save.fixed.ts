'use server';
import { writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';

export async function saveDraft(text: string): Promise<void> {
  await writeFile('/drafts/latest.txt', text);
}
