import { createHash } from 'node:crypto';
import fc from 'fast-check';
import mongoose, { Types } from 'mongoose';
import request from 'supertest';
import { User, type UserRecord } from '../../src/modules/accounts/user.model';
import { createUser } from '../../src/modules/accounts/users.service';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, uniqueEmail } from '../support/auth';
import { createExpertAs, createMatch, tokenFor } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { type OpenApiDoc, servedDocument } from '../support/openapi-contract';
import { employerUser } from '../support/organisations.factory';

/**
 * Hostile input against every operation of the served OpenAPI document, as every role: wrong types,
 * huge and deeply nested bodies, NUL and lone surrogates, MongoDB operators and prototype-pollution
 * keys in bodies, query strings and paths, other people's ids. Whatever comes in: no 5xx, every 4xx
 * in the one error shape, every answer as documented (startTestApp's contract watch), and a refused
 * request writes nothing to the database.
 *
 * Seeded and bounded for `npm test`; FUZZ_RUNS=2000 (total requests) for a longer run, FUZZ_SEED to
 * replay another seed.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 340);
const SEED = Number(process.env.FUZZ_SEED ?? 20260214);
const ROLES = ['anonymous', 'expert', 'employer', 'coordinator', 'admin'] as const;
type Role = (typeof ROLES)[number];

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  template: string;
  params: string[];
  query: string[];
  bodyKeys: string[] | undefined;
}

// Deleting one's own account succeeds with any input and would leave a role without a caller.
const SKIPPED = new Set(['delete /api/v1/me']);

let t: TestApp;
let doc: OpenApiDoc;
let operations: Operation[];
const callers = new Map<Role, SignedIn | undefined>();
/** Ids of records that belong to someone: the other expert's, the other employer's, staff's. */
const ids: string[] = [];

beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000000', LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000000' });
  doc = await servedDocument(t.app);
  operations = operationsOf(doc);

  const staff = async (role: 'coordinator' | 'admin') => {
    const email = uniqueEmail(role);
    const user = await createUser({ email, role, displayName: `${role} 测试` });
    return tokenFor(String(user._id), email);
  };
  const coordinator = await staff('coordinator');
  const admin = await staff('admin');
  const expertOf = async () => {
    const email = uniqueEmail('expert');
    const expertId = await createExpertAs(t.app, coordinator, { email });
    const user = await User.findOne({ email }).lean<UserRecord>();
    if (!user) throw new Error('the assisted registration made no account');
    return { expertId, auth: await tokenFor(String(user._id), email) };
  };
  const [expert, otherExpert] = [await expertOf(), await expertOf()];
  const [employer, otherEmployer] = [await employerUser(), await employerUser()];
  const need = await createOpenNeed(t.app, otherEmployer.header);
  const match = await createMatch(otherExpert.expertId, otherEmployer.organisationId, 'proposed');
  callers.set('anonymous', undefined);
  callers.set('expert', expert.auth);
  callers.set('employer', employer);
  callers.set('coordinator', coordinator);
  callers.set('admin', admin);
  ids.push(
    otherExpert.expertId,
    otherExpert.auth.userId,
    otherEmployer.organisationId,
    otherEmployer.userId,
    need.id,
    match,
    coordinator.userId,
    admin.userId,
    String(new Types.ObjectId()),
  );
  // what the suite made is part of the state a refused request must leave alone
  expect(t.contract.take()).toEqual([]);
}, 60_000);
afterAll(() => t.close());

function operationsOf(document: OpenApiDoc): Operation[] {
  const resolve = (schema: unknown): Record<string, unknown> => {
    const ref = (schema as { $ref?: string })?.$ref;
    if (!ref) return (schema ?? {}) as Record<string, unknown>;
    return resolve(document.components.schemas?.[ref.split('/').pop() as string]);
  };
  return Object.entries(document.paths).flatMap(([template, ops]) =>
    Object.entries(ops)
      .filter(([method]) => !SKIPPED.has(`${method} ${template}`))
      .map(([method, op]) => {
        const body = op.requestBody?.content?.['application/json']?.schema;
        const properties = body === undefined ? undefined : resolve(body).properties;
        return {
          method: method as Operation['method'],
          template,
          params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
          query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
          bodyKeys: body === undefined ? undefined : Object.keys((properties ?? {}) as object),
        };
      }),
  );
}

// ---- hostile values, as JSON text (so keys like __proto__ stay plain keys) ----------------------

const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '$where',
  '$gt',
  '$ne',
  '$expr',
  '_id',
  'role',
  '',
];
const HOSTILE_STRINGS = [
  '$gt',
  '$where',
  'this.passwordHash',
  '__proto__',
  'constructor.prototype',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  "'; return true; var x='",
  '{"$ne":null}',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '0x7fffffff',
  '',
  ' ',
];

const stringText = fc
  .oneof(
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom('x'.repeat(10_000), '长'.repeat(3_000)),
  )
  .map((s) => JSON.stringify(s));
const scalarText = fc.oneof(
  stringText,
  fc.constantFrom(
    'null',
    'true',
    'false',
    '0',
    '-0',
    '1e308',
    '-1e308',
    '9007199254740993',
    '0.1',
    '-1',
    '[]',
    '{}',
  ),
  fc.integer().map(String),
);
const operatorText = fc
  .tuple(fc.constantFrom('$gt', '$ne', '$where', '$regex', '$in', '$exists', '$expr'), scalarText)
  .map(([op, v]) => `{${JSON.stringify(op)}:${v}}`);
const deepText = fc
  .integer({ min: 50, max: 3_000 })
  .map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);

const valueText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarText,
    operatorText,
    deepText,
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc
      .array(
        fc.tuple(
          fc.constantFrom(...HOSTILE_KEYS).map((k) => JSON.stringify(k)),
          tie('value'),
        ),
        {
          maxLength: 4,
        },
      )
      .map((entries) => `{${entries.map(([k, v]) => `${k}:${v}`).join(',')}}`),
  ),
})).value;

/** A body: mostly the operation's own fields with wrong or hostile values, sometimes anything at all. */
const bodyText = (keys: string[]) =>
  fc.oneof(
    fc
      .tuple(
        fc.subarray(keys.length > 0 ? keys : ['x']),
        fc.array(valueText, { minLength: 8, maxLength: 8 }),
        fc.array(fc.tuple(fc.constantFrom(...HOSTILE_KEYS), valueText), { maxLength: 2 }),
      )
      .map(([own, values, extra]) => {
        const entries = [...own.map((k, i) => [k, values[i % values.length]] as const), ...extra];
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
      }),
    valueText,
    fc.constantFrom('{"a":', '{"__proto__":{"isAdmin":true}}', `{"x":"${'y'.repeat(1_200_000)}"}`, 'null'),
  );

/** A value for a URL: encoded hostile text, raw escapes that do not decode, other people's ids. */
const urlValue = () =>
  fc.oneof(
    fc.constantFrom(...ids),
    fc.constantFrom(
      '%00',
      '%ED%A0%80',
      '%E0%A4%A',
      '%24gt',
      '__proto__',
      'constructor',
      '..%2F..',
      'x'.repeat(3000),
    ),
    fc.constantFrom(...HOSTILE_STRINGS.filter((s) => !/[\ud800-\udfff]/.test(s))).map(encodeURIComponent),
    fc.string({ unit: 'grapheme-ascii', maxLength: 30 }).map(encodeURIComponent),
  );

const queryText = (names: string[]) =>
  fc
    .array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(...(names.length > 0 ? names : ['q'])),
          fc.constantFrom(
            ...names.map((n) => `${n}[$gt]`),
            '$where',
            '__proto__[admin]',
            'constructor[prototype][x]',
          ),
        ),
        urlValue(),
      ),
      { maxLength: 5 },
    )
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&'));

/** A body's JSON text, shown shortened when fast-check reports a counterexample. */
class Body {
  constructor(readonly text: string) {}
  [fc.toStringMethod]() {
    return this.text.length > 300 ? `${this.text.slice(0, 300)}… (${this.text.length} chars)` : this.text;
  }
}

interface Case {
  role: Role;
  path: string;
  query: string;
  body: Body | undefined;
}

const caseFor = (op: Operation, role: Role): fc.Arbitrary<Case> =>
  fc.record({
    role: fc.constant(role),
    path: fc
      .tuple(...op.params.map(() => urlValue()))
      .map((values) => op.params.reduce((p, name, i) => p.replace(`{${name}}`, values[i]), op.template)),
    query: op.method === 'get' || op.query.length > 0 ? queryText(op.query) : fc.constant(''),
    body: op.bodyKeys === undefined ? fc.constant(undefined) : bodyText(op.bodyKeys).map((b) => new Body(b)),
  });

// ---- the state a refused request must leave alone ------------------------------------------------

async function digest(): Promise<string> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  const hash = createHash('sha256');
  const collections = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  for (const name of collections) {
    // every request with a bearer token stamps the token's lastUsedAt: bookkeeping, not the request's effect
    const projection = name === 'apitokens' ? { lastUsedAt: 0, updatedAt: 0 } : {};
    const docs = await db.collection(name).find({}, { projection }).sort({ _id: 1 }).toArray();
    hash.update(`${name}:${JSON.stringify(docs)}\n`);
  }
  return hash.digest('hex');
}

async function send(op: Operation, c: Case) {
  const url = c.query ? `${c.path}?${c.query}` : c.path;
  let req = request(t.app)[op.method](url);
  const caller = callers.get(c.role);
  if (caller) req = req.set(caller.header);
  if (c.body !== undefined) req = req.set('Content-Type', 'application/json').send(c.body.text);
  return req;
}

describe('hostile input over every documented operation', () => {
  test('operations come from the served document', () => {
    expect(operations.length).toBeGreaterThan(30);
  });

  const perPair = () => Math.max(1, Math.ceil(RUNS / (operations.length * ROLES.length)));

  test.each(ROLES)(
    'when %s sends hostile input to every operation, then no 5xx, errors in one shape, refusals write nothing',
    async (role) => {
      // the state after the previous request: a refused request must leave it as it was
      let state = await digest();
      for (const [index, op] of operations.entries()) {
        await fc.assert(
          fc.asyncProperty(caseFor(op, role), async (c) => {
            const res = await send(op, c);
            const after = await digest();
            const where = `${op.method.toUpperCase()} ${c.path}${c.query ? `?${c.query}` : ''} as ${role}`;
            if (res.status >= 500) throw new Error(`${where}: ${res.status} ${JSON.stringify(res.body)}`);
            if (res.status >= 400) {
              expect(res.headers['content-type']).toMatch(/^application\/json/);
              expect(res.body).toEqual({
                error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
              });
              if (after !== state)
                throw new Error(`${where}: refused with ${res.status} but wrote to the database`);
            }
            state = after;
            const broken = t.contract.take();
            if (broken.length > 0) throw new Error(`${where}: ${broken.join('\n')}`);
          }),
          { seed: SEED + index * ROLES.length + ROLES.indexOf(role), numRuns: perPair(), endOnFailure: true },
        );
      }
    },
    Math.max(60_000, RUNS * 400),
  );
});
