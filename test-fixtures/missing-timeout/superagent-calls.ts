import superagent from 'superagent';
import request from 'superagent';

const BASE = 'http://mailer.internal:8080';

export async function send() {
  await superagent.post(`${BASE}/send`).send({ to: 'a@b.c' });
  //    ^^^^^^^^^^^^^^^ missing-timeout(callWithoutDeadline): superagent sets no timeout
  await superagent.get(`${BASE}/status`).timeout({ response: 2000, deadline: 5000 });
  await request.get(`${BASE}/quota`).set('accept', 'application/json').timeout(3000);
  const res = await request.get(`${BASE}/templates`);
  //                ^^^^^^^^^^^ missing-timeout
  return res.body;
}

export async function storedRequest() {
  const req = superagent.get(`${BASE}/later`);
  req.set('x-trace', '1');
  req.timeout(4000);
  return (await req).body;
}

/** Handed back to the caller, who may still set its deadline: not judged here. */
export function pending() {
  return superagent.get(`${BASE}/pending`);
}
