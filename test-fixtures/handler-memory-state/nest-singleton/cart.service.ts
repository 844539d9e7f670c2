import { Injectable, Scope } from '@nestjs/common';

@Injectable()
export class CartService {
  private readonly carts = new Map<string, string[]>();
  private served = 0;

  add(userId: string, sku: string): string[] {
    this.served++;
//  ^^^^^^^^^^^ handler-memory-state(counterState): POST /cart
    const cart = this.carts.get(userId) ?? [];
    cart.push(sku);
    this.carts.set(userId, cart);
//  ^^^^^^^^^^^^^^ handler-memory-state(growingState): POST /cart
    return cart;
  }
}

/** One instance per request: its fields are per-request state. */
@Injectable({ scope: Scope.REQUEST })
export class RequestContext {
  private readonly notes: string[] = [];

  note(text: string): void {
    this.notes.push(text);
  }
}
