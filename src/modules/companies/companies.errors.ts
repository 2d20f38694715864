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
  channelRejected: (provider: string, detail: string) =>
    new AppError(
      'UNPROCESSABLE',
      provider === 'twilio'
        ? 'Twilio no aceptó esas credenciales (Account SID y Auth Token). Revísalas en la consola de Twilio; no se guardó nada.'
        : 'Meta no aceptó ese número con ese token (phone_number_id y token de acceso). Revisa ambos en el panel de Meta; no se guardó nada.',
      { provider, reason: detail },
    ),
  providerUnreachable: (provider: string, detail: string) =>
    new AppError(
      'UPSTREAM',
      `No pudimos comunicarnos con ${provider === 'twilio' ? 'Twilio' : 'Meta'} para verificar el número. Intenta de nuevo en unos minutos; no se guardó nada.`,
      { provider, reason: detail },
    ),
  platformFieldsOnly: (fields: string[]) =>
    new AppError('FORBIDDEN', `Solo el operador de la plataforma puede cambiar ${fields.join(', ')}.`),
  slugInUse: (slug: string) => new AppError('CONFLICT', `Ya existe un negocio con el identificador "${slug}". Elige otro.`, { field: 'slug' }),
  slugRequired: () => new AppError('VALIDATION', 'slug: identificador requerido para aprovisionar una empresa'),
  onboardingFieldForbidden: (fields: string[]) =>
    new AppError('FORBIDDEN', `Solo el operador de la plataforma puede indicar ${fields.join(', ')} al crear un negocio. Conecta el número de WhatsApp después, desde el negocio.`),
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
