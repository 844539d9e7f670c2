import { Router } from 'express';
import { execSync } from 'node:child_process';

export function createAdminRouter(): Router {
  const router = Router();
  router.post('/deploy', (req, res) => {
    res.send(execSync('./deploy.sh').toString());
    //       ^^^^^^^^ sync-blocking-call: POST /admin/deploy
  });
  return router;
}
