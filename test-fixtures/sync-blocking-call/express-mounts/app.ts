// expect: no findings
import express from 'express';
import { apiRouter } from './api';
import { createAdminRouter } from './admin';

const app = express();
app.use('/api', apiRouter);
app.use('/admin', createAdminRouter());
app.listen(3000);
