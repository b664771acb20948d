import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import type { Express } from 'express';
import request from 'supertest';

/**
 * Checks a response against the OpenAPI document the app serves (OpenAPI 3.1 schemas are JSON Schema
 * 2020-12): the operation must document the status, and the body must match its schema.
 */
export async function openApiContract(app: Express) {
  const doc = (await request(app).get('/openapi.json')).body as {
    paths: Record<
      string,
      Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
    >;
    components: unknown;
  };
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: 'openapi', components: doc.components });
  const cache = new Map<string, ValidateFunction>();
  const rewrite = (schema: unknown): unknown =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'));

  return function expectDocumented(method: string, path: string, status: number, body: unknown): void {
    const operation = doc.paths[path]?.[method.toLowerCase()];
    if (!operation) throw new Error(`${method} ${path} is not in the OpenAPI document`);
    const response = operation.responses[String(status)];
    if (!response) throw new Error(`${method} ${path} does not document status ${status}`);
    const schema = response.content?.['application/json']?.schema;
    if (schema === undefined) return;
    const key = `${method} ${path} ${status}`;
    let validate = cache.get(key);
    if (!validate) {
      validate = ajv.compile(rewrite(schema) as object);
      cache.set(key, validate);
    }
    if (!validate(JSON.parse(JSON.stringify(body)))) {
      throw new Error(`${key}: the body does not match the document: ${ajv.errorsText(validate.errors)}`);
    }
  };
}
