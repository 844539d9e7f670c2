import type { Request, Response } from 'express';
import Controller from './controller';
import { FeatureStore } from './feature-store';

export class FeatureController extends Controller {
  constructor(private readonly store: FeatureStore) {
    super();
    this.route({ method: 'get', path: '/features', handler: this.getFeatures, permission: 'READ' });
    this.route({ method: 'post', path: '/features/report', handler: this.report });
    void this.describe({ path: '/features/stats', handler: this.stats });
  }

  async getFeatures(req: Request, res: Response): Promise<void> {
    const features = await this.store.getAll();
    const counts = [];
    for (const f of features) counts.push(await this.store.countStrategies(f.name));
                                             // ^^^^^^^^^^^^^^^^^^^^^^^^^^ n-plus-one-query(helperPerElement): GET /features
    res.json({ features, counts });
  }

  async report(req: Request, res: Response): Promise<void> {
    const names = req.body as string[];
    res.json(await Promise.all(names.map((n) => this.store.countStrategies(n))));
                                             // ^^^^^^^^^^^^^^^^^^^^^^^^^^ n-plus-one-query(helperPerElement): POST /features/report
  }

  // Only described, never registered: not on a request path.
  async stats(req: Request, res: Response): Promise<void> {
    const features = await this.store.getAll();
    for (const f of features) await this.store.countStrategies(f.name);
    res.end();
  }
}
