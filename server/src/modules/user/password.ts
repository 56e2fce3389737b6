import argon2 from 'argon2';

/** argon2id; the memory cost comes from config (lowered only in tests). */
export const hashPassword = (password: string, memoryCost: number): Promise<string> =>
  argon2.hash(password, { type: argon2.argon2id, memoryCost, timeCost: 2, parallelism: 1 });

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal it. */
let decoy: Promise<string> | null = null;
export const decoyHash = (memoryCost: number): Promise<string> => (decoy ??= hashPassword('decoy-password', memoryCost));
