import { Injectable } from '@nestjs/common';
import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
export class Invoice {
  @PrimaryGeneratedColumn() id!: number;
  @Column() customerId!: number;
}

@Entity()
export class InvoiceLine {
  @PrimaryGeneratedColumn() id!: number;
  @Column() invoiceId!: number;
  @Column() amountCents!: number;
}

@Injectable()
export class InvoicesService {
  constructor(private readonly dataSource: DataSource) {}

  async listWithLines(customerId: number) {
    const invoices = await this.dataSource.getRepository(Invoice).findBy({ customerId });
    return Promise.all(
      invoices.map(async (invoice) => ({ ...invoice, lines: await this.dataSource.getRepository(InvoiceLine).findBy({ invoiceId: invoice.id }) })),
      //                                                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /invoices
    );
  }
}
