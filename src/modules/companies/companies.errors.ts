import { AppError } from '../../platform/errors.ts';

export const companiesErrors = {
  notFound: () => new AppError('NOT_FOUND', 'Empresa no encontrada'),
  phoneNumberTaken: (id: string) =>
    new AppError('CONFLICT', `El número de WhatsApp (phone_number_id ${id}) ya está conectado a otra empresa`),
  slugTaken: (slug: string) =>
    new AppError('CONFLICT', `Ya existe una empresa con el identificador "${slug}" y datos distintos`),
};
