import OpenAI from 'openai';
import Stripe from 'stripe';

// OpenAI waits up to 10 minutes per attempt and retries twice unless told otherwise.
export const assistant = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
//                           ^^^^^^ missing-timeout(clientWithoutDeadline): 10 minutes per attempt
export const summariser = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, timeout: 20_000, maxRetries: 1 });

// Stripe bounds each request at 80 s on its own: not reported.
export const payments = new Stripe(process.env.STRIPE_KEY ?? '');
