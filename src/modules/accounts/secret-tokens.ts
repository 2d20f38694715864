import { createHash, randomBytes } from 'node:crypto';

/**
 * A random secret (32 bytes, base64url) with a prefix that says what it is (mss_ session, mst_
 * API key, …): the prefix lets a Bearer credential be routed to the right lookup and lets secret
 * scanners recognise a leaked one. Only its sha256 is stored: a copy of the database signs no one in.
 */
export const newSecret = (prefix: string): string => `${prefix}${randomBytes(32).toString('base64url')}`;

export const sha256 = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export const SESSION_PREFIX = 'mss_';
export const API_KEY_PREFIX = 'mst_';
export const RESET_PREFIX = 'msr_';
export const INVITATION_PREFIX = 'msi_';
