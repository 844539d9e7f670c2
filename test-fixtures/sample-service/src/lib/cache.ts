// expect: no findings
import { LRUCache } from 'lru-cache';
import type { Product } from '../db/entities/product';
import type { User } from '../db/entities/user';

/**
 * Signed-in users by session token, so that GET /users/me skips the database. Every instance keeps
 * its own copy, nothing ever evicts an entry, and a logout handled by another instance leaves the
 * token valid here.
 */
export const sessionCache = new Map<string, User>();

/** Product details by id: bounded and short-lived, so instances agree again within 30 s. */
export const productCache = new LRUCache<number, Product>({ max: 1000, ttl: 30_000 });
