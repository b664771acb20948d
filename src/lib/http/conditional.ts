import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/** A strong entity tag naming `identity`: what the answer is (its version and key) or its whole content. */
export const strongEtag = (identity: string): string =>
  `"${createHash('sha1').update(identity).digest('base64url')}"`;

/**
 * Conditional GETs (RFC 9110 §13.1.2): If-None-Match holds `*` or a list of entity tags, compared weakly
 * (W/"x" names the same as "x").
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}

/**
 * Answers a conditional route (`conditional: true` in its spec): 304 without a body when the client
 * already holds this ETag, else 200 with the JSON, built only then. Private: the answers are per user.
 */
export async function sendConditionalJson(
  req: Request,
  res: Response,
  etag: string,
  json: () => Promise<string>,
): Promise<void> {
  res.set({ ETag: etag, 'Cache-Control': 'private, no-cache' });
  if (etagMatches(req.get('if-none-match'), etag)) {
    res.status(304).end();
    return;
  }
  const body = await json();
  res.status(200).type('application/json').send(body);
}
