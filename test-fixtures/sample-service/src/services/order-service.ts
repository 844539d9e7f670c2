import { In, MoreThan, type DataSource } from 'typeorm';
import { chargeCustomer } from '../clients/billing';
import { reserveStock } from '../clients/inventory';
import { Order, type OrderLine } from '../db/entities/order';
import { Product } from '../db/entities/product';
import { User } from '../db/entities/user';
import { taxRateFor } from '../lib/tax-rates';

export interface CartLine {
  productId: number;
  quantity: number;
}

export class UnknownProductError extends Error {
  constructor(readonly productIds: number[]) {
    super(`unknown products: ${productIds.join(', ')}`);
  }
}

const EXPORT_PAGE_SIZE = 500;

export function createOrderService(dataSource: DataSource) {
  const orderRepo = dataSource.getRepository(Order);
  const userRepo = dataSource.getRepository(User);
  const productRepo = dataSource.getRepository(Product);

  return {
    findById(id: number): Promise<Order | null> {
      return orderRepo.findOneBy({ id });
    },

    /** The latest orders, each with its customer. */
    async listRecent(limit: number): Promise<Order[]> {
      const orders = await orderRepo.find({ order: { createdAt: 'DESC' }, take: limit });
      for (const order of orders) {
        order.customer = await userRepo.findOneBy({ id: order.customerId });
        //                     ^^^^^^^^^^^^^^^^^^ n-plus-one-query: GET /orders
      }
      return orders;
    },

    /** One order with the products on it. */
    async getWithProducts(id: number): Promise<(Order & { products: (Product | null)[] }) | undefined> {
      const order = await orderRepo.findOneBy({ id });
      if (!order) return undefined;
      const products = await Promise.all(order.items.map((item) => productRepo.findOneBy({ id: item.productId })));
      //                                                           ^^^^^^^^^^^^^^^^^^^^^ n-plus-one-query: GET /orders/:id
      return { ...order, products };
    },

    /** Prices the cart with one query for all of its products, reserves stock, charges the customer. */
    async place(customerId: number, cart: CartLine[], country: string): Promise<Order> {
      const ids = [...new Set(cart.map((line) => line.productId))];
      const products = await productRepo.findBy({ id: In(ids) });
      const byId = new Map(products.map((p) => [p.id, p]));
      const missing = ids.filter((id) => !byId.has(id));
      if (missing.length > 0) throw new UnknownProductError(missing);

      const items: OrderLine[] = cart.map((line) => ({ ...line, unitPriceCents: byId.get(line.productId)!.priceCents }));
      const net = items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
      const totalCents = Math.round(net * (1 + taxRateFor(country)));

      await reserveStock(cart);
      const order = await orderRepo.save(orderRepo.create({ customerId, items, totalCents, country, status: 'open', trackingNumber: null }));
      const charge = await chargeCustomer(customerId, totalCents, `order-${order.id}`);
      order.status = charge.status === 'succeeded' ? 'paid' : 'cancelled';
      return orderRepo.save(order);
    },

    /** Every order as CSV, read a page at a time: each page starts after the last id of the previous one. */
    async exportCsv(): Promise<string> {
      const rows = ['id,customer_id,status,total_cents,created_at'];
      let cursor = 0;
      for (;;) {
        const page = await orderRepo.find({ where: { id: MoreThan(cursor) }, order: { id: 'ASC' }, take: EXPORT_PAGE_SIZE });
        if (page.length === 0) break;
        for (const o of page) rows.push([o.id, o.customerId, o.status, o.totalCents, o.createdAt.toISOString()].join(','));
        cursor = page[page.length - 1].id;
      }
      return rows.join('\n');
    },

    /** Order counts for the sales report: one query per status, and there are two. */
    async countByStatus(): Promise<Record<'open' | 'closed', number>> {
      const counts = { open: 0, closed: 0 };
      for (const status of ['open', 'closed'] as const) {
        counts[status] = await orderRepo.countBy({ status });
      }
      return counts;
    },
  };
}
