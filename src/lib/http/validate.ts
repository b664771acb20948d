import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { type ZodType, z } from 'zod';

export interface RequestSchemas {
  body?: ZodType;
  query?: ZodType;
  params?: ZodType;
}

type Parsed<S extends RequestSchemas> = {
  [K in keyof S]: S[K] extends ZodType ? z.output<S[K]> : never;
};

const KEY = 'validated';

/**
 * Parses body, query and params with their zod schemas and keeps the result on res.locals
 * (Express 5's req.query is a getter and must not be written). A failure becomes a 400 with
 * the path of every field at fault, through the error middleware.
 */
export function validate(schemas: RequestSchemas): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const out: Record<string, unknown> = {};
    const issues: z.core.$ZodIssue[] = [];
    for (const part of ['params', 'query', 'body'] as const) {
      const schema = schemas[part];
      if (!schema) continue;
      const input = part === 'body' ? (req.body ?? {}) : req[part];
      const result = schema.safeParse(input);
      if (result.success) out[part] = result.data;
      else issues.push(...result.error.issues.map((i) => ({ ...i, path: [part, ...i.path] })));
    }
    if (issues.length > 0) return next(new z.ZodError(issues));
    res.locals[KEY] = out;
    next();
  };
}

/** The parsed input of a route, typed by the same schemas given to validate(). */
export function validated<S extends RequestSchemas>(res: Response, _schemas: S): Parsed<S> {
  return res.locals[KEY] as Parsed<S>;
}
