import { Router } from 'express';
import { companiesErrors } from './companies.errors.ts';
import { canAccess, requirePlatformAdmin } from '../../platform/http/auth.ts';
import type { CompaniesService } from './companies.service.ts';
import { publicCompany } from './companies.service.ts';
import { updateCompanySchema } from './companies.schemas.ts';

export function createCompaniesRouter(deps: { companies: CompaniesService }): Router {
  const router = Router();

  router.post('/api/companies', requirePlatformAdmin, async (req, res) => {
    const result = await deps.companies.createCompany(req.body ?? {});
    res.status(result.created ? 201 : 200).json({
      company: result.company,
      created: result.created,
      // Shown once: the key that scopes the admin API to this company.
      ...(result.apiKey ? { apiKey: result.apiKey } : {}),
    });
  });

  router.get('/api/companies', requirePlatformAdmin, async (_req, res) => {
    res.json({ companies: await deps.companies.listCompanies() });
  });

  router.get('/api/companies/:slug', async (req, res) => {
    const c = await deps.companies.getCompany(req.params.slug);
    if (!canAccess(req.principal, c.id)) throw companiesErrors.notFound();
    res.json({ company: publicCompany(c) });
  });

  router.patch('/api/companies/:slug', requirePlatformAdmin, async (req, res) => {
    const patch = updateCompanySchema.parse(req.body ?? {});
    res.json({ company: await deps.companies.updateCompany(String(req.params.slug), patch) });
  });

  // The platform admin, or the company itself (a leaked key is replaced without waiting for
  // anyone). The new key is shown once; the old one is refused from this moment.
  router.post('/api/companies/:slug/api-key/rotate', async (req, res) => {
    const c = await deps.companies.getCompany(req.params.slug);
    if (!canAccess(req.principal, c.id)) throw companiesErrors.notFound();
    const { company, apiKey } = await deps.companies.rotateApiKey(c.slug);
    res.json({ company, apiKey });
  });

  return router;
}
