// expect: no findings
import { Body, Controller, Post } from '@nestjs/common';
import { CartService, RequestContext } from './cart.service';

@Controller('cart')
export class CartController {
  constructor(
    private readonly carts: CartService,
    private readonly context: RequestContext,
  ) {}

  @Post()
  add(@Body() body: { userId: string; sku: string }): string[] {
    this.context.note('add');
    return this.carts.add(body.userId, body.sku);
  }
}
