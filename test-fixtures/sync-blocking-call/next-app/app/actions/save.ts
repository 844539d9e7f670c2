'use server';
import { writeFileSync } from 'node:fs';

export async function saveDraft(text: string): Promise<void> {
  writeFileSync('/drafts/latest.txt', text);
//^^^^^^^^^^^^^ sync-blocking-call: server action saveDraft
}
