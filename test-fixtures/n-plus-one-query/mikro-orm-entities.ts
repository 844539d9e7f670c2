import express from 'express';
import { Collection, Entity, EntityManager, ManyToOne, OneToMany, PrimaryKey, Property, type Ref } from '@mikro-orm/core';

@Entity()
class Author {
  @PrimaryKey() id!: number;
  @Property() name!: string;
  @OneToMany(() => Book, (b) => b.author) books = new Collection<Book>(this);
}

@Entity()
class Book {
  @PrimaryKey() id!: number;
  @Property() title!: string;
  @Property() authorId!: number;
  @ManyToOne(() => Author, { ref: true }) author!: Ref<Author>;
}

declare const em: EntityManager;
const books = em.getRepository(Book);
const app = express();

app.get('/books', async (req, res) => {
  const list = await books.findAll({ limit: 50 });
  const out = [];
  for (const book of list) {
    const author = await em.findOne(Author, { id: book.authorId });
    //                   ^^^^^^^^^^ n-plus-one-query(queryPerElement): (MikroORM)
    out.push({ ...book, author });
  }
  res.json(out);
});

app.get('/authors', async (req, res) => {
  const authors = await em.find(Author, {}, { limit: 20 });
  const counts = await Promise.all(authors.map((a) => books.count({ authorId: a.id })));
  //                                                  ^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /authors
  for (const a of authors) {
    await a.books.init();
    //    ^^^^^^^^^^^^ n-plus-one-query(queryPerElement): em.populate(entities
    await em.populate(a, ['books']);
    //    ^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /authors
  }
  res.json({ authors, counts });
});

app.get('/books/authors', async (req, res) => {
  const list = await books.find({ title: { $like: '%a%' } });
  const names = [];
  for (const book of list) names.push((await book.author.load())?.name);
  //                                         ^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /books/authors
  res.json(names);
});

app.post('/books', async (req, res) => {
  const titles = req.body as string[];
  for (const title of titles) {
    em.persist(em.create(Book, { title, authorId: 1, author: em.getReference(Author, 1) }));
    await em.flush();
    //    ^^^^^^^^ n-plus-one-query(queryPerElement): `flush()` once after the loop
  }
  res.sendStatus(201);
});

app.get('/authors/with-books', async (req, res) => {
  // One query for the authors and one for all their books: not per element.
  const authors = await em.find(Author, {}, { populate: ['books'] });
  const ids = authors.map((a) => a.id);
  const all = await books.find({ authorId: { $in: ids } });
  await em.populate(authors, ['books']);
  // persist() only queues the entity; the single flush() writes them all.
  for (const a of authors) em.persist(em.create(Book, { title: a.name, authorId: a.id, author: em.getReference(Author, a.id) }));
  await em.flush();
  res.json({ authors, all });
});
