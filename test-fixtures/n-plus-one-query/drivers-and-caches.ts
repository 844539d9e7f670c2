import express from 'express';
import { Pool } from 'pg';
import mysql from 'mysql2/promise';
import Redis from 'ioredis';
import { createClient } from 'redis';

const pool = new Pool({ statement_timeout: 5_000 });
const mysqlPool = mysql.createPool({ host: 'localhost' });
const redis = new Redis({ commandTimeout: 2_000 });
const redisClient = createClient();
const app = express();

app.get('/pg/users', async (req, res) => {
  const ids = req.query.ids as string[];
  const rows = [];
  for (const id of ids) {
    const result = await pool.query('SELECT * FROM users WHERE id = $1', [id]);
    //                   ^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /pg/users
    rows.push(result.rows[0]);
  }
  res.json(rows);
});

app.get('/mysql/users', async (req, res) => {
  const ids = req.query.ids as string[];
  const rows = await Promise.all(ids.map((id) => mysqlPool.execute('SELECT * FROM users WHERE id = ?', [id])));
  //                                             ^^^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /mysql/users
  res.json(rows);
});

app.get('/sessions', async (req, res) => {
  const keys = req.query.keys as string[];
  const values: (string | null)[] = [];
  for (const key of keys) values.push(await redis.get(`session:${key}`));
  //                                        ^^^^^^^^^ n-plus-one-query(queryPerElement): GET /sessions
  res.json(values);
});

app.get('/flags', async (req, res) => {
  const names = req.query.names as string[];
  const values = await Promise.all(names.map((n) => redisClient.get(`flag:${n}`)));
  //                                                ^^^^^^^^^^^^^^^ n-plus-one-query(queryPerElement): GET /flags
  res.json(values);
});
