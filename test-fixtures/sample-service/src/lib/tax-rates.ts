// expect: no findings
const DEFAULT_RATE = 0.2;

/** VAT rates by country: filled once at startup, then only read. */
const taxRates = new Map<string, number>();

/** Called from server.ts before the server listens. */
export function registerTaxRates(rates: Record<string, number>): void {
  for (const [country, rate] of Object.entries(rates)) {
    taxRates.set(country.toUpperCase(), rate);
  }
}

export function taxRateFor(country: string): number {
  return taxRates.get(country.toUpperCase()) ?? DEFAULT_RATE;
}
