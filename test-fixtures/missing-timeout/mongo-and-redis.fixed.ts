import mongoose from 'mongoose';
import { MongoClient } from 'mongodb';
import { createClient } from 'redis';

const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://db.internal:27017/shop';

export async function connectAll() {
  await mongoose.connect(MONGO_URL, { socketTimeoutMS: 10000 });
  await mongoose.connect(MONGO_URL, { socketTimeoutMS: 45_000, serverSelectionTimeoutMS: 5_000 });
  // The deadline in the connection string counts.
  await mongoose.connect('mongodb://db.internal:27017/shop?socketTimeoutMS=30000');
  const reports = mongoose.createConnection(MONGO_URL, { maxPoolSize: 5, socketTimeoutMS: 10000 });
  // Opened later with openUri(): not judged here.
  const lazy = mongoose.createConnection();
  return { reports, lazy };
}

export const archive = new MongoClient(MONGO_URL, { appName: 'archive', socketTimeoutMS: 10000 });
export const events = new MongoClient(MONGO_URL, { socketTimeoutMS: 20_000 });

// node-redis times commands out after 5 s by default: only switching that off is reported.
export const sessions = createClient({ url: 'redis://cache.internal:6379' });
export const queue = createClient({ url: 'redis://cache.internal:6379', commandOptions: { timeout: 10000 } });
