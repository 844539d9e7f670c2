import express from 'express';
import { DataSource, Entity, ManyToOne, PrimaryGeneratedColumn, Column, In } from 'typeorm';

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
  const authorsById = new Map((await authors.findBy({ id: In(list.map((book) => book.authorId)) })).map((row) => [row.id, row]));
  for (const book of list) {
    const author = authorsById.get(book.authorId) ?? null;
    res.write(`${book.title} by ${author?.name ?? 'unknown'}\n`);
  }
  res.end();
});

app.get('/books/authors', async (req, res) => {
  const list = await books.find({ relations: { author: true } });
  const names: string[] = [];
  for (const book of list) {
    const author = await book.author;
    names.push(author.name);
  }
  res.json(names);
});

app.get('/books/by-manager', async (req, res) => {
  const ids = (req.query.ids as string[]).map(Number);
  const booksById = new Map((await dataSource.manager.find(Book, { where: { id: In(ids) } })).map((row) => [row.id, row]));
  const found = await Promise.all(ids.map((id) => booksById.get(id) ?? null));
  res.json(found);
});

app.get('/books/query-builder', async (req, res) => {
  const list = await books.find();
  const withAuthors = [];
  for (const book of list) {
    withAuthors.push(await authors.createQueryBuilder('a').where('a.id = :id', { id: book.authorId }).getOne());
  }
  res.json(withAuthors);
});

app.post('/books/retitle', async (req, res) => {
  const changes = req.body as { id: number; title: string }[];
  changes.forEach(async (c) => {
    await books.update({ id: c.id }, { title: c.title });
  });
  res.sendStatus(202);
});

app.get('/books/with-author', async (req, res) => {
  const ids = (req.query.ids as string[]).map(Number);
  const out = [];
  const booksById = new Map((await books.find({ where: { id: In(ids) }, relations: { author: true }, select: { id: true, title: true } })).map((row) => [row.id, row]));
  for (const id of ids) {
    const book = booksById.get(id) ?? null;
    out.push(book?.title);
  }
  const authorsById = new Map((await dataSource.manager.findBy(Author, { id: In(ids) })).map((row) => [row.id, row]));
  for (const bookId of ids) {
    out.push((authorsById.get(bookId) ?? null)?.name);
  }
  // Ordered, or without the key among the selected columns: reported, but no rewrite.
  for (const id of ids) {
    out.push((await books.findOne({ where: { authorId: id }, order: { id: 'DESC' } }))?.title);
    out.push((await books.findOne({ where: { id }, select: { title: true } }))?.title);
  }
  res.json(out);
});

app.post('/authors', async (req, res) => {
  const names = req.body as string[];
  await authors.insert(names.map((name) => ({ name })));
  await books.save(names.map((title) => ({ title, authorId: 1 })));
  res.sendStatus(201);
});

app.get('/books/author-names', async (req, res) => {
  const recent = await books.find({ where: { authorId: Number(req.query.author) }, take: 20, relations: { author: true } });
  const names: string[] = [];
  for (const book of recent) names.push((await book.author).name);
  // Loaded with the rows: awaiting the relation costs no query.
  const withAuthors = await books.find({ relations: { author: true }, take: 20 });
  for (const book of withAuthors) names.push((await book.author).name);
  res.json(names);
});
