import express from 'express';
import { loadOwner, ownerName } from './owners';

const app = express();

app.get('/pets', async (req, res) => {
  const pets = req.body as { id: number; ownerId: number }[];
  const result = [];
  for (const pet of pets) {
    result.push({ ...pet, owner: await loadOwner(pet.ownerId) });
    //                                 ^^^^^^^^^ n-plus-one-query(helperPerElement): GET /pets
  }
  res.json(result);
});

app.get('/pets/names', async (req, res) => {
  const pets = req.body as { id: number; ownerId: number }[];
  const names = await Promise.all(pets.map((pet) => ownerName(pet.ownerId)));
  //                                                ^^^^^^^^^ n-plus-one-query(helperPerElement): GET /pets/names
  res.json(names);
});

// The helper called once, outside any loop: one query.
app.get('/pets/:id/owner', async (req, res) => {
  res.json(await loadOwner(Number(req.params.id)));
});
