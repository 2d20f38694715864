import type { OutboundContent } from './messages.types.ts';

/**
 * An approved template message in the shop's language: Meta names languages with an underscore
 * (`es_MX`) where our locales use a hyphen (`es-MX`). `params` fill the body variables in order.
 */
export const templateMessage = (name: string, locale: string, params: string[]): OutboundContent => ({
  kind: 'template',
  name,
  language: locale.replace('-', '_'),
  params,
});
