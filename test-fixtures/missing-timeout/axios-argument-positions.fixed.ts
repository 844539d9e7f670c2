import axios from 'axios';

const BASE = 'http://accounts.internal:8080';
const defaultConfig = { timeout: 4000 };

export async function configIsTheSecondArgument() {
  await axios.get(`${BASE}/a`, { timeout: 10000 });
  await axios.get(`${BASE}/b`, { timeout: 2000 });
  await axios.delete(`${BASE}/c`, defaultConfig);
  await axios.head(`${BASE}/d`, { headers: { accept: '*/*' }, timeout: 10000 });
}

export async function configIsTheThirdArgument() {
  await axios.post(`${BASE}/e`, { name: 'x' }, { timeout: 2000 });
  // { timeout } in the 2nd position is the request body, not the config.
  await axios.post(`${BASE}/f`, { timeout: 2000 }, { timeout: 10000 });
  await axios.put(`${BASE}/g`, undefined, { timeout: 10000 });
  await axios.patch(`${BASE}/h`, { name: 'y' }, { ...defaultConfig, headers: { 'x-trace': '1' } });
}

export async function configObjectCalls() {
  await axios({ url: `${BASE}/i`, method: 'get', timeout: 10000 });
  await axios({ url: `${BASE}/j`, timeout: 1000 });
  await axios(`${BASE}/k`, { timeout: 10000 });
  await axios(`${BASE}/l`, { timeout: 1000 });
  await axios.request({ url: `${BASE}/m`, timeout: 10000 });
  await axios.request({ url: `${BASE}/n`, signal: AbortSignal.timeout(1000) });
  await axios.get(`${BASE}/o`, { timeout: 10000 });
}
