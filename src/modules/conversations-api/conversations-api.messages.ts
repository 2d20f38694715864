// What shop staff and API clients read from the inbox API (Spanish, kind and clear).
export const inboxMessages = {
  conversationNotFound: 'Conversación no encontrada.',
  messageNotFound: 'Mensaje no encontrado.',
  customerNotFound: 'Cliente no encontrado',
  mediaNotFound: 'Este mensaje no tiene un archivo guardado.',
  mediaPending: 'El archivo del cliente todavía se está descargando; inténtalo de nuevo en unos segundos.',
  mediaFailed: 'No pudimos descargar el archivo que envió el cliente.',
  windowClosed: (templates: number) =>
    templates > 0
      ? 'Han pasado más de 24 horas desde el último mensaje del cliente: WhatsApp solo permite escribirle con una plantilla aprobada. Elige una de las plantillas de la empresa.'
      : 'Han pasado más de 24 horas desde el último mensaje del cliente: WhatsApp solo permite escribirle con una plantilla aprobada, y la empresa todavía no tiene ninguna configurada.',
  templateUnknown: 'Esa plantilla no está aprobada para esta empresa.',
  noChannel: 'La empresa no tiene un número de WhatsApp activo para enviar mensajes.',
  productNotFound: 'Producto no encontrado o inactivo.',
  uploadNotFound: 'La imagen subida no existe; súbela de nuevo.',
  imageRequired: 'Envía una imagen JPEG, PNG o WebP en el cuerpo de la petición.',
  imageUnreadable: 'El archivo no es una imagen válida (JPEG, PNG o WebP).',
  imageTooLarge: (mb: number) => `La imagen supera el máximo de ${mb} MB.`,
  assigneeNotMember: 'Esa persona no pertenece a esta empresa.',
} as const;
