import type { Order } from '../db/entities/order';

const SHIPPING_URL = process.env.SHIPPING_URL ?? 'http://shipping.internal:8080';

export interface ShippingQuote {
  carrier: string;
  priceCents: number;
  estimatedDays: number;
}

export interface TrackingEvent {
  at: string;
  status: string;
  location: string;
}

/** Asks the carrier gateway for a price for the order's parcels. */
export async function quoteShipping(order: Order, country: string): Promise<ShippingQuote> {
  const parcels = order.items.reduce((n, item) => n + item.quantity, 0);
  const query = new URLSearchParams({ country, parcels: String(parcels) });
  const res = await fetch(`${SHIPPING_URL}/quotes?${query}`);
  //                ^^^^^ missing-timeout: GET /orders/:id/shipping-quote
  if (!res.ok) throw new Error(`shipping quote failed with ${res.status}`);
  return (await res.json()) as ShippingQuote;
}

/** The parcel's tracking history; the gateway gets 3 seconds to answer. */
export async function trackShipment(trackingNumber: string): Promise<TrackingEvent[]> {
  const res = await fetch(`${SHIPPING_URL}/tracking/${encodeURIComponent(trackingNumber)}`, {
    signal: AbortSignal.timeout(3000),
  });
  if (!res.ok) throw new Error(`tracking failed with ${res.status}`);
  return (await res.json()) as TrackingEvent[];
}
