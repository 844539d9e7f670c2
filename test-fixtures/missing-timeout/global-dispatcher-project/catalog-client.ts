// expect: no findings
import { request } from 'undici';

export async function loadCatalog(sku: string) {
  const res = await fetch(`http://catalog.internal:8080/items/${sku}`);
  const stock = await request(`http://stock.internal:8080/items/${sku}`);
  return { item: await res.json(), stock: await stock.body.json() };
}
