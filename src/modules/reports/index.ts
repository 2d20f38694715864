// Reports: the dashboard's figures for a period, computed in SQL per tenant.
export { buildReport, reportPeriod, type ReportCompany } from './reports.service.ts';
export { reportSchema, reportQuerySchema, type Report, type ReportQuery } from './reports.schemas.ts';
export { createReportsRouter } from './reports.routes.ts';
