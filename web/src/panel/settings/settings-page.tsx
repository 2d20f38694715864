// /panel/:slug/ajustes/*: the owner's settings in sections (a tab row that scrolls on a phone).
import { NavLink, Route, Routes, useParams } from 'react-router';
import { PageHeader } from '../lib/ui/index.ts';
import { NotFound } from '../layout/status-pages.tsx';
import { ChannelPanel } from '../shared/channel-form.tsx';
import { ApiKeysSettings } from './api-keys-settings.tsx';
import { BotSettings } from './bot-settings.tsx';
import { BusinessSettings } from './business-settings.tsx';
import { PlanSettings } from './plan-settings.tsx';
import { TeamSettings } from './team-settings.tsx';

const TABS = [
  { to: '', label: 'Negocio' },
  { to: 'bot', label: 'Bot y mensajes' },
  { to: 'equipo', label: 'Equipo' },
  { to: 'whatsapp', label: 'WhatsApp' },
  { to: 'claves', label: 'Claves de API' },
  { to: 'plan', label: 'Plan y uso' },
];

export default function SettingsPage() {
  const { slug = '' } = useParams();
  return (
    <div>
      <PageHeader title="Ajustes" />
      <nav aria-label="Secciones de ajustes" className="-mx-4 mb-5 overflow-x-auto border-b border-slate-200 px-4 lg:mx-0 lg:px-0">
        <ul className="flex min-w-max gap-1">
          {TABS.map((t) => (
            <li key={t.to}>
              <NavLink
                to={`/panel/${slug}/ajustes${t.to ? `/${t.to}` : ''}`}
                end
                className={({ isActive }) =>
                  `inline-flex min-h-11 items-center border-b-2 px-3 text-sm font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-wa-green ${
                    isActive ? 'border-wa-green text-wa-green-dark' : 'border-transparent text-slate-600 hover:text-slate-900'
                  }`
                }
              >
                {t.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<BusinessSettings slug={slug} />} />
        <Route path="bot" element={<BotSettings slug={slug} />} />
        <Route path="equipo" element={<TeamSettings slug={slug} />} />
        <Route path="whatsapp" element={<div className="max-w-3xl"><ChannelPanel slug={slug} /></div>} />
        <Route path="claves" element={<ApiKeysSettings slug={slug} />} />
        <Route path="plan" element={<PlanSettings slug={slug} />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}
