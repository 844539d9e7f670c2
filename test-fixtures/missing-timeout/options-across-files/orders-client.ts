import axios from 'axios';
import { clientDefaults, jsonInit, timedFetch, upstreamInit } from './http-options';

const BASE = 'http://orders.internal:8080';

export const ordersApi = axios.create({ ...clientDefaults, baseURL: BASE });

export async function fetchOrder(id: string): Promise<Response> {
  return fetch(`${BASE}/orders/${id}`, upstreamInit);
}

export async function fetchInvoice(id: string): Promise<Response> {
  return fetch(`${BASE}/invoices/${id}`, { ...jsonInit, method: 'GET' });
  //     ^^^^^ missing-timeout(callWithoutDeadline)
}

export async function fetchShipment(id: string): Promise<Response> {
  return timedFetch(`${BASE}/shipments/${id}`, jsonInit);
}
