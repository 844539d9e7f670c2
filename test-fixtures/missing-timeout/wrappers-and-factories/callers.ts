import { getJson, geo, geoTraced, makeApi, makeClient, makeServiceClient, postJson, loadArchive } from './http-clients';

const payments = makeApi('http://payments.internal:8080');

export const search = makeClient({ baseURL: 'http://search.internal:8080' });
//                    ^^^^^^^^^^ missing-timeout(wrapperWithoutDeadline): `makeClient()` passes these options on to `axios.create`, which creates a client with no timeout
export const users = makeClient({ baseURL: 'http://users.internal:8080', timeout: 2000 });

export async function load(id: string) {
  await payments.get(`/charges/${id}`);
  await geo.get(`places/${id}`);
  await geoTraced.get(`routes/${id}`);
  await getJson(`http://profiles.internal:8080/${id}`);
  //    ^^^^^^^ missing-timeout(wrapperWithoutDeadline): which then has no deadline
  await getJson(`http://avatars.internal:8080/${id}`, { method: 'GET' });
  //    ^^^^^^^ missing-timeout(wrapperWithoutDeadline)
  await loadArchive({ url: `http://archive.internal:8080/${id}` });
  return getJson(`http://prefs.internal:8080/${id}`, { signal: AbortSignal.timeout(1500) });
}

export const billing = makeServiceClient({ baseURL: 'http://billing.internal:8080' });
//                     ^^^^^^^^^^^^^^^^^ missing-timeout(wrapperWithoutDeadline)

export async function notify(userId: string) {
  await postJson('http://notify.internal:8080/send', { userId });
  //    ^^^^^^^^ missing-timeout(wrapperWithoutDeadline)
}
