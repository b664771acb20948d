/**
 * Creates the first admin: `npx tsx scripts/create-admin.ts <email> <display name>`; the password is
 * read from ADMIN_PASSWORD or asked for on the terminal. Uses MONGO_URL / MONGO_DB like the service.
 */
import { createInterface } from 'node:readline/promises';
import { z } from 'zod';
import { getConfig } from '../src/lib/config';
import { connectMongo, disconnectMongo } from '../src/lib/db';
import { Email, Password } from '../src/lib/schemas';
import { createUser } from '../src/modules/accounts/users.service';

async function main(): Promise<void> {
  const [emailArg, ...nameParts] = process.argv.slice(2);
  const email = Email.parse(emailArg);
  const displayName = z
    .string()
    .min(1)
    .parse(nameParts.join(' ') || 'Administrator');
  let password = process.env.ADMIN_PASSWORD;
  if (!password) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    password = await rl.question('Password (10+ characters): ');
    rl.close();
  }
  Password.parse(password);
  await connectMongo(getConfig());
  try {
    const user = await createUser({ email, password, role: 'admin', displayName });
    console.log(`Admin created: ${user.email} (${String(user._id)})`);
  } finally {
    await disconnectMongo();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
