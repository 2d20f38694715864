export { createCompaniesRepository, type CompaniesRepository } from './companies.repository.ts';
export {
  createCompaniesService,
  toCompany,
  botAnswers,
  overMessageLimit,
  type CompaniesService,
  type Company,
  type ResolvedChannel,
  publicCompany,
} from './companies.service.ts';
export { createCompanySchema, updateCompanySchema, schemaNameFor, type CreateCompanyInput } from './companies.schemas.ts';
export { companiesErrors } from './companies.errors.ts';
export { businessInfoSchema, readBusinessInfo, type BusinessInfo } from './business-info.ts';
export { createCompaniesRouter } from './companies.routes.ts';
