import type { RequestListener } from 'node:http';
import express, { type Express, type Router } from 'express';

/** Serves the dev-only routes first and hands every other request to the app unchanged. */
export function withDevRoutes(...routers: Router[]): (app: Express) => RequestListener {
  return (app) => {
    const dev = express();
    dev.disable('x-powered-by');
    for (const r of routers) dev.use(r);
    dev.use((req, res) => app(req, res));
    return dev;
  };
}
