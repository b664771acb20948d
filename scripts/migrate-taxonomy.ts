/**
 * `npx tsx scripts/migrate-taxonomy.ts`: rewrites retired taxonomy codes (RETIRED in
 * src/modules/taxonomy/taxonomy.data.ts) to their replacements in experts and needs of the database
 * MONGO_URL / MONGO_DB name. Idempotent: a second run finds nothing to change. Prints the counts.
 *
 * Arrays keep their order and lose duplicates (an expert who had both the old and the new code keeps one).
 * The ancestor lists (experts.taxonomyCodes, needs.skillScopes) also gain the replacement's ancestors.
 */
import type { Model } from 'mongoose';
import { loadConfig } from '../src/lib/config';
import { connectMongo, disconnectMongo } from '../src/lib/db';
import { Expert } from '../src/modules/experts/expert.model';
import { Need } from '../src/modules/needs/need.model';
import { RETIRED } from '../src/modules/taxonomy/taxonomy.data';
import { getNode } from '../src/modules/taxonomy/taxonomy.service';

type AnyModel = Model<Record<string, unknown>>;

/** The code and its ancestors, nearest first: health.orthopaedics → [health.orthopaedics, health]. */
function withAncestors(code: string): string[] {
  const chain: string[] = [];
  for (let node = getNode(code); node; node = node.parent ? getNode(node.parent) : undefined)
    chain.push(node.code);
  return chain;
}

/** An update pipeline stage: in `path`, `from` becomes `to` (one or more codes), order kept, no duplicates. */
function replaceInArray(path: string, from: string, to: string[]) {
  const mapped = {
    $reduce: {
      input: `$${path}`,
      initialValue: [],
      in: { $concatArrays: ['$$value', { $cond: [{ $eq: ['$$this', from] }, to, ['$$this']] }] },
    },
  };
  const deduplicated = {
    $reduce: {
      input: mapped,
      initialValue: [],
      in: { $cond: [{ $in: ['$$this', '$$value'] }, '$$value', { $concatArrays: ['$$value', ['$$this']] }] },
    },
  };
  return { $set: { [path]: deduplicated } };
}

async function rewriteArray(model: AnyModel, path: string, from: string, to: string[]): Promise<number> {
  const result = await model.updateMany({ [path]: from }, [replaceInArray(path, from, to)], {
    updatePipeline: true,
  });
  return result.modifiedCount;
}

async function rewriteString(model: AnyModel, path: string, from: string, to: string): Promise<number> {
  const result = await model.updateMany({ [path]: from }, { $set: { [path]: to } });
  return result.modifiedCount;
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  await connectMongo(config);
  const experts = Expert as unknown as AnyModel;
  const needs = Need as unknown as AnyModel;
  try {
    let total = 0;
    for (const { code, replacedBy } of RETIRED) {
      const counts = {
        'experts.fields': await rewriteArray(experts, 'fields', code, [replacedBy]),
        'experts.skills': await rewriteArray(experts, 'skills', code, [replacedBy]),
        'experts.taxonomyCodes': await rewriteArray(
          experts,
          'taxonomyCodes',
          code,
          withAncestors(replacedBy),
        ),
        'needs.field': await rewriteString(needs, 'field', code, replacedBy),
        'needs.mustHaveSkills': await rewriteArray(needs, 'mustHaveSkills', code, [replacedBy]),
        'needs.niceToHaveSkills': await rewriteArray(needs, 'niceToHaveSkills', code, [replacedBy]),
        'needs.skillScopes': await rewriteArray(needs, 'skillScopes', code, withAncestors(replacedBy)),
      };
      const changed = Object.values(counts).reduce((a, b) => a + b, 0);
      total += changed;
      const detail = Object.entries(counts)
        .map(([path, n]) => `${path} ${n}`)
        .join(', ');
      console.log(`${code} → ${replacedBy}: ${detail}`);
    }
    console.log(`${total} document field(s) rewritten in ${config.mongo.dbName}`);
  } finally {
    await disconnectMongo();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
