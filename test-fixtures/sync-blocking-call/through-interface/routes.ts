// expect: no findings
import express from 'express';
import { DiskAvatarStore, type AvatarStore } from './store';

// The handler only knows the interface: the call is followed to the class that implements it.
const store: AvatarStore = new DiskAvatarStore();
const app = express();
app.get('/avatars/:id', (req, res) => {
  res.type('png').send(store.load(req.params.id));
});
