// expect: no findings
import axios from 'axios';

// Given its timeout in bootstrap.ts through `profiles.defaults.timeout`.
export const profiles = axios.create({ baseURL: 'http://profiles.internal:8080' });

export async function loadProfile(id: string) {
  await axios.get(`http://legacy.internal/profiles/${id}`);
  return profiles.get(`/profiles/${id}`);
}
