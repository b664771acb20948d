import { Router } from 'express';

/** The landing page: what Yinling is, and the ways in. */
export function homePages(): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.render('home', { titleKey: 'home.title' });
  });
  return router;
}
