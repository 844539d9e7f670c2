// expect: no findings
import { Router, type Request, type Response } from 'express';
import { getStatus, requireRole, UserController, validateId } from './controller';

const users = new UserController();
export const router = Router();

router.get('/users', users.list.bind(users));
router.get('/status', getStatus);
router.delete('/users/:id', requireRole('admin'), (req, res) => {
  res.status(204).end();
});
router.get('/orgs/:id', validateId, (req: Request, res: Response) => {
  res.json({ id: req.params.id });
});
