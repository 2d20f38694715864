// Spanish texts of the HTTP edge: what an API client reads when a request is refused before
// (or instead of) reaching a module.

export const httpMessages = {
  routeNotFound: 'Ruta no encontrada',
  missingToken: 'Falta el token de acceso (Authorization: Bearer …)',
  invalidToken: 'Token de acceso inválido',
  companySuspended: 'La empresa está suspendida: su clave de API no tiene acceso. Habla con el operador de la plataforma.',
  missingCredentials: 'Inicia sesión, o envía un token de acceso (Authorization: Bearer …).',
  csrfMismatch: 'Falta el encabezado x-csrf-token de tu sesión, o no corresponde. Recarga la página e intenta de nuevo.',
  userOnly: 'Esta acción requiere iniciar sesión con una cuenta de usuario.',
  companyNotFound: 'Empresa no encontrada',
  ownerOnly: 'Solo el dueño de la empresa puede hacer esto.',
  apiKeyNotForOwners: 'Una clave de API no puede hacer esto: inicia sesión como dueño de la empresa.',
  platformAdminOnly: 'Solo el operador de la plataforma puede hacer esto',
  invalidRequest: 'Solicitud inválida',
  invalidData: 'Datos inválidos',
  internal: 'Error interno. Intenta de nuevo más tarde.',
  bodyNotJson: 'El cuerpo de la solicitud no es JSON válido.',
  bodyTooLarge: (limit: string) => `El cuerpo de la solicitud es demasiado grande (máximo ${limit}).`,
  bodyNotJsonType: 'El cuerpo debe enviarse como JSON (Content-Type: application/json).',
  charsetUnsupported: 'El JSON debe enviarse en UTF-8.',
  encodingUnsupported: 'Content-Encoding no soportado: envía el cuerpo sin comprimir, o con gzip, deflate o br.',
  bodyUnreadable: 'No se pudo leer el cuerpo de la solicitud (¿se cortó el envío, o el Content-Encoding no corresponde?).',
  badPathEncoding: 'La ruta tiene caracteres mal codificados (revisa los %XX).',
  nulCharacter: (where: string) => `${where}: contiene un carácter nulo (\\u0000), que no se puede guardar. Quítalo e intenta de nuevo.`,
  loneSurrogate: (where: string) =>
    `${where}: contiene texto Unicode mal formado (un sustituto UTF-16 suelto, p. ej. \\ud800). Revisa la codificación del texto.`,
  where: {
    path: 'La ruta',
    query: (key: string) => `El parámetro de consulta "${key}"`,
    queryKey: 'Un nombre de parámetro de consulta',
    body: (path: string) => (path ? `El campo ${path}` : 'El cuerpo'),
    bodyKey: (path: string) => `Un nombre de campo en ${path || 'el cuerpo'}`,
  },
  database: {
    invalidValue: 'Un valor enviado no se puede guardar (número fuera de rango, fecha o texto no válidos).',
    duplicate: (field?: string) => (field ? `Ya existe otro registro con el mismo ${field}.` : 'Ya existe otro registro con esos mismos datos.'),
    missingReference: 'Los datos hacen referencia a un registro que no existe o que todavía se usa.',
    ruleBroken: 'Falta un dato obligatorio o un valor no cumple las reglas (por ejemplo, no puede ser negativo).',
  },
};
