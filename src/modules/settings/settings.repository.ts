// The company's settings row in the central schema: its own data and business_info, read and
// written in one statement each (a PUT never leaves half of it written).
import type pg from 'pg';

export type SettingsRow = {
  name: string;
  currency: string;
  locale: string;
  timezone: string;
  adminPhone: string | null;
  businessInfo: unknown;
};

export type SettingsPatch = Partial<Omit<SettingsRow, 'businessInfo'>> & { businessInfo?: unknown };

const COLUMNS = `name, currency, locale, timezone, admin_phone AS "adminPhone", business_info AS "businessInfo"`;

export function createSettingsRepository(pool: pg.Pool) {
  return {
    async read(companyId: string): Promise<SettingsRow | null> {
      const { rows } = await pool.query<SettingsRow>(`SELECT ${COLUMNS} FROM public.companies WHERE id = $1`, [companyId]);
      return rows[0] ?? null;
    },

    async write(companyId: string, patch: SettingsPatch): Promise<SettingsRow | null> {
      const { rows } = await pool.query<SettingsRow>(
        `UPDATE public.companies SET
           name = COALESCE($2, name), currency = COALESCE($3, currency), locale = COALESCE($4, locale),
           timezone = COALESCE($5, timezone),
           admin_phone = CASE WHEN $6::boolean THEN $7 ELSE admin_phone END,
           business_info = COALESCE($8::jsonb, business_info), updated_at = now()
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [
          companyId,
          patch.name ?? null,
          patch.currency ?? null,
          patch.locale ?? null,
          patch.timezone ?? null,
          patch.adminPhone !== undefined,
          patch.adminPhone ?? null,
          patch.businessInfo === undefined ? null : JSON.stringify(patch.businessInfo),
        ],
      );
      return rows[0] ?? null;
    },
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
