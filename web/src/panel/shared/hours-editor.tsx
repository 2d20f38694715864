// The week's opening hours, one span per day (extra spans a day already has are kept as they are).
import type { BusinessInfo } from '../lib/wire.ts';

export const WEEKDAYS = ['Domingo', 'Lunes', 'Martes', 'Miércoles', 'Jueves', 'Viernes', 'Sábado'];
type Span = { day: number; open: string; close: string };
export type DayHours = { open: boolean; from: string; to: string };

export function daysFrom(info: BusinessInfo | undefined): DayHours[] {
  const weekly: Span[] = info?.hours?.weekly ?? [];
  return WEEKDAYS.map((_, day) => {
    const span = weekly.find((s) => s.day === day);
    return span ? { open: true, from: span.open, to: span.close } : { open: false, from: '09:00', to: '19:00' };
  });
}

/** The weekly spans for the API: the edited first span of each open day plus any later ones it had. */
export function weeklyFrom(days: DayHours[], info: BusinessInfo | undefined): Span[] {
  const before: Span[] = info?.hours?.weekly ?? [];
  return days.flatMap((d, day) => {
    if (!d.open) return [];
    const extra = before.filter((s) => s.day === day).slice(1);
    return [{ day, open: d.from, close: d.to }, ...extra];
  });
}

/** A form field's text, trimmed; undefined when empty. */
export const optionalField = (v: FormDataEntryValue | null): string | undefined => {
  const s = String(v ?? '').trim();
  return s ? s : undefined;
};

/** Neither delivery nor pickup: the one rule of the hours-and-delivery form the schema cannot say. */
export const NO_DELIVERY_WAY = 'Elige al menos una forma de entrega: a domicilio o para recoger.';

/**
 * The hours and delivery parts of the business info, as the onboarding wizard and the settings
 * page both send them: the edited week, the choices, and the delivery fields of the form
 * (money with a decimal comma read as a point).
 */
export function hoursAndDelivery(
  info: BusinessInfo,
  edited: { days: DayHours[]; whenClosed: boolean; delivery: boolean; pickup: boolean },
  form: FormData,
): Pick<BusinessInfo, 'hours' | 'delivery'> {
  const money = (k: string) => optionalField(form.get(k))?.replace(',', '.');
  return {
    hours: { weekly: weeklyFrom(edited.days, info), exceptions: info.hours?.exceptions ?? [], acceptOrdersWhenClosed: edited.whenClosed },
    delivery: {
      delivery: edited.delivery,
      pickup: edited.pickup,
      fee: money('fee'),
      freeFrom: money('freeFrom'),
      minimumOrder: money('minimumOrder'),
      areas: optionalField(form.get('areas')),
      estimatedTime: optionalField(form.get('estimatedTime')),
    },
  };
}

export function HoursEditor({ days, onChange }: { days: DayHours[]; onChange: (days: DayHours[]) => void }) {
  const set = (i: number, patch: Partial<DayHours>) => onChange(days.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-medium text-slate-800">Horario de atención</legend>
      <ul className="flex flex-col gap-2">
        {days.map((d, i) => (
          <li key={i} className="grid grid-cols-[7.5rem_1fr] items-center gap-2 sm:grid-cols-[9rem_1fr]">
            <label className="inline-flex min-h-11 items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" className="h-5 w-5 accent-wa-green" checked={d.open} onChange={(e) => set(i, { open: e.target.checked })} />
              {WEEKDAYS[i]}
            </label>
            {d.open ? (
              <div className="flex items-center gap-2">
                <input type="time" aria-label={`${WEEKDAYS[i]}: abre`} value={d.from} onChange={(e) => set(i, { from: e.target.value })} className="h-11 min-w-0 flex-1 rounded-lg border border-slate-300 px-2 text-sm focus:outline-2 focus:outline-wa-green/40" />
                <span className="text-sm text-slate-600">a</span>
                <input type="time" aria-label={`${WEEKDAYS[i]}: cierra`} value={d.to} onChange={(e) => set(i, { to: e.target.value })} className="h-11 min-w-0 flex-1 rounded-lg border border-slate-300 px-2 text-sm focus:outline-2 focus:outline-wa-green/40" />
              </div>
            ) : (
              <span className="text-sm text-slate-500">Cerrado</span>
            )}
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
