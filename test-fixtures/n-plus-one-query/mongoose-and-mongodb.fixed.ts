import express from 'express';
import mongoose, { Schema, type Types } from 'mongoose';
import { MongoClient } from 'mongodb';

interface IAccount {
  name: string;
  ownerId: Types.ObjectId;
}
const Account = mongoose.model<IAccount>('Account', new Schema<IAccount>({ name: String, ownerId: Schema.Types.ObjectId }));
const Owner = mongoose.model('Owner', new Schema({ email: String }));
const mongo = new MongoClient('mongodb://localhost', { socketTimeoutMS: 30_000 });
const app = express();

app.get('/accounts/owners', async (req, res) => {
  const accounts = await Account.find().limit(100);
  const owners = [];
  const ownersById = new Map((await Owner.find({ _id: { $in: accounts.map((account) => account.ownerId) } })).map((row) => [String(row._id), row]));
  for (const account of accounts) {
    owners.push(ownersById.get(String(account.ownerId)) ?? null);
  }
  res.json(owners);
});

app.get('/accounts/populated', async (req, res) => {
  const accounts = await Account.find().limit(100);
  for (const account of accounts) {
    await account.populate('ownerId');
  }
  res.json(accounts);
});

app.get('/events', async (req, res) => {
  const ids = req.query.ids as string[];
  const events = mongo.db('app').collection('events');
  const found = await Promise.all(ids.map((id) => events.findOne({ key: id })));
  res.json(found);
});

app.post('/accounts/import', async (req, res) => {
  const rows = req.body as IAccount[];
  await Account.insertMany(rows.map((row) => ({ name: row.name, ownerId: row.ownerId })));
  res.sendStatus(201);
});
