// expect: no findings
import axios from 'axios';

export const inventoryClient = axios.create({
  baseURL: process.env.INVENTORY_URL ?? 'http://inventory.internal:8080',
  timeout: 5000,
});

export interface Reservation {
  id: string;
  expiresAt: string;
}

export async function reserveStock(lines: { productId: number; quantity: number }[]): Promise<Reservation> {
  const { data } = await inventoryClient.post<Reservation>('/reservations', { lines });
  return data;
}
