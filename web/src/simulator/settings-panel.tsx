// Left column: which company to talk to and who the fake customer is.
import { t } from './simulator.messages.ts';
import type { Company, Provider } from './wire-types.ts';

export type CompaniesState =
  | { status: 'loading' }
  | { status: 'error' }
  | { status: 'ready'; companies: Company[]; fromEmulator: boolean };

type Props = {
  companies: CompaniesState;
  provider: Provider;
  /** The companies with a number on the chosen provider. */
  offered: Company[];
  onProvider: (provider: Provider) => void;
  slug: string;
  phone: string;
  phoneValid: boolean;
  name: string;
  onSlug: (slug: string) => void;
  onPhone: (phone: string) => void;
  onName: (name: string) => void;
  onNewChat: () => void;
};

const field =
  'mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-[15px] text-slate-900 shadow-sm outline-none focus:border-wa-green focus:ring-2 focus:ring-wa-green/30';

export function SettingsPanel(props: Props) {
  const { companies } = props;
  const adminPhone = props.offered.find((c) => c.slug === props.slug)?.adminPhone ?? undefined;
  return (
    <aside className="w-full max-w-[420px] lg:w-80">
      <header className="mb-5">
        <p className="text-[13px] font-semibold tracking-wide text-wa-green uppercase">Mostrador</p>
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">{t.pageTitle}</h1>
        <p className="mt-2 text-[14px] leading-relaxed text-slate-600">{t.pageIntro}</p>
      </header>

      <div className="space-y-4 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <fieldset>
          <legend className="text-[13px] font-medium text-slate-700">{t.provider}</legend>
          <div className="mt-1 grid grid-cols-2 gap-1 rounded-lg bg-slate-100 p-1" role="radiogroup" aria-label={t.provider}>
            {(['meta', 'twilio'] as const).map((p) => (
              <label
                key={p}
                className={`cursor-pointer rounded-md px-2 py-1.5 text-center text-[14px] font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-wa-green ${
                  props.provider === p ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'
                }`}
              >
                <input
                  type="radio"
                  name="sim-provider"
                  value={p}
                  className="sr-only"
                  checked={props.provider === p}
                  onChange={() => props.onProvider(p)}
                />
                {t.providers[p]}
              </label>
            ))}
          </div>
          <p className="mt-1 text-[12.5px] text-slate-500">{t.providerHelp[props.provider]}</p>
        </fieldset>

        <div>
          <label htmlFor="sim-company" className="text-[13px] font-medium text-slate-700">
            {t.company}
          </label>
          <select
            id="sim-company"
            className={field}
            value={props.slug}
            disabled={companies.status !== 'ready' || props.offered.length === 0}
            onChange={(e) => props.onSlug(e.target.value)}
          >
            {companies.status === 'loading' && <option value="">{t.companiesLoading}</option>}
            {companies.status === 'error' && <option value="">—</option>}
            {companies.status === 'ready' && (
              <>
                <option value="" disabled>
                  {t.companyPlaceholder}
                </option>
                {props.offered.map((c) => (
                  <option key={`${c.provider}:${c.slug}`} value={c.slug}>
                    {c.name} · +{c.displayPhoneNumber}
                  </option>
                ))}
              </>
            )}
          </select>
          {companies.status === 'error' && (
            <p role="alert" className="mt-1 text-[13px] text-red-700">
              {t.companiesError}
            </p>
          )}
          {companies.status === 'ready' && companies.companies.length === 0 && (
            <p className="mt-1 text-[13px] text-slate-600">{t.companiesEmpty}</p>
          )}
          {companies.status === 'ready' && companies.companies.length > 0 && props.offered.length === 0 && (
            <p className="mt-1 text-[13px] text-slate-600">{t.companiesEmptyProvider}</p>
          )}
          {companies.status === 'ready' && companies.fromEmulator && props.offered.length > 0 && (
            <p className="mt-1 text-[13px] text-slate-500">{t.companiesFromEmulator}</p>
          )}
        </div>

        <div>
          <label htmlFor="sim-phone" className="text-[13px] font-medium text-slate-700">
            {t.customerPhone}
          </label>
          <input
            id="sim-phone"
            className={field}
            inputMode="numeric"
            autoComplete="off"
            value={props.phone}
            aria-invalid={!props.phoneValid}
            aria-describedby="sim-phone-help"
            onChange={(e) => props.onPhone(e.target.value.replace(/\D/g, ''))}
          />
          <p id="sim-phone-help" className={`mt-1 text-[12.5px] ${props.phoneValid ? 'text-slate-500' : 'text-red-700'}`}>
            {props.phoneValid ? t.customerPhoneHelp : t.customerPhoneInvalid}
          </p>
          {adminPhone && adminPhone !== props.phone && (
            <button type="button" onClick={() => props.onPhone(adminPhone)} className="mt-1 text-left text-[13px] font-medium text-wa-green-dark underline underline-offset-2">
              {t.asAdmin(adminPhone)}
            </button>
          )}
          {adminPhone && adminPhone === props.phone && <p className="mt-1 text-[12.5px] text-slate-500">{t.asAdminHelp}</p>}
        </div>

        <div>
          <label htmlFor="sim-name" className="text-[13px] font-medium text-slate-700">
            {t.profileName}
          </label>
          <input
            id="sim-name"
            className={field}
            autoComplete="off"
            maxLength={60}
            value={props.name}
            onChange={(e) => props.onName(e.target.value)}
          />
        </div>

        <div>
          <button
            type="button"
            onClick={props.onNewChat}
            className="w-full rounded-lg bg-wa-green px-4 py-2 text-[15px] font-medium text-white shadow-sm hover:bg-wa-green-dark focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-wa-green"
          >
            {t.newChat}
          </button>
          <p className="mt-1 text-center text-[12.5px] text-slate-500">{t.newChatHelp}</p>
        </div>
      </div>

      <section className="mt-4 hidden rounded-2xl bg-white/60 p-4 text-[13.5px] text-slate-600 ring-1 ring-slate-200 lg:block">
        <h2 className="font-medium text-slate-800">{t.howItWorks}</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {t.howItWorksItems.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </section>
    </aside>
  );
}
