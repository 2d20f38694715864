// The API's answers as the panel reads them, typed from the API's own zod schemas (type-only
// imports: no server code reaches the bundle).
import type { z } from 'zod';
import type { importPreviewSchema, productListSchema, productSchema, categorySchema } from '../../../../src/modules/catalog/catalog.api-schemas.ts';
import type { channelStatusSchema, publicCompanySchema } from '../../../../src/modules/companies/companies.schemas.ts';
import type { settingsSchema } from '../../../../src/modules/settings/settings.schemas.ts';
import type { BusinessInfo } from '../../../../src/modules/companies/business-info.ts';
import type { apiKeySchema, invitationSchema, memberSchema } from '../../../../src/modules/accounts/accounts.schemas.ts';

export type CompanyDetails = z.infer<typeof publicCompanySchema>;
export type ChannelStatus = z.infer<typeof channelStatusSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type { BusinessInfo };
export type Product = z.infer<typeof productSchema>;
export type ProductList = z.infer<typeof productListSchema>;
export type Category = z.infer<typeof categorySchema>;
export type ImportPreview = z.infer<typeof importPreviewSchema>;
export type Member = z.infer<typeof memberSchema>;
export type Invitation = z.infer<typeof invitationSchema>;
export type ApiKey = z.infer<typeof apiKeySchema>;

export type PlanLimits = {
  code: string;
  name: string;
  monthlyMessages: number;
  activeProducts: number;
  staffSeats: number;
  features: { ai: boolean; bookings: boolean; shortlinks: boolean; analytics: boolean };
  priceMonthly: string;
};
export type Usage = {
  period: string;
  plan: string;
  messagesUsed: number;
  messageLimit: number;
  inboundMessages: number;
  outboundMessages: number;
  remaining: number;
  limitReached: boolean;
  limits: PlanLimits;
};
