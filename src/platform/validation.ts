import { z } from 'zod';

/**
 * zod's own messages (those no schema replaces with its own text) in Spanish: they reach API
 * users and shop owners. Process-wide; the environment check passes English explicitly, since
 * its reader is the operator.
 */
export function useSpanishValidationMessages(): void {
  z.config(z.locales.es());
}
