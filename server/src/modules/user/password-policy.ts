import type { Problem } from '../../common/errors';
import { Role } from './user.entity';

/**
 * The password policy, applied whenever a person sets a password (createUser, changePassword,
 * completePasswordReset): at least 12 characters for an ADMIN and 10 for everyone else, at most
 * 200, and not one of the ~49,000 most common passwords (the list @zxcvbn-ts/language-common
 * ships, compared without case). Seeded demo accounts do not go through it.
 */
export const MIN_LENGTH_ADMIN = 12;
export const MIN_LENGTH = 10;
export const MAX_LENGTH = 200;

export const minLength = (role: Role): number => (role === Role.ADMIN ? MIN_LENGTH_ADMIN : MIN_LENGTH);

// read on first use: the list is a few megabytes that a server which never sets a password never needs
let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  if (!common) {
    const { dictionary } = require('@zxcvbn-ts/language-common') as { dictionary: Record<string, string[]> };
    common = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  }
  return common;
}

export const isCommonPassword = (password: string): boolean => commonPasswords().has(password.toLowerCase());

/** What is wrong with `password` for a person of `role` (empty when it may be used). */
export function passwordProblems(password: string, role: Role, path = 'password'): Problem[] {
  const min = minLength(role);
  if (typeof password !== 'string' || password.length < min) return [{ path, message: `must be at least ${min} characters for a ${role}`, code: 'PASSWORD_TOO_SHORT', params: { min } }];
  if (password.length > MAX_LENGTH) return [{ path, message: `must be at most ${MAX_LENGTH} characters`, code: 'TOO_LONG', params: { field: path, max: MAX_LENGTH } }];
  if (isCommonPassword(password)) return [{ path, message: 'is one of the most common passwords; choose another', code: 'PASSWORD_COMMON' }];
  return [];
}
