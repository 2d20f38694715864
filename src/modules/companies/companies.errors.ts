import { AppError } from '../../platform/errors.ts';
import type { ConnectionFailure } from '../../platform/db/probe-connection.ts';

const connectionFailures: Record<ConnectionFailure, string> = {
  refused: 'el servidor rechazó la conexión o no está escuchando en ese puerto',
  host_not_found: 'no se encontró el servidor',
  timeout: 'el servidor no respondió a tiempo',
  authentication: 'usuario o clave incorrectos',
  no_database: 'la base de datos no existe',
  other: 'la conexión falló',
};

export const companiesErrors = {
  notFound: () => new AppError('NOT_FOUND', 'Empresa no encontrada'),
  phoneNumberTaken: (id: string) =>
    new AppError('CONFLICT', id.startsWith('+')
      ? `El número de WhatsApp ${id} ya está conectado a otra empresa`
      : `El número de WhatsApp (phone_number_id ${id}) ya está conectado a otra empresa`),
  slugTaken: (slug: string) =>
    new AppError('CONFLICT', `Ya existe una empresa con el identificador "${slug}" y datos distintos`),
  databaseUnreachable: (failure: ConnectionFailure) =>
    new AppError(
      'UNPROCESSABLE',
      `databaseUrl: no se pudo conectar a la base de datos indicada (${connectionFailures[failure]}). No se creó la empresa.`,
      { field: 'databaseUrl', reason: failure },
    ),
  databaseUnusable: () =>
    new AppError(
      'UNPROCESSABLE',
      'databaseUrl: la base de datos indicada no permitió crear el esquema de la empresa (¿el usuario puede hacer CREATE SCHEMA?). No se creó la empresa.',
      { field: 'databaseUrl' },
    ),
};
