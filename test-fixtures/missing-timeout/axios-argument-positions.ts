import axios from 'axios';

const BASE = 'http://accounts.internal:8080';
const defaultConfig = { timeout: 4000 };

export async function configIsTheSecondArgument() {
  await axios.get(`${BASE}/a`);
  //    ^^^^^^^^^ missing-timeout(callWithoutDeadline): `timeout: 0`
  await axios.get(`${BASE}/b`, { timeout: 2000 });
  await axios.delete(`${BASE}/c`, defaultConfig);
  await axios.head(`${BASE}/d`, { headers: { accept: '*/*' } });
  //    ^^^^^^^^^^ missing-timeout
}

export async function configIsTheThirdArgument() {
  await axios.post(`${BASE}/e`, { name: 'x' }, { timeout: 2000 });
  // { timeout } in the 2nd position is the request body, not the config.
  await axios.post(`${BASE}/f`, { timeout: 2000 });
  //    ^^^^^^^^^^ missing-timeout
  await axios.put(`${BASE}/g`);
  //    ^^^^^^^^^ missing-timeout
  await axios.patch(`${BASE}/h`, { name: 'y' }, { ...defaultConfig, headers: { 'x-trace': '1' } });
}

export async function configObjectCalls() {
  await axios({ url: `${BASE}/i`, method: 'get' });
  //    ^^^^^ missing-timeout
  await axios({ url: `${BASE}/j`, timeout: 1000 });
  await axios(`${BASE}/k`);
  //    ^^^^^ missing-timeout
  await axios(`${BASE}/l`, { timeout: 1000 });
  await axios.request({ url: `${BASE}/m` });
  //    ^^^^^^^^^^^^^ missing-timeout
  await axios.request({ url: `${BASE}/n`, signal: AbortSignal.timeout(1000) });
  await axios.get(`${BASE}/o`, { timeout: 0 });
  //    ^^^^^^^^^ missing-timeout
}
