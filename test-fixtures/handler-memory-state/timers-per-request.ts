import express from 'express';
import cron from 'node-cron';
import { schedule } from 'node-cron';

const app = express();

// Startup: one schedule for the whole process.
cron.schedule('0 * * * *', () => undefined);

app.post('/reports/:id/subscribe', (req, res) => {
  cron.schedule('*/5 * * * *', () => console.log(`report ${req.params.id}`));
//^^^^^^^^^^^^^ handler-memory-state(timerPerRequest): POST /reports/:id/subscribe
  res.status(201).end();
});

app.post('/digests', (req, res) => {
  schedule('0 8 * * *', () => console.log(String(req.body.email)));
//^^^^^^^^ handler-memory-state(timerPerRequest): POST /digests
  res.status(201).end();
});

// Stopped when the request ends: lives no longer than the request.
app.get('/progress', (req, res) => {
  const task = cron.schedule('* * * * * *', () => res.write('data: tick\n\n'));
  req.on('close', () => task.stop());
});
