import express from 'express';
import { DataTypes, Model, Sequelize, type HasManyGetAssociationsMixin } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class Comment extends Model {
  declare id: number;
  declare articleId: number;
  declare body: string;
}

class Article extends Model {
  declare id: number;
  declare title: string;
  declare getComments: HasManyGetAssociationsMixin<Comment>;
}

Article.init({ id: { type: DataTypes.INTEGER, primaryKey: true }, title: DataTypes.STRING }, { sequelize });
Comment.init({ id: { type: DataTypes.INTEGER, primaryKey: true }, articleId: DataTypes.INTEGER, body: DataTypes.STRING }, { sequelize });
Article.hasMany(Comment, { foreignKey: 'articleId' });

const app = express();

app.get('/comments/articles', async (req, res) => {
  const comments = await Comment.findAll({ limit: 100 });
  const articles = [];
  const articlesById = new Map((await Article.findAll({ where: { id: comments.map((comment) => comment.articleId) } })).map((row) => [row.id, row]));
  for (const comment of comments) {
    articles.push(articlesById.get(comment.articleId) ?? null);
  }
  res.json(articles);
});

app.get('/articles/comments', async (req, res) => {
  const articles = await Article.findAll();
  const threads = await Promise.all(articles.map((a) => a.getComments()));
  res.json(threads);
});

app.post('/comments/bulk', async (req, res) => {
  const bodies = req.body as { articleId: number; body: string }[];
  await Comment.bulkCreate(bodies.map((b) => ({ articleId: b.articleId, body: b.body })));
  res.sendStatus(201);
});

// Keyed by `slug`, not `id`: reported, but the findAll rewrite (which keys rows by `id`) is not offered.
class Tag extends Model {
  declare id: number;
  declare slug: string;
}
Tag.init({ slug: { type: DataTypes.STRING, primaryKey: true }, id: DataTypes.INTEGER }, { sequelize });

app.get('/tags', async (req, res) => {
  const slugs = req.query.slugs as string[];
  const tags = [];
  for (const slug of slugs) tags.push(await Tag.findByPk(slug));
  res.json(tags);
});
