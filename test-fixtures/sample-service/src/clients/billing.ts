import axios from 'axios';
import { readFileSync } from 'node:fs';

const API_KEY_FILE = process.env.BILLING_API_KEY_FILE ?? '/run/secrets/billing-api-key';

export const billingClient = axios.create({
  //                         ^^^^^^^^^^^^ missing-timeout
  baseURL: process.env.BILLING_URL ?? 'http://billing.internal:8080/v2',
  headers: { 'content-type': 'application/json' },
});

export interface Charge {
  id: string;
  status: 'succeeded' | 'declined';
}

/** The platform rotates the key in the mounted secret, so it is read again for every call. */
function authHeaders(): Record<string, string> {
  const key = readFileSync(API_KEY_FILE, 'utf8').trim();
  //          ^^^^^^^^^^^^ sync-blocking-call: POST /orders
  return { authorization: `Bearer ${key}` };
}

export async function chargeCustomer(customerId: number, amountCents: number, reference: string): Promise<Charge> {
  const { data } = await billingClient.post<Charge>(
    '/charges',
    { customerId, amountCents, currency: 'EUR', reference },
    { headers: authHeaders() },
  );
  return data;
}
