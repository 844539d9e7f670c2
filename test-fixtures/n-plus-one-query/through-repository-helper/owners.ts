// expect: no findings
import { findOwnerRow } from './owner-repository';

export async function loadOwner(id: number) {
  const row = await findOwnerRow(id);
  return row ?? { id, name: 'unknown' };
}

export async function ownerName(id: number): Promise<string> {
  const owner = await loadOwner(id);
  return owner.name;
}
