// Business settings: the company's own data and the business info the bot answers from.
import { AppError } from '../../platform/errors.ts';
import { readBusinessInfo } from '../companies/index.ts';
import { closedNotice } from './closed-notice.ts';
import { deliveryCharges, fromCents, toCents, type DeliveryMethod } from './delivery-charges.ts';
import { isOpenAt, nextOpening } from './opening-hours.ts';
import type { SettingsRepository, SettingsRow } from './settings.repository.ts';
import type { SettingsInput } from './settings.schemas.ts';

const notFound = () => new AppError('NOT_FOUND', 'Empresa no encontrada');

export function createSettingsService(deps: { repo: SettingsRepository; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());

  function shape(row: SettingsRow) {
    const info = readBusinessInfo(row.businessInfo);
    const at = now();
    const next = nextOpening(info, row.timezone, at);
    const d = info.delivery;
    return {
      company: { name: row.name, currency: row.currency, locale: row.locale, timezone: row.timezone, adminPhone: row.adminPhone },
      businessInfo: info,
      now: {
        open: isOpenAt(info, row.timezone, at),
        nextOpening: next && { ...next, at: next.at.toISOString() },
        closedNotice: closedNotice(info, row.name, row.timezone, at)?.text ?? null,
      },
      delivery: {
        fee: fromCents(d?.fee ? toCents(d.fee) : 0),
        freeFrom: d?.freeFrom ? fromCents(toCents(d.freeFrom)) : null,
        minimumOrder: d?.minimumOrder ? fromCents(toCents(d.minimumOrder)) : null,
      },
    };
  }

  return {
    async getSettings(companyId: string) {
      const row = await deps.repo.read(companyId);
      if (!row) throw notFound();
      return shape(row);
    },

    async updateSettings(companyId: string, input: SettingsInput) {
      const c = input.company ?? {};
      const row = await deps.repo.write(companyId, {
        name: c.name,
        currency: c.currency,
        locale: c.locale,
        timezone: c.timezone,
        adminPhone: c.adminPhone === undefined ? undefined : (c.adminPhone?.replace(/^\+/, '') ?? null),
        businessInfo: input.businessInfo,
      });
      if (!row) throw notFound();
      return shape(row);
    },

    /** What an order of `subtotal` would cost with the shop's delivery rule. */
    async quoteDelivery(companyId: string, subtotal: string, method: DeliveryMethod) {
      const row = await deps.repo.read(companyId);
      if (!row) throw notFound();
      return deliveryCharges(readBusinessInfo(row.businessInfo), subtotal, method);
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
