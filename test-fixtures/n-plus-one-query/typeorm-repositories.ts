import express from 'express';
import { DataSource, Entity, ManyToOne, PrimaryGeneratedColumn, Column } from 'typeorm';

@Entity()
class Author {
  @PrimaryGeneratedColumn() id!: number;
  @Column() name!: string;
}

@Entity()
class Book {
  @PrimaryGeneratedColumn() id!: number;
  @Column() authorId!: number;
  @Column() title!: string;
  @ManyToOne(() => Author, { lazy: true }) author!: Promise<Author>;
}

const dataSource = new DataSource({ type: 'postgres' });
const books = dataSource.getRepository(Book);
const authors = dataSource.getRepository(Author);
const app = express();

app.get('/books', async (req, res) => {
  const list = await books.find();
  for (const book of list) {
    const author = await authors.findOneBy({ id: book.authorId });
                      // ^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /books
    res.write(`${book.title} by ${author?.name ?? 'unknown'}\n`);
  }
  res.end();
});

app.get('/books/authors', async (req, res) => {
  const list = await books.find();
  const names: string[] = [];
  for (const book of list) {
    const author = await book.author;
                // ^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /books/authors
    names.push(author.name);
  }
  res.json(names);
});

app.get('/books/by-manager', async (req, res) => {
  const ids = (req.query.ids as string[]).map(Number);
  const found = await Promise.all(ids.map((id) => dataSource.manager.findOne(Book, { where: { id } })));
                                               // ^^^^^^^^^^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /books/by-manager
  res.json(found);
});

app.get('/books/query-builder', async (req, res) => {
  const list = await books.find();
  const withAuthors = [];
  for (const book of list) {
    withAuthors.push(await authors.createQueryBuilder('a').where('a.id = :id', { id: book.authorId }).getOne());
                        // ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /books/query-builder
  }
  res.json(withAuthors);
});

app.post('/books/retitle', async (req, res) => {
  const changes = req.body as { id: number; title: string }[];
  changes.forEach(async (c) => {
    await books.update({ id: c.id }, { title: c.title });
       // ^^^^^^^^^^^^ n-plus-one-query(queryPerElement): POST /books/retitle
  });
  res.sendStatus(202);
});

app.get('/books/with-author', async (req, res) => {
  const ids = (req.query.ids as string[]).map(Number);
  const out = [];
  for (const id of ids) {
    const book = await books.findOne({ where: { id }, relations: { author: true }, select: { id: true, title: true } });
                    // ^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /books/with-author
    out.push(book?.title);
  }
  for (const bookId of ids) {
    out.push((await dataSource.manager.findOneBy(Author, { id: bookId }))?.name);
                 // ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /books/with-author
  }
  // Ordered, or without the key among the selected columns: reported, but no rewrite.
  for (const id of ids) {
    out.push((await books.findOne({ where: { authorId: id }, order: { id: 'DESC' } }))?.title);
                 // ^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /books/with-author
    out.push((await books.findOne({ where: { id }, select: { title: true } }))?.title);
                 // ^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /books/with-author
  }
  res.json(out);
});

app.post('/authors', async (req, res) => {
  const names = req.body as string[];
  for (const name of names) {
    await authors.insert({ name });
       // ^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): POST /authors
  }
  for (const title of names) await books.save({ title, authorId: 1 });
                                // ^^^^^^^^^^ n-plus-one-query(queryPerElement): POST /authors
  res.sendStatus(201);
});

app.get('/books/author-names', async (req, res) => {
  const recent = await books.find({ where: { authorId: Number(req.query.author) }, take: 20 });
  const names: string[] = [];
  for (const book of recent) names.push((await book.author).name);
                                      // ^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): `relations: { author: true }` on the `find` that loaded `recent`
  // Loaded with the rows: awaiting the relation costs no query.
  const withAuthors = await books.find({ relations: { author: true }, take: 20 });
  for (const book of withAuthors) names.push((await book.author).name);
  res.json(names);
});
