import axios, { type AxiosInstance } from 'axios';

// Reported once, at the creation; the calls through it are not reported again.
export const payments = axios.create({ baseURL: 'http://payments.internal:8080' });
//                      ^^^^^^^^^^^^ missing-timeout(clientWithoutDeadline)

export const search = axios.create({
  baseURL: 'http://search.internal:8080',
  timeout: 3000,
});

const shared = { timeout: 2500, headers: { 'x-client': 'orders' } };
export const users = axios.create({ ...shared, baseURL: 'http://users.internal:8080' });

export const bare = axios.create();
//                  ^^^^^^^^^^^^ missing-timeout(clientWithoutDeadline)

export async function useThem(injected: AxiosInstance) {
  await payments.post('/charges', { amount: 1 });
  await search.get('/q');
  await users.get('/me');
  // An instance from elsewhere: judged where it is created, not here.
  await injected.get('/x');
}
