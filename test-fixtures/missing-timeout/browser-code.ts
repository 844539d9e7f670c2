// expect: no findings
// Browser code kept in a backend repository (a shared front-end package): a URL relative to the page,
// which Node's fetch cannot resolve, says so for the whole file.
export async function loadTags(): Promise<unknown> {
  const res = await fetch('/api/v1/tags');
  return res.json();
}

export async function loadAnnouncement(): Promise<unknown> {
  const res = await fetch('http://status.internal/latest.json');
  return res.json();
}
