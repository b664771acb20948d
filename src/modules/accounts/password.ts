import argon2 from 'argon2';

/** argon2id with the library's recommended parameters (m=64 MiB, t=3, p=4). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** A fixed hash to verify against when no account exists, so timing does not reveal which emails exist. */
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(hash: string | undefined | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword('not-a-real-password');
  const target = hash ?? (await dummyHash);
  const ok = await argon2.verify(target, password).catch(() => false);
  return ok && Boolean(hash);
}
