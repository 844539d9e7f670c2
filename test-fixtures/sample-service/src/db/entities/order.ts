// expect: no findings
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user';

export type OrderStatus = 'open' | 'paid' | 'shipped' | 'closed' | 'cancelled';

/** One cart line, stored with the order (prices are frozen when the order is placed). */
export interface OrderLine {
  productId: number;
  quantity: number;
  unitPriceCents: number;
}

@Entity({ name: 'orders' })
export class Order {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ name: 'customer_id', type: 'integer' })
  customerId!: number;

  /** Not loaded by default: services fill it in when a response needs it. */
  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'customer_id' })
  customer?: User | null;

  @Index()
  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: OrderStatus;

  @Column({ type: 'jsonb' })
  items!: OrderLine[];

  @Column({ name: 'total_cents', type: 'integer' })
  totalCents!: number;

  @Column({ name: 'country', type: 'varchar', length: 2 })
  country!: string;

  @Column({ name: 'tracking_number', type: 'varchar', nullable: true })
  trackingNumber!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
