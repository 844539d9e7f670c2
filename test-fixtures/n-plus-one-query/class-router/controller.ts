// expect: no findings
import { Router, type IRouter, type Request, type Response } from 'express';

type Handler = (req: Request, res: Response) => Promise<void> | void;

interface RouteOptions {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  handler: Handler;
  permission?: string;
}

/** A base controller that registers each route on its own Express router. */
export default class Controller {
  readonly router: IRouter = Router();

  route(options: RouteOptions): void {
    this.router[options.method](options.path, this.withErrors(options.handler.bind(this)));
  }

  // Not a registration: it takes a handler and a path, but never hands them to a router.
  describe(options: { path: string; handler: Handler }): string {
    return `${options.path} (${options.handler.name})`;
  }

  private withErrors(handler: Handler): Handler {
    return async (req, res) => {
      try {
        await handler(req, res);
      } catch {
        res.status(500).end();
      }
    };
  }
}
